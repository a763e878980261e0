// Two daemons on the same config text (real supervisord and tssupervisord, each in its own temp dir)
// and the python script that runs one fixed list of RPC calls against either of them.
// Daemons are stopped by pid; their children (pids reported by the script) are waited for until gone.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binDir, repoRoot } from './paths.js';

export const SUPERVISORD = '/usr/bin/supervisord';
export const ORACLE_SCRIPT = path.join(repoRoot, 'test', 'helpers', 'rpc-oracle.py');

/** Every path is `%(here)s`-relative, so both daemons read the very same text. */
export const FIXTURE_CONFIG = `[unix_http_server]
file = %(here)s/supervisor.sock

[supervisord]
logfile = %(here)s/supervisord.log
pidfile = %(here)s/supervisord.pid
childlogdir = %(here)s
identifier = rpcx

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:long]
command = sleep 1000
priority = 10

[program:pool]
command = sleep 1000
numprocs = 2
process_name = %(program_name)s_%(process_num)02d

[group:g]
programs = ga,gb
priority = 50

[program:ga]
command = sleep 1000

[program:gb]
command = sleep 1000
priority = 5

[program:crash]
command = sh -c 'exit 1'
startretries = 0

[program:manual]
command = cat
autostart = false

[program:missing]
command = /nonexistent/binary
startretries = 0

[program:nolog]
command = sleep 1000
stdout_logfile = NONE

[program:printer]
command = sh -c 'printf 0123456789; printf ERR-0123 >&2; exec sleep 1000'
stdout_logfile = %(here)s/printer.out

[program:noinput]
command = sh -c 'exec 0<&-; exec sleep 1000'
autostart = false

[program:stubborn]
command = sh -c 'trap "" TERM; exec sleep 1000'
autostart = false
stopwaitsecs = 2

# end
`;

export interface OracleDaemon {
  readonly dir: string;
  readonly child: ChildProcess;
  /** Waits for the daemon to exit (it shuts down at the end of the script), SIGTERM/SIGKILL if it does not. */
  stop(): Promise<void>;
  stderr(): string;
}

export function startFixtureDaemon(impl: 'supervisord' | 'ours'): OracleDaemon {
  const dir = mkdtempSync(path.join(os.tmpdir(), `rpcx-${impl}-`));
  const conf = path.join(dir, 'supervisord.conf');
  writeFileSync(conf, FIXTURE_CONFIG);
  const [cmd, args] = impl === 'supervisord' ? [SUPERVISORD, ['-n', '-c', conf]] : [process.execPath, [path.join(binDir, 'tssupervisord'), '-n', '-c', conf]];
  const child = spawn(cmd, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const stop = async (): Promise<void> => {
    const grace = setTimeout(() => child.kill('SIGTERM'), 20_000);
    const kill = setTimeout(() => child.kill('SIGKILL'), 40_000);
    await exited;
    clearTimeout(grace);
    clearTimeout(kill);
  };
  return { dir, child, stop, stderr: () => stderr };
}

export interface OracleRun {
  readonly steps: Array<[string, unknown]>;
  readonly pids: number[];
}

export function runOracle(dir: string): Promise<OracleRun> {
  return new Promise((resolve, reject) => {
    execFile('python3', [ORACLE_SCRIPT, dir], { timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`rpc-oracle.py failed on ${dir}: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as OracleRun);
    });
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Children outliving their daemon are killed by process group (each is its own group leader). */
export async function waitGone(pids: readonly number[], timeoutMs = 15_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const survivors = pids.filter(isAlive);
  for (const pid of survivors) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return survivors;
}

export function removeDir(dir: string): void {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}

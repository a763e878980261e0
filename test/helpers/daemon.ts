// Start a real tssupervisord (or real supervisord) on a temp config, talk to it over its unix socket,
// wait for conditions with deadlines, and always clean up: the daemon by pid, its children by group.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { binDir } from './paths.js';
import { createRpcClient, type RpcClient } from '../../src/rpc/client.js';
import { tempDir } from './temp-dir.js';

export const CI_SLACK = process.env.CI ? 3 : 1;

export interface DaemonHandle {
  readonly dir: string;
  readonly confPath: string;
  readonly socket: string;
  readonly serverUrl: string;
  readonly child: ChildProcess;
  readonly rpc: RpcClient;
  call<T = unknown>(method: string, ...params: unknown[]): Promise<T>;
  info(namespec: string): Promise<ProcessInfo>;
  waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs?: number): Promise<T>;
  waitForState(namespec: string, state: string | string[], timeoutMs?: number): Promise<ProcessInfo>;
  mainLog(): string;
  stop(): Promise<void>;
}

export interface ProcessInfo {
  name: string;
  group: string;
  state: number;
  statename: string;
  pid: number;
  spawnerr: string;
  exitstatus: number;
  description: string;
  start: number;
  stop: number;
  stdout_logfile: string;
  stderr_logfile: string;
}

export function daemonPreamble(dir: string, extra = ''): string {
  return `[unix_http_server]
file = ${dir}/supervisor.sock

[supervisord]
logfile = ${dir}/supervisord.log
pidfile = ${dir}/supervisord.pid
childlogdir = ${dir}
loglevel = debug
${extra}
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl = unix://${dir}/supervisor.sock
`;
}

export interface StartOptions {
  /** Program sections etc.; `%(dir)s` is replaced by the temp dir. */
  readonly programs: string;
  readonly supervisordExtra?: string;
  /** 'ours' (default) or the real supervisord binary, for comparisons. */
  readonly impl?: 'ours' | 'supervisord';
  readonly dir?: string;
  /**
   * A descriptor of the test's to hand the daemon as its fd 200 (as a careless parent would). High on
   * purpose: Node marks its low descriptors close-on-exec at start-up (uv_disable_stdio_inheritance).
   */
  readonly inheritFd?: number;
}

export async function startDaemon(options: StartOptions): Promise<DaemonHandle> {
  const dir = options.dir ?? tempDir('tss-');
  const confPath = path.join(dir, 'supervisord.conf');
  const programs = options.programs.replaceAll('%(dir)s', dir);
  writeFileSync(confPath, daemonPreamble(dir, options.supervisordExtra) + '\n' + programs);
  const socket = path.join(dir, 'supervisor.sock');
  const [cmd, args] =
    options.impl === 'supervisord'
      ? ['/usr/bin/supervisord', ['-n', '-c', confPath]]
      : [process.execPath, [path.join(binDir, 'tssupervisord'), '-n', '-c', confPath]];
  const extra = options.inheritFd === undefined ? [] : [...Array<'ignore'>(197).fill('ignore'), options.inheritFd];
  const stdio = ['ignore', 'ignore', 'pipe', ...extra];
  const child = spawn(cmd, args, { cwd: dir, stdio: stdio as ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const serverUrl = `unix://${socket}`;
  const rpc = createRpcClient({ serverUrl });
  const call = <T>(method: string, ...params: unknown[]) => rpc.call<T>(method, params);

  const handle: DaemonHandle = {
    dir,
    confPath,
    socket,
    serverUrl,
    child,
    rpc,
    call,
    info: (namespec) => call<ProcessInfo>('supervisor.getProcessInfo', namespec),
    async waitFor(what, probe, timeoutMs = 10_000 * CI_SLACK) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      for (;;) {
        try {
          const value = await probe();
          if (value !== undefined && value !== false) return value as never;
        } catch (error) {
          last = error;
        }
        if (child.exitCode !== null) throw new Error(`daemon exited (${child.exitCode}) while waiting for ${what}: ${stderr}`);
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}\n--- main log ---\n${handle.mainLog()}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async waitForState(namespec, state, timeoutMs) {
      const wanted = Array.isArray(state) ? state : [state];
      return handle.waitFor(`${namespec} in ${wanted.join('|')}`, async () => {
        const info = await handle.info(namespec);
        return wanted.includes(info.statename) ? info : undefined;
      }, timeoutMs);
    },
    mainLog: () => (existsSync(path.join(dir, 'supervisord.log')) ? readFileSync(path.join(dir, 'supervisord.log'), 'utf8') : ''),
    async stop() {
      rpc.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  await handle.waitFor('the daemon to answer', async () => (await call<{ statename: string }>('supervisor.getState')).statename === 'RUNNING');
  return handle;
}

/** True when a pid is alive and not a zombie waiting for init to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

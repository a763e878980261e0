// The training runs behind the daemon bundle's V8 code caches (src/build/bundle-daemon.ts): one real, short
// tssupervisord run through bin/tssupervisord per cache. V8 takes a cache only under the V8 flags it was made
// with, so there are two: through bin's shebang (lite mode, as users run it) and through a plain `node bin/…`
// (npm start, the tests). A run does what most runs do early: reads a config, starts a few programs and logs
// their output, answers the ctl's JSON calls and an XML-RPC call, then shuts down on SIGTERM. bin writes the
// cache at exit, holding every function the run compiled.

// The daemon under training is started by the build, not by the daemon (whose spawns go through execa).
// eslint-disable-next-line no-restricted-imports
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

interface ProcessInfo {
  readonly pid: number;
  readonly statename: string;
}

/** One request to the daemon's unix socket; the body comes back as text (a refused connection rejects). */
function post(socketPath: string, urlPath: string, contentType: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: urlPath, method: 'POST', headers: { 'Content-Type': contentType } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function allProcessInfo(socketPath: string): Promise<ProcessInfo[] | undefined> {
  try {
    const answer = JSON.parse(await post(socketPath, '/api/v1/call', 'application/json', '{"method":"supervisor.getAllProcessInfo","params":[]}')) as { result?: ProcessInfo[] };
    return answer.result;
  } catch {
    return undefined; // not listening yet
  }
}

const xmlCall = (method: string): string => `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params></params></methodCall>`;

function config(dir: string): string {
  return `[unix_http_server]
file = ${dir}/train.sock

[supervisord]
logfile = ${dir}/supervisord.log
pidfile = ${dir}/supervisord.pid
childlogdir = ${dir}
loglevel = info

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:web]
command = /bin/sh -c "echo listening; echo warming up >&2; exec sleep 1000"
startsecs = 1
stdout_logfile = ${dir}/%(program_name)s.out.log

[program:worker]
command = /bin/sleep 1000 ; %(process_num)s
process_name = %(program_name)s_%(process_num)s
numprocs = 2
startsecs = 0
`;
}

/** Still one of the training's programs (all run `sleep`), not a process that reused its pid since. */
const stillOurs = (pid: number): boolean => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('sleep');
  } catch {
    return false;
  }
};

async function until<T>(deadlineMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T | undefined> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Which cache a training run makes: bin's shebang flags ('lite') or none ('plain'). */
export type CacheFlavour = 'lite' | 'plain';

/** The cache file bin/tssupervisord reads for a bundle under a flavour's flags. */
export function codeCacheFileOf(bundleFile: string, flavour: CacheFlavour): string {
  return bundleFile.replace(/\.cjs$/, flavour === 'lite' ? '.v8cache' : '.plain.v8cache');
}

/**
 * Runs the daemon once through `bin` with the cache switched to writing; true when it ran as planned and left a
 * cache next to `bundleFile`. Every process it started is gone when it returns (killed by pid if need be).
 */
export async function trainDaemonCodeCache(bundleFile: string, bin: string, flavour: CacheFlavour = 'lite'): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-daemon-'));
  const socketPath = path.join(dir, 'train.sock');
  const confPath = path.join(dir, 'supervisord.conf');
  fs.writeFileSync(confPath, config(dir));
  const [command, args] = flavour === 'lite' ? [bin, ['-n', '-c', confPath]] : [process.execPath, [bin, '-n', '-c', confPath]];
  const daemon = spawn(command, args, {
    cwd: dir,
    stdio: 'ignore',
    env: { ...process.env, TSSUPERVISORD_TRAIN_CODE_CACHE: '1', TSSUPERVISORD_BUNDLE: '1' },
  });
  const exited = new Promise<number | null>((resolve) => daemon.once('exit', (code) => resolve(code)));
  daemon.once('error', () => {}); // a bin that cannot run: seen as an exit below
  const children = new Set<number>();
  let ranAsPlanned = false;
  try {
    const running = await until(30_000, async () => {
      const infos = await allProcessInfo(socketPath);
      for (const info of infos ?? []) if (info.pid > 0) children.add(info.pid);
      return infos !== undefined && infos.length === 3 && infos.every((i) => i.statename === 'RUNNING') ? infos : undefined;
    });
    if (running !== undefined) {
      await post(socketPath, '/RPC2', 'text/xml', xmlCall('supervisor.getState'));
      await post(socketPath, '/RPC2', 'text/xml', xmlCall('supervisor.getAllProcessInfo'));
      ranAsPlanned = true;
    }
  } finally {
    if (daemon.exitCode === null && daemon.pid !== undefined) daemon.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 30_000).unref())]);
    if (code === 'late') {
      daemon.kill('SIGKILL');
      ranAsPlanned = false;
    } else if (code !== 0) {
      ranAsPlanned = false;
    }
    for (const pid of children) if (stillOurs(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const cacheFile = codeCacheFileOf(bundleFile, flavour);
  const trained = ranAsPlanned && fs.existsSync(cacheFile) && fs.statSync(cacheFile).mtimeMs >= fs.statSync(bundleFile).mtimeMs;
  // A run that went wrong may still have written one at exit: valid, but not what the build says it made.
  if (!trained) fs.rmSync(cacheFile, { force: true });
  return trained;
}

// A daemon in a temp dir for the ctl cross-check (real supervisord 4.2.5 by default; pass
// [process.execPath, 'bin/tssupervisord'] for ours): unix socket plus an authenticated TCP server.
// Cleaned up by the child handle's pid; its children die with it, and we wait for its pidfile to vanish.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRpcClient } from '../../src/rpc/client.js';
import { crossCheckConfig } from './ctl-crosscheck-steps.js';

export const SUPERVISORD = '/usr/bin/supervisord';

export interface OracleDaemon {
  readonly dir: string;
  readonly configFile: string;
  readonly serverUrl: string;
  readonly authUrl: string;
  readonly variants: Record<string, string>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function startOracleDaemon(daemon: readonly string[] = [SUPERVISORD]): Promise<OracleDaemon> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctl-xcheck-'));
  const port = await freePort();
  const preamble = `[unix_http_server]
file = ${dir}/supervisor.sock

[inet_http_server]
port = 127.0.0.1:${port}
username = user
password = 123

[supervisord]
logfile = ${dir}/supervisord.log
pidfile = ${dir}/supervisord.pid
childlogdir = ${dir}

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl = unix://${dir}/supervisor.sock
`;
  const variants = crossCheckConfig(preamble);
  const configFile = path.join(dir, 'supervisord.conf');
  writeFileSync(configFile, variants.base);
  const child: ChildProcess = spawn(daemon[0]!, [...daemon.slice(1), '-n', '-c', configFile], { stdio: 'ignore' });
  const serverUrl = `unix://${dir}/supervisor.sock`;
  const pidfile = path.join(dir, 'supervisord.pid');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const settle = async (): Promise<void> => {
    await waitUntil('supervisord to settle', async () => {
      const rpc = createRpcClient({ serverUrl });
      try {
        const infos = await rpc.call<Array<{ state: number }>>('supervisor.getAllProcessInfo');
        const busy = infos.some((i) => i.state === 10 || i.state === 30 || i.state === 40);
        return busy ? undefined : true;
      } finally {
        rpc.close();
      }
    });
  };

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await waitUntil('the pidfile to vanish', async () => (existsSync(pidfile) ? undefined : true));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await settle();
  } catch (err) {
    await stop();
    throw err;
  }
  return { dir, configFile, serverUrl, authUrl: `http://127.0.0.1:${port}`, variants, settle, stop };
}

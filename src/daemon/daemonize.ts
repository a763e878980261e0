// Without -n, `tssupervisord` returns once the daemon is up (or failed): the parent starts a detached
// copy of itself, waits for its "ready" (or its start-up error) over IPC, and exits 0 (or 2).

import type { Config } from '../config/types.js';
import { spawnDaemonCopy } from './spawner.js';

const CHILD_MARK = 'TSSUPERVISORD_DAEMON_CHILD';

export function isDaemonChild(): boolean {
  return process.env[CHILD_MARK] === '1';
}

/** In the daemon copy: tell the waiting parent we are up (no message) or why we are not. */
export function reportReady(error?: string): void {
  if (!process.send) return;
  process.send(error === undefined ? { ready: true } : { ready: false, error });
  process.disconnect?.();
}

export async function becomeDaemon(config: Config): Promise<number> {
  const { directory, umask } = config.supervisord;
  const reply = await spawnDaemonCopy({
    execPath: process.execPath,
    args: [...process.execArgv, ...process.argv.slice(1)],
    env: { ...process.env, [CHILD_MARK]: '1' },
    cwd: directory ?? process.cwd(),
    umask,
  });
  if (reply.ready) return 0;
  process.stderr.write(`Error: ${reply.error}\n`);
  return 2;
}

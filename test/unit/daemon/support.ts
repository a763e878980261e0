// Shared bits for the daemon unit tests: temp dirs, condition waits with a deadline, child bookkeeping.

import fs from 'node:fs';
import path from 'node:path';
import type { ChildHandle } from '../../../src/daemon/spawner.js';
import { tempDir as makeTempDir } from '../../helpers/temp-dir.js';

const CI = process.env.CI !== undefined;
export const DEADLINE_MS = CI ? 20_000 : 5_000;

export function tempDir(prefix = 'tss-daemon-'): string {
  return makeTempDir(prefix);
}

/** Polls `check` until it returns a truthy value or the deadline passes (then throws `what`). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, deadlineMs = DEADLINE_MS): Promise<T> {
  const error = new Error(`timed out waiting for ${what}`);
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw error;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function exitOf(child: ChildHandle): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.onExit((code, signal) => resolve({ code, signal })));
}

/** Collects a channel's output (copies: the listener's chunk is a transient view). */
export function collect(output: ChildHandle['stdout']): () => string {
  const chunks: Buffer[] = [];
  output.listen((chunk) => chunks.push(Buffer.from(chunk)));
  return () => Buffer.concat(chunks).toString();
}

/** Kills whatever a test started, by process group, if it is still there. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Field 5 of /proc/<pid>/stat: the process group id. */
export function pgidOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

export function sizes(dir: string, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of fs.readdirSync(dir).sort()) if (name.startsWith(prefix)) out[name] = fs.statSync(path.join(dir, name)).size;
  return out;
}

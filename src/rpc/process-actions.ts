// Start, stop and signal one process, with supervisord's checks in supervisord's order. Each action does
// its synchronous part at once and, when the caller asked to wait, hands back a promise that settles on
// the process's own state changes (no polling): the single-process methods await it, the group ones
// collect many of them (group-results.ts).

import { toSignal } from '../config/convert.js';
import { Fault } from '../core/faults.js';
import { RUNNING_STATES, SIGNALLABLE_STATES, STOPPED_STATES } from '../core/states.js';
import { resolveCommand } from '../daemon/command.js';
import type { Logger } from '../daemon/logger.js';
import type { ManagedProcess } from '../daemon/managed-process.js';

/** Done at once, or still waiting (the promise resolves true or rejects with the Fault to report). */
export type Outcome = true | { readonly waiting: Promise<true> };

export async function settle(outcome: Outcome): Promise<true> {
  return outcome === true ? true : await outcome.waiting;
}

/** The PATH search sees the program's environment over the daemon's, as the spawn itself will. */
function commandEnv(p: ManagedProcess): Record<string, string | undefined> {
  return { ...process.env, ...p.config.environment };
}

export function startOne(p: ManagedProcess, name: string, wait: boolean, abort: AbortSignal): Outcome {
  // A command that cannot work is refused before the process's state is touched.
  const resolved = resolveCommand(p.config.command, commandEnv(p));
  if (!resolved.ok) throw new Fault(resolved.fault, resolved.spawnerr);
  if (RUNNING_STATES.has(p.state)) throw new Fault('ALREADY_STARTED', name);
  if (p.state === 'UNKNOWN') throw new Fault('FAILED', `${name} is in an unknown process state`);
  p.start();
  if (p.snapshot.spawnerr) throw new Fault('SPAWN_ERROR', name);
  if (!wait || p.state === 'RUNNING') return true;
  return { waiting: waitStarted(p, name, abort) };
}

async function waitStarted(p: ManagedProcess, name: string, abort: AbortSignal): Promise<true> {
  await p.waitFor((q) => Boolean(q.snapshot.spawnerr) || q.state !== 'STARTING', abort);
  if (p.snapshot.spawnerr) throw new Fault('SPAWN_ERROR', name);
  if (p.state !== 'RUNNING') throw new Fault('ABNORMAL_TERMINATION', name);
  return true;
}

export function stopOne(p: ManagedProcess, name: string, wait: boolean, abort: AbortSignal, log: Logger): Outcome {
  if (!RUNNING_STATES.has(p.state)) throw new Fault('NOT_RUNNING', name);
  const pid = p.snapshot.pid;
  p.stop();
  if (p.state === 'UNKNOWN') throw new Fault('FAILED', `unknown problem killing ${p.config.name} (${pid})`);
  if (!wait || STOPPED_STATES.has(p.state)) return true;
  return { waiting: waitStopped(p, abort, log) };
}

/** First notice when a stop takes longer than a moment, then every 2 s, as supervisord's stop_report. */
const FIRST_STOP_NOTICE_MS = 200;
const STOP_NOTICE_EVERY_MS = 2000;

async function waitStopped(p: ManagedProcess, abort: AbortSignal, log: Logger): Promise<true> {
  let timer: NodeJS.Timeout | null = null;
  const notice = (): void => {
    if (p.state === 'STOPPING') log.info(`waiting for ${p.config.name} to stop`);
    timer = setTimeout(notice, STOP_NOTICE_EVERY_MS);
  };
  timer = setTimeout(notice, FIRST_STOP_NOTICE_MS);
  try {
    await p.waitFor((q) => STOPPED_STATES.has(q.state), abort);
  } finally {
    clearTimeout(timer);
  }
  return true;
}

/** BAD_SIGNAL is checked before the state, so a group signal with a bad name reports it per process. */
export function signalOne(p: ManagedProcess, name: string, signal: string): Outcome {
  const number = toSignal(signal);
  if (!number.ok) throw new Fault('BAD_SIGNAL', signal);
  if (!SIGNALLABLE_STATES.has(p.state)) throw new Fault('NOT_RUNNING', name);
  const error = p.signal(number.value);
  if (error !== null) throw new Fault('FAILED', error);
  return true;
}

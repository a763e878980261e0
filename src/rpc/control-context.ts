// What the `supervisor.*` methods need from the running daemon. daemon.ts builds one per run (through
// control-plane.ts); tests can build one around a Supervisor of their own.

import type { LoadResult } from '../config/load.js';
import type { EventBus } from '../core/events.js';
import { Fault } from '../core/faults.js';
import type { Logger } from '../daemon/logger.js';
import type { Supervisor } from '../daemon/supervisor.js';

export type RequestedOutcome = 'shutdown' | 'restart';

export interface ControlContext {
  readonly supervisor: Supervisor;
  readonly bus: EventBus;
  readonly log: Logger;
  /** The main log file, or null when the daemon logs to syslog. */
  readonly mainLogPath: string | null;
  /** Deletes the main log file and starts a fresh one. */
  clearMainLog(): Promise<void>;
  /** `getIdentification`; read at each call, so a reread can change it as in supervisord. */
  readonly identifier: string;
  /** Asks the daemon to shut down or restart; false when a stop is already under way. */
  request(outcome: RequestedOutcome): boolean;
  /** Re-runs loadConfig with the daemon's original options. */
  reread(): LoadResult;
  /** Epoch milliseconds for `now` in process infos (default: Date.now). */
  readonly wallNow?: () => number;
}

/** supervisord refuses every call but sendRemoteCommEvent once it is shutting down or restarting. */
export function assertRunning(ctx: ControlContext): void {
  if (ctx.supervisor.mood !== 'RUNNING') throw new Fault('SHUTDOWN_STATE');
}

export function wallNow(ctx: ControlContext): number {
  return ctx.wallNow?.() ?? Date.now();
}

// supervisorctl's exit statuses (LSB init-script and status conventions). Commands set them; main exits with the last one.

import { FaultCodes } from '../core/faults.js';

export const ExitCodes = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
} as const;

/** `status` uses the LSB status-action codes instead. */
export const StatusExitCodes = {
  NOT_RUNNING: 3,
  UNKNOWN: 4,
} as const;

/** Usage and configuration errors (bad option, bad URL, unreadable config). */
export const USAGE_EXIT = 2;

const DEAD_PROGRAM_FAULTS: ReadonlySet<number> = new Set([
  FaultCodes.SPAWN_ERROR,
  FaultCodes.ABNORMAL_TERMINATION,
  FaultCodes.NOT_RUNNING,
]);

/**
 * The exit status a per-process result code implies, or null to leave the status unchanged:
 * SUCCESS and the command's tolerated fault (ALREADY_STARTED for start, NOT_RUNNING for stop) keep it,
 * faults meaning "the program is dead" give 7, anything else 1.
 */
export function exitStatusForFault(code: number, ignored?: number): number | null {
  if (code === FaultCodes.SUCCESS || code === ignored) return null;
  if (DEAD_PROGRAM_FAULTS.has(code)) return ExitCodes.NOT_RUNNING;
  return ExitCodes.GENERIC;
}

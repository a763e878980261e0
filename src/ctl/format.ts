// Pure renderers for supervisorctl's output lines. The status description (uptime, dates, errors) is the
// server's `description` field, printed as received.

import { FaultCodes } from '../core/faults.js';
import { makeNamespec } from '../core/names.js';
import { PyError } from './py-text.js';

export interface ProcessInfo {
  readonly name: string;
  readonly group: string;
  readonly state: number;
  readonly statename: string;
  readonly description: string;
  readonly pid: number;
  readonly [key: string]: unknown;
}

/** A per-process result of the group/all RPCs (or a single call's fault in the same shape). */
export interface ProcessResult {
  readonly name: string | null;
  readonly group: string;
  readonly status: number;
  readonly description: string;
}

export interface ConfigInfo {
  readonly name: string;
  readonly group: string;
  readonly inuse: boolean;
  readonly autostart: boolean;
  readonly group_prio: number;
  readonly process_prio: number;
  readonly [key: string]: unknown;
}

/** Name column = max(30, longest namespec) + 3, state column 10, then the description. */
export function formatStatusLines(infos: readonly ProcessInfo[]): string[] {
  const names = infos.map((info) => makeNamespec(info.group, info.name));
  const width = Math.max(30, ...names.map((n) => n.length)) + 3;
  return infos.map((info, i) => names[i]!.padEnd(width) + info.statename.padEnd(10) + info.description);
}

/** supervisorctl's make_namespec on a result whose process part may be missing (group-only names). */
function resultName(result: ProcessResult): string {
  return result.name === null ? `${result.group}:None` : makeNamespec(result.group, result.name);
}

const START_ERRORS: ReadonlyMap<number, string> = new Map([
  [FaultCodes.BAD_NAME, 'no such process'],
  [FaultCodes.NO_FILE, 'no such file'],
  [FaultCodes.NOT_EXECUTABLE, 'file is not executable'],
  [FaultCodes.ALREADY_STARTED, 'already started'],
  [FaultCodes.SPAWN_ERROR, 'spawn error'],
  [FaultCodes.ABNORMAL_TERMINATION, 'abnormal termination'],
]);

export function formatStartResult(result: ProcessResult): string {
  const name = resultName(result);
  if (result.status === FaultCodes.SUCCESS) return `${name}: started`;
  const error = START_ERRORS.get(result.status);
  if (error !== undefined) return `${name}: ERROR (${error})`;
  throw unknownResult(result.status, name);
}

const SIGNAL_ERRORS: ReadonlyMap<number, string> = new Map([
  [FaultCodes.BAD_NAME, 'no such process'],
  [FaultCodes.BAD_SIGNAL, 'bad signal name'],
  [FaultCodes.NOT_RUNNING, 'not running'],
]);

/** stop and signal share this; only the success word differs. FAILED prints the fault string itself. */
export function formatSignalResult(result: ProcessResult, success = 'signalled'): string {
  const name = resultName(result);
  if (result.status === FaultCodes.SUCCESS) return `${name}: ${success}`;
  if (result.status === FaultCodes.FAILED) return result.description;
  const error = SIGNAL_ERRORS.get(result.status);
  if (error !== undefined) return `${name}: ERROR (${error})`;
  throw unknownResult(result.status, name);
}

export function formatStopResult(result: ProcessResult): string {
  return formatSignalResult(result, 'stopped');
}

export function formatClearResult(result: ProcessResult): string {
  const name = resultName(result);
  if (result.status === FaultCodes.SUCCESS) return `${name}: cleared`;
  if (result.status === FaultCodes.BAD_NAME) return `${name}: ERROR (no such process)`;
  if (result.status === FaultCodes.FAILED) return `${name}: ERROR (failed)`;
  throw unknownResult(result.status, name);
}

function unknownResult(code: number, name: string): PyError {
  return new PyError('ValueError', `Unknown result code ${code} for ${name}`);
}

/** `avail`: namespec padded to 32, in use/avail to 9, auto/manual to 9, then group:process priority. */
export function formatConfigInfo(info: ConfigInfo): string {
  const name = makeNamespec(info.group, info.name);
  const inuse = info.inuse ? 'in use' : 'avail';
  const auto = info.autostart ? 'auto' : 'manual';
  return `${name.padEnd(32)} ${inuse.padEnd(9)} ${auto.padEnd(9)} ${info.group_prio}:${info.process_prio}`;
}

/** `reread`: one `<group>: available|changed|disappeared` per group, sorted by name. */
export function formatChanges(added: readonly string[], changed: readonly string[], removed: readonly string[]): string[] {
  const kinds = new Map<string, string>();
  for (const [names, kind] of [[added, 'available'], [changed, 'changed'], [removed, 'disappeared']] as const) {
    for (const name of names) kinds.set(name, kind);
  }
  if (kinds.size === 0) return ['No config updates to processes'];
  return [...kinds.keys()].sort(comparePython).map((name) => `${name}: ${kinds.get(name)}`);
}

/** Python's default string order: by code point (JS's default sort compares UTF-16 units). */
export function comparePython(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

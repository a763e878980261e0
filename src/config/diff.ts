// What a reread reports (reference §10.2): groups of the new config not running (added), running
// groups absent from it (removed), and groups in both whose configs differ (changed) — compared the
// way supervisord compares them, field by field, skipping any field that is AUTO on either side.

import type { GroupConfig, LogChannelConfig, ProcessConfig } from './types.js';
import { AUTO } from './types.js';

export interface GroupDiff {
  /** In the new config's order. */
  readonly added: GroupConfig[];
  /** In the new config's order. */
  readonly changed: GroupConfig[];
  /** In the running order. */
  readonly removed: GroupConfig[];
}

export function diffGroups(active: readonly GroupConfig[], next: readonly GroupConfig[]): GroupDiff {
  const current = new Map(active.map((g) => [g.name, g]));
  const upcoming = new Map(next.map((g) => [g.name, g]));
  return {
    added: next.filter((g) => !current.has(g.name)),
    changed: next.filter((g) => current.has(g.name) && !groupsEqual(g, current.get(g.name) as GroupConfig)),
    removed: active.filter((g) => !upcoming.has(g.name)),
  };
}

/** supervisord asks the NEW group whether it equals the old one; program, group and fcgi groups share a class. */
export function groupsEqual(next: GroupConfig, old: GroupConfig): boolean {
  if (next.name !== old.name || next.priority !== old.priority) return false;
  if (!processListsEqual(next.processes, old.processes)) return false;
  switch (next.kind) {
    case 'eventlistener':
      return (
        old.kind === 'eventlistener' &&
        old.bufferSize === next.bufferSize &&
        old.resultHandler === next.resultHandler &&
        sameSet(old.events, next.events)
      );
    case 'fcgi-program':
      return old.kind === 'fcgi-program' && old.socket === next.socket;
    case 'program':
    case 'group':
      // A new plain group equals an old fcgi group with the same processes (Python's isinstance test).
      return old.kind !== 'eventlistener';
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

function processListsEqual(a: readonly ProcessConfig[], b: readonly ProcessConfig[]): boolean {
  return a.length === b.length && a.every((p, i) => processesEqual(p, b[i] as ProcessConfig));
}

/** The fields supervisord compares (ProcessConfig.req_param_names + environment, serverurl), and our watch options. */
const COMPARED_FIELDS = [
  'name', 'uid', 'command', 'directory', 'umask', 'priority', 'autostart', 'autorestart', 'startsecs', 'startretries',
  'stopsignal', 'stopwaitsecs', 'stopasgroup', 'killasgroup', 'exitcodes', 'redirectStderr', 'environment', 'serverurl',
  // ours: supervisord never sees these keys, so they change nothing for a config it also runs
  'watch', 'watchIgnore', 'watchDelay', 'watchSignal',
] as const satisfies ReadonlyArray<keyof ProcessConfig>;

const CHANNEL_FIELDS = ['logfile', 'captureMaxbytes', 'eventsEnabled', 'syslog', 'logfileBackups', 'logfileMaxbytes'] as const satisfies ReadonlyArray<
  keyof LogChannelConfig
>;

export function processesEqual(a: ProcessConfig, b: ProcessConfig): boolean {
  const fields: Array<[unknown, unknown]> = COMPARED_FIELDS.map((f) => [a[f], b[f]]);
  for (const ch of ['stdout', 'stderr'] as const) for (const f of CHANNEL_FIELDS) fields.push([a[ch][f], b[ch][f]]);
  return fields.every(([x, y]) => x === AUTO || y === AUTO || deepEqual(x, y));
}

function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => deepEqual(v, y[i]));
  if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
    const kx = Object.keys(x);
    const ky = Object.keys(y);
    return kx.length === ky.length && kx.every((k) => Object.hasOwn(y, k) && deepEqual((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
  }
  return false;
}

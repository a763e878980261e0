// The `getProcessInfo` struct exactly as supervisord 4.2.5 fills it (reference §4.7), including the
// `description` that supervisorctl status prints.

import type { ProcessSnapshot } from '../core/machine.js';
import { ProcessStates, type ProcessStateName } from '../core/states.js';
import { capInt } from './xmlrpc-encode.js';

export interface ProcessInfoStruct {
  readonly name: string;
  readonly group: string;
  readonly start: number;
  readonly stop: number;
  readonly now: number;
  readonly state: number;
  readonly statename: ProcessStateName;
  readonly spawnerr: string;
  readonly exitstatus: number;
  readonly logfile: string;
  readonly stdout_logfile: string;
  readonly stderr_logfile: string;
  readonly pid: number;
  readonly description: string;
}

/** The parts of a ManagedProcess the struct is made of (structural, so tests need no real process). */
export interface ProcessInfoSource {
  readonly config: { readonly name: string };
  readonly group: string;
  readonly snapshot: Pick<ProcessSnapshot, 'state' | 'pid' | 'laststartWall' | 'laststopWall' | 'exitstatus' | 'spawnerr'>;
  readonly logs: { path(channel: 'stdout' | 'stderr'): string | null };
}

/** Epoch milliseconds → whole epoch seconds in XML-RPC's int range (supervisord's `capped_int`). */
export function epochSeconds(ms: number): number {
  return capInt(Math.trunc(ms / 1000));
}

export function processInfo(p: ProcessInfoSource, nowWall: number): ProcessInfoStruct {
  const s = p.snapshot;
  const stdout = p.logs.path('stdout') ?? '';
  const info = {
    name: p.config.name,
    group: p.group,
    start: epochSeconds(s.laststartWall),
    stop: epochSeconds(s.laststopWall),
    now: epochSeconds(nowWall),
    state: ProcessStates[s.state],
    statename: s.state,
    spawnerr: s.spawnerr ?? '',
    exitstatus: s.exitstatus ?? 0,
    logfile: stdout,
    stdout_logfile: stdout,
    stderr_logfile: p.logs.path('stderr') ?? '',
    pid: s.pid,
  };
  return { ...info, description: describeProcess(info) };
}

type DescriptionInput = Pick<ProcessInfoStruct, 'name' | 'start' | 'stop' | 'now' | 'statename' | 'spawnerr' | 'pid'>;

export function describeProcess(info: DescriptionInput): string {
  switch (info.statename) {
    case 'RUNNING':
      return `pid ${info.pid}, uptime ${formatUptime(info.now - info.start)}`;
    case 'FATAL':
    case 'BACKOFF':
      return info.spawnerr || `unknown error (try "tail ${info.name}")`;
    case 'STOPPED':
    case 'EXITED':
      // supervisord looks at the start time to decide, then prints the stop time (0 if never reaped).
      return info.start !== 0 ? formatStopTime(info.stop) : 'Not started';
    default:
      return '';
  }
}

/** Python's str(timedelta) for whole seconds: `0:00:07`, `1 day, 2:03:04`, `3 days, 0:00:01`; negative → 0. */
export function formatUptime(seconds: number): string {
  const total = Math.max(0, Math.trunc(seconds));
  const days = Math.floor(total / 86_400);
  const rest = total % 86_400;
  const hms = `${Math.floor(rest / 3600)}:${pad2(Math.floor(rest / 60) % 60)}:${pad2(rest % 60)}`;
  if (days === 0) return hms;
  return `${days} ${days === 1 ? 'day' : 'days'}, ${hms}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** strftime('%b %d %I:%M %p') of an epoch second in the server's local time (C locale names). */
export function formatStopTime(epochSecond: number): string {
  const d = new Date(epochSecond * 1000);
  const hour = d.getHours();
  const hour12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${MONTHS[d.getMonth()]} ${pad2(d.getDate())} ${pad2(hour12)}:${pad2(d.getMinutes())} ${hour < 12 ? 'AM' : 'PM'}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

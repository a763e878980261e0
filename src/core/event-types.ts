// supervisord's event types as listeners see them: the type tree (subscribing to a type delivers its
// subtypes), each type's payload text, and the envelope a listener reads on its stdin. Pure: no I/O.

import type { ProcessStateName } from './states.js';
import { decodeLikeSupervisord } from './py-bytes.js';

/** Each type with its parent; abstract types (never sent themselves) are the ones with children. */
const PARENT = {
  EVENT: null,
  PROCESS_STATE: 'EVENT',
  PROCESS_STATE_STOPPED: 'PROCESS_STATE',
  PROCESS_STATE_EXITED: 'PROCESS_STATE',
  PROCESS_STATE_STARTING: 'PROCESS_STATE',
  PROCESS_STATE_STOPPING: 'PROCESS_STATE',
  PROCESS_STATE_BACKOFF: 'PROCESS_STATE',
  PROCESS_STATE_FATAL: 'PROCESS_STATE',
  PROCESS_STATE_RUNNING: 'PROCESS_STATE',
  PROCESS_STATE_UNKNOWN: 'PROCESS_STATE',
  PROCESS_COMMUNICATION: 'EVENT',
  PROCESS_COMMUNICATION_STDOUT: 'PROCESS_COMMUNICATION',
  PROCESS_COMMUNICATION_STDERR: 'PROCESS_COMMUNICATION',
  PROCESS_LOG: 'EVENT',
  PROCESS_LOG_STDOUT: 'PROCESS_LOG',
  PROCESS_LOG_STDERR: 'PROCESS_LOG',
  REMOTE_COMMUNICATION: 'EVENT',
  SUPERVISOR_STATE_CHANGE: 'EVENT',
  SUPERVISOR_STATE_CHANGE_RUNNING: 'SUPERVISOR_STATE_CHANGE',
  SUPERVISOR_STATE_CHANGE_STOPPING: 'SUPERVISOR_STATE_CHANGE',
  TICK: 'EVENT',
  TICK_5: 'TICK',
  TICK_60: 'TICK',
  TICK_3600: 'TICK',
  PROCESS_GROUP: 'EVENT',
  PROCESS_GROUP_ADDED: 'PROCESS_GROUP',
  PROCESS_GROUP_REMOVED: 'PROCESS_GROUP',
} as const;

export type EventTypeName = keyof typeof PARENT;
export const EVENT_TYPE_NAMES = Object.keys(PARENT) as EventTypeName[];

export function isEventTypeName(name: string): name is EventTypeName {
  return Object.hasOwn(PARENT, name);
}

/** True when a subscription to `subscribed` receives events of type `type` (itself or a subtype). */
export function isSubtypeOf(type: EventTypeName, subscribed: EventTypeName): boolean {
  for (let t: EventTypeName | null = type; t !== null; t = PARENT[t]) if (t === subscribed) return true;
  return false;
}

/** How many entries of a pool's `events=` list match `type`: supervisord queues the event once per match. */
export function subscriptionMatches(type: EventTypeName, subscriptions: readonly string[]): number {
  let n = 0;
  for (const s of subscriptions) if (isEventTypeName(s) && isSubtypeOf(type, s)) n++;
  return n;
}

export type TickPeriod = 5 | 60 | 3600;
export const TICK_PERIODS: readonly TickPeriod[] = [5, 60, 3600];

/** A concrete event with its payload rendered at the moment it happened (as supervisord does for pids). */
export interface SupervisorEvent {
  readonly type: EventTypeName;
  readonly payload: string;
}

export interface ProcessStateChange {
  readonly group: string;
  readonly name: string;
  readonly from: ProcessStateName;
  readonly to: ProcessStateName;
  readonly pid: number;
  readonly tries: number;
  readonly expected: boolean;
}

export function processStateEvent(change: ProcessStateChange): SupervisorEvent {
  const { group, name, from, to, pid, tries, expected } = change;
  let extra = '';
  if (to === 'STARTING' || to === 'BACKOFF') extra = ` tries:${tries}`;
  else if (to === 'EXITED') extra = ` expected:${expected ? 1 : 0} pid:${pid}`;
  else if (to === 'RUNNING' || to === 'STOPPING' || to === 'STOPPED') extra = ` pid:${pid}`;
  return { type: `PROCESS_STATE_${to}`, payload: `processname:${name} groupname:${group} from_state:${from}${extra}` };
}

export type OutputChannel = 'stdout' | 'stderr';

export function processLogEvent(group: string, name: string, pid: number, channel: OutputChannel, data: Buffer): SupervisorEvent {
  const type = channel === 'stdout' ? 'PROCESS_LOG_STDOUT' : 'PROCESS_LOG_STDERR';
  return { type, payload: `processname:${name} groupname:${group} pid:${pid} channel:${channel}\n${decodeLikeSupervisord(data)}` };
}

export function processCommunicationEvent(group: string, name: string, pid: number, channel: OutputChannel, data: Buffer): SupervisorEvent {
  const type = channel === 'stdout' ? 'PROCESS_COMMUNICATION_STDOUT' : 'PROCESS_COMMUNICATION_STDERR';
  return { type, payload: `processname:${name} groupname:${group} pid:${pid}\n${decodeLikeSupervisord(data)}` };
}

export function remoteCommunicationEvent(type: string, data: string): SupervisorEvent {
  return { type: 'REMOTE_COMMUNICATION', payload: `type:${type}\n${data}` };
}

export function supervisorStateEvent(state: 'RUNNING' | 'STOPPING'): SupervisorEvent {
  return { type: `SUPERVISOR_STATE_CHANGE_${state}`, payload: '' };
}

export function processGroupEvent(change: 'ADDED' | 'REMOVED', group: string): SupervisorEvent {
  return { type: `PROCESS_GROUP_${change}`, payload: `groupname:${group}\n` };
}

export function tickEvent(period: TickPeriod, when: number): SupervisorEvent {
  return { type: `TICK_${period}`, payload: `when:${when}` };
}

/** supervisord's timeslice: the start of the `period`-second slice holding `epochSeconds`. */
export function timeslice(period: TickPeriod, epochSeconds: number): number {
  return Math.trunc(epochSeconds - (epochSeconds % period));
}

export interface EnvelopeFields {
  readonly server: string;
  readonly serial: number;
  readonly pool: string;
  readonly poolSerial: number;
}

/**
 * The header line and payload a listener reads. `len` counts code points (Python's len of a str)
 * while the bytes sent are UTF-8, exactly as supervisord does, so non-ASCII payloads keep its quirk.
 */
export function envelope(event: SupervisorEvent, f: EnvelopeFields): string {
  const len = countCodePoints(event.payload);
  return `ver:3.0 server:${f.server} serial:${f.serial} pool:${f.pool} poolserial:${f.poolSerial} eventname:${event.type} len:${len}\n${event.payload}`;
}

function countCodePoints(text: string): number {
  let n = text.length;
  // Each surrogate pair is two UTF-16 units but one code point.
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

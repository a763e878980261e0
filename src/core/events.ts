// One event bus for the daemon: the RPC event stream, the dashboard, event listeners and the main log all
// subscribe here. Emitting with no listener costs a map lookup, so hot paths (log chunks) stay cheap.

import type { ProcessStateName, SupervisorStateName } from './states.js';

export interface ProcessRef {
  readonly group: string;
  readonly name: string;
}

export interface BusEvents {
  'process-state': ProcessRef & {
    readonly from: ProcessStateName;
    readonly to: ProcessStateName;
    readonly pid: number;
    readonly tries: number;
    readonly expected: boolean;
  };
  'process-log': ProcessRef & { readonly channel: 'stdout' | 'stderr'; readonly data: Buffer };
  'supervisor-state': { readonly state: SupervisorStateName | 'STOPPING' };
  'group-added': { readonly group: string };
  'group-removed': { readonly group: string };
  /** supervisor.sendRemoteCommEvent: for listeners of REMOTE_COMMUNICATION. */
  'remote-comm': { readonly type: string; readonly data: string };
  /** Capture mode: the bytes a process wrote between the BEGIN and END tokens (PROCESS_COMMUNICATION_*). */
  'process-comm': ProcessRef & { readonly channel: 'stdout' | 'stderr'; readonly pid: number; readonly data: Buffer };
  /**
   * PROCESS_LOG_STDOUT/STDERR as supervisord sends them: only for channels with `*_events_enabled`, and
   * only produced while someone listens (unlike 'process-log', which every channel feeds to any listener).
   */
  'process-log-event': ProcessRef & { readonly channel: 'stdout' | 'stderr'; readonly pid: number; readonly data: Buffer };
  /** TICK_5/60/3600: the wall clock crossed a multiple of `period` s; `when` is that boundary (epoch s). */
  'tick': { readonly period: 5 | 60 | 3600; readonly when: number };
}

export type BusEventName = keyof BusEvents;
type Listener<K extends BusEventName> = (payload: BusEvents[K]) => void;

export class EventBus {
  private readonly listeners = new Map<BusEventName, Set<Listener<never>>>();

  on<K extends BusEventName>(name: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  has(name: BusEventName): boolean {
    return (this.listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends BusEventName>(name: K, payload: BusEvents[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) (listener as Listener<K>)(payload);
  }
}

// Folding the daemon's event stream into the state: the process table is replaced by each snapshot
// and patched by each state change; log chunks go to the process's buffer and the merged one.

import { makeNamespec } from '../../core/names.js';
import { appendLines, appendText, createLogBuffer } from './log-buffer.js';
import { reconcileSelection } from './selection.js';
import type { DaemonEvent, DashState, ProcessInfo, ProcessLogs } from './types.js';

const keyOf = (info: Pick<ProcessInfo, 'group' | 'name'>): string => makeNamespec(info.group, info.name);

function skewOf(info: ProcessInfo | undefined, nowSeconds: number): number | undefined {
  return info && info.now > 0 ? info.now - nowSeconds : undefined;
}

function withProcesses(state: DashState, processes: Map<string, ProcessInfo>, skew: number | undefined): DashState {
  // Logs of processes that are gone are dropped with them; the merged view keeps their lines.
  const logs = new Map([...state.logs].filter(([key]) => processes.has(key)));
  const stats = new Map([...state.stats].filter(([key]) => processes.has(key)));
  return reconcileSelection({ ...state, processes, logs, stats, clockSkew: skew ?? state.clockSkew });
}

export function emptyLogs(capacity: number): ProcessLogs {
  return { stdout: createLogBuffer(capacity), stderr: createLogBuffer(capacity), history: { stdout: 'none', stderr: 'none' } };
}

type LogEvent = Extract<DaemonEvent, { type: 'process-log' }>;

/** A run of log chunks (one read of the stream) costs one copy of the log table, not one per chunk. */
export function applyLogEvents(state: DashState, events: readonly LogEvent[]): DashState {
  const logs = new Map(state.logs);
  const merged = { stdout: state.merged.stdout, stderr: state.merged.stderr };
  for (const event of events) {
    const key = makeNamespec(event.group, event.name);
    const entry = logs.get(key) ?? emptyLogs(state.logCapacity);
    const { buffer, completed } = appendText(entry[event.channel], decode(event));
    logs.set(key, { ...entry, [event.channel]: buffer });
    if (completed.length > 0) merged[event.channel] = appendLines(merged[event.channel], completed.map((line) => `${key} | ${line}`));
  }
  return { ...state, logs, merged };
}

function decode(event: { text?: string; base64?: string }): string {
  if (event.text !== undefined) return event.text;
  return Buffer.from(event.base64 ?? '', 'base64').toString('utf8');
}

export function applyDaemonEvent(state: DashState, event: DaemonEvent, nowSeconds: number): DashState {
  switch (event.type) {
    case 'snapshot': {
      const processes = new Map(event.processes.map((info) => [keyOf(info), info]));
      const daemon = { ...state.daemon, statename: event.supervisor.statename };
      return withProcesses({ ...state, daemon }, processes, skewOf(event.processes[0], nowSeconds));
    }
    case 'process-state': {
      if (event.info === null) return state;
      const processes = new Map(state.processes).set(keyOf(event.info), event.info);
      return { ...state, processes, clockSkew: skewOf(event.info, nowSeconds) ?? state.clockSkew };
    }
    case 'process-log':
      return applyLogEvents(state, [event]);
    case 'group-added': {
      const processes = new Map(state.processes);
      for (const info of event.processes) processes.set(keyOf(info), info);
      return withProcesses(state, processes, skewOf(event.processes[0], nowSeconds));
    }
    case 'group-removed': {
      const processes = new Map([...state.processes].filter(([, info]) => info.group !== event.group));
      return withProcesses(state, processes, undefined);
    }
    case 'supervisor-state':
      return { ...state, daemon: { ...state.daemon, statename: event.state } };
  }
}

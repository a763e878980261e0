// The event stream of the JSON API (`GET /api/v1/events`): a snapshot of every process and the
// daemon's state, then each change from the bus as one JSON object. Process log chunks are only
// produced while someone listens (the bus skips them otherwise).

import { isUtf8 } from 'node:buffer';
import type { BusEvents, EventBus } from '../core/events.js';
import { SupervisorStates } from '../core/states.js';
import type { Supervisor } from '../daemon/supervisor.js';
import type { EventSource } from './json-api.js';
import { processInfo, type ProcessInfoStruct } from './process-info.js';
import { allLexically } from './process-lookup.js';

export interface ProcessEventsDeps {
  readonly supervisor: Supervisor;
  readonly bus: EventBus;
  readonly wallNow?: () => number;
}

/** Text when the chunk is valid UTF-8 (almost always), base64 otherwise, so bytes are never mangled. */
export function logChunk(data: Buffer): { text: string } | { base64: string } {
  return isUtf8(data) ? { text: data.toString('utf8') } : { base64: data.toString('base64') };
}

export function processEventSource({ supervisor, bus, wallNow = Date.now }: ProcessEventsDeps): EventSource {
  const infoOf = (group: string, name: string): ProcessInfoStruct | null => {
    const p = supervisor.group(group)?.processes.find((q) => q.config.name === name);
    return p ? processInfo(p, wallNow()) : null;
  };
  const groupInfos = (group: string): ProcessInfoStruct[] =>
    (supervisor.group(group)?.processes ?? []).map((p) => processInfo(p, wallNow()));

  return {
    subscribe(onEvent) {
      const offs = [
        bus.on('process-state', (e: BusEvents['process-state']) => onEvent({ type: 'process-state', ...e, info: infoOf(e.group, e.name) })),
        bus.on('process-log', ({ group, name, channel, data }) => onEvent({ type: 'process-log', group, name, channel, ...logChunk(data) })),
        bus.on('group-added', ({ group }) => onEvent({ type: 'group-added', group, processes: groupInfos(group) })),
        bus.on('group-removed', ({ group }) => onEvent({ type: 'group-removed', group })),
        bus.on('supervisor-state', ({ state }) => onEvent({ type: 'supervisor-state', state })),
        bus.on('remote-comm', ({ type, data }) => onEvent({ type: 'remote-comm', commType: type, data })),
        bus.on('process-comm', ({ group, name, channel, pid, data }) => onEvent({ type: 'process-comm', group, name, channel, pid, ...logChunk(data) })),
        bus.on('tick', ({ period, when }) => onEvent({ type: 'tick', period, when })),
      ];
      const now = wallNow();
      const snapshot = {
        supervisor: { statecode: SupervisorStates[supervisor.state], statename: supervisor.state },
        processes: allLexically(supervisor).map((p) => processInfo(p, now)),
      };
      return { snapshot, close: () => offs.forEach((off) => off()) };
    },
  };
}

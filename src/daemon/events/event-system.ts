// supervisord's event system on top of our bus: bus events become supervisord events (with the same
// payloads), each is queued in every `[eventlistener:x]` pool that subscribes to its type, and listener
// pools are created and dropped with their groups. One per daemon run.

import type { EventBus } from '../../core/events.js';
import { SerialCounter, type QueuedEvent } from '../../core/event-pool.js';
import {
  TICK_PERIODS,
  isSubtypeOf,
  processCommunicationEvent,
  processGroupEvent,
  processLogEvent,
  processStateEvent,
  remoteCommunicationEvent,
  supervisorStateEvent,
  tickEvent,
  type EventTypeName,
  type SupervisorEvent,
  type TickPeriod,
} from '../../core/event-types.js';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor.js';
import { ListenerPool } from './listener-pool.js';
import { createTickSource } from './ticks.js';

/** Like supervisord's, the global serial outlives a reload (one counter per daemon process). */
const globalSerial = new SerialCounter();

export interface EventSystemDeps {
  readonly bus: EventBus;
  readonly log: Logger;
  readonly supervisor: Supervisor;
  readonly identifier: string;
  readonly debugEnabled: () => boolean;
}

export interface EventSystem {
  /** Where a listener process's stdout goes (wired into its ProcessLogs before it ever runs). */
  listenerStdout(group: string, processName: string, chunk: Buffer): void;
  /** The pools, for status and tests. */
  pools(): readonly ListenerPool[];
  close(): void;
}

export function startEventSystem(deps: EventSystemDeps): EventSystem {
  const { bus, log, supervisor } = deps;
  const pools = new Map<string, ListenerPool>();
  const ticks = createTickSource(bus);
  const offs: (() => void)[] = [];
  let logEventsOff: (() => void) | null = null;

  const subscribed = (type: EventTypeName) => [...pools.values()].some((p) => p.config.events.some((e) => isSubtypeOf(type, e as EventTypeName)));

  const notify = (event: SupervisorEvent): void => {
    let queued: QueuedEvent | null = null;
    for (const pool of pools.values()) {
      for (let n = pool.matches(event); n > 0; n--) {
        queued ??= { event, serial: globalSerial.next(), poolSerials: new Map() };
        pool.accept(queued);
      }
    }
  };

  /** Costly sources run only while some pool wants them: the tick timer and per-chunk log events. */
  const followSubscriptions = (): void => {
    ticks.setPeriods(new Set(TICK_PERIODS.filter((p) => subscribed(`TICK_${p}` as EventTypeName))) as Set<TickPeriod>);
    const wantLogs = subscribed('PROCESS_LOG_STDOUT') || subscribed('PROCESS_LOG_STDERR');
    if (wantLogs && !logEventsOff) {
      logEventsOff = bus.on('process-log-event', (e) => notify(processLogEvent(e.group, e.name, e.pid, e.channel, e.data)));
    } else if (!wantLogs && logEventsOff) {
      logEventsOff();
      logEventsOff = null;
    }
  };

  // Pools are made before the group's own ADDED event is handled (a pool sees its own), and dropped
  // before REMOVED is (it does not), because bus listeners run in the order they subscribed.
  offs.push(
    bus.on('group-added', ({ group }) => {
      const found = supervisor.group(group);
      if (found?.config.kind !== 'eventlistener') return;
      const pool = new ListenerPool(found.config, { log, server: deps.identifier, debugEnabled: deps.debugEnabled });
      pool.attach(found.processes);
      pools.set(group, pool);
      followSubscriptions();
    }),
    bus.on('group-removed', ({ group }) => {
      const pool = pools.get(group);
      if (!pool) return;
      pool.close();
      pools.delete(group);
      followSubscriptions();
    }),
    bus.on('group-added', ({ group }) => notify(processGroupEvent('ADDED', group))),
    bus.on('group-removed', ({ group }) => notify(processGroupEvent('REMOVED', group))),
    bus.on('process-state', (e) => notify(processStateEvent(e))),
    bus.on('process-comm', (e) => notify(processCommunicationEvent(e.group, e.name, e.pid, e.channel, e.data))),
    bus.on('remote-comm', (e) => notify(remoteCommunicationEvent(e.type, e.data))),
    bus.on('supervisor-state', ({ state }) => {
      if (state === 'RUNNING' || state === 'STOPPING') notify(supervisorStateEvent(state));
    }),
    bus.on('tick', ({ period, when }) => notify(tickEvent(period, when))),
  );

  return {
    listenerStdout(group, processName, chunk) {
      pools.get(group)?.stdout(processName, chunk);
    },
    pools: () => [...pools.values()],
    close() {
      for (const off of offs.splice(0)) off();
      logEventsOff?.();
      logEventsOff = null;
      ticks.stop();
      for (const pool of pools.values()) pool.close();
      pools.clear();
    },
  };
}

// "Restarts since the daemon started", which getProcessInfo does not carry: every entry into STARTING
// after a process's first one counts (automatic retries, autorestarts and restarts asked for alike).

import type { EventBus } from '../core/events.js';
import { makeNamespec } from '../core/names.js';

export interface RestartCounts {
  restarts(group: string, name: string): number;
  close(): void;
}

export function countRestarts(bus: EventBus): RestartCounts {
  const starts = new Map<string, number>();
  const offs = [
    bus.on('process-state', ({ group, name, to }) => {
      if (to !== 'STARTING') return;
      const key = makeNamespec(group, name);
      starts.set(key, (starts.get(key) ?? 0) + 1);
    }),
    // A group that is removed and added again (update) is a new process: its count starts over.
    bus.on('group-removed', ({ group }) => {
      for (const key of [...starts.keys()]) if (key === group || key.startsWith(`${group}:`)) starts.delete(key);
    }),
  ];
  return {
    restarts: (group, name) => Math.max(0, (starts.get(makeNamespec(group, name)) ?? 0) - 1),
    close: () => offs.forEach((off) => off()),
  };
}

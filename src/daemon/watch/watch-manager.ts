// Keeps one ProgramWatch per (group, program section) that has `watch=`, following the groups as
// `update`, `add`, `remove` and watch_config change them. Nothing is watched, and chokidar is not even
// loaded, while no program asks for it.

import type { Clock } from '../../core/clock.js';
import type { EventBus } from '../../core/events.js';
import type { ManagedProcess } from '../managed-process.js';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor.js';
import { ProgramWatch } from './program-watch.js';

export interface WatchManagerDeps {
  readonly supervisor: Supervisor;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log: Logger;
}

export interface WatchManager {
  /** Resolves once every current watch is active (for tests and start-up logs). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/** Processes of one group that share a program section, in the group's priority order. */
function watchedSections(processes: readonly ManagedProcess[]): Map<string, ManagedProcess[]> {
  const sections = new Map<string, ManagedProcess[]>();
  for (const p of processes) {
    if (p.config.watch.length === 0) continue;
    const list = sections.get(p.config.section) ?? [];
    list.push(p);
    sections.set(p.config.section, list);
  }
  return sections;
}

export function startWatchManager(deps: WatchManagerDeps): WatchManager {
  const { supervisor, bus, clock, log } = deps;
  const byGroup = new Map<string, ProgramWatch[]>();
  let closed = false;
  let pending: Array<Promise<void>> = [];

  const removeGroup = (group: string): Promise<void> => {
    const watches = byGroup.get(group) ?? [];
    byGroup.delete(group);
    return Promise.all(watches.map((w) => w.close())).then(() => undefined);
  };

  const addGroup = async (group: string): Promise<void> => {
    const found = supervisor.group(group);
    if (!found || closed) return;
    const sections = watchedSections(found.processes);
    if (sections.size === 0) return;
    await removeGroup(group);
    const { watchFiles } = await import('./fs-watcher.js');
    // The group may have been removed or replaced (update) while we were away.
    if (closed || supervisor.group(group) !== found) return;
    const mood = () => supervisor.mood;
    const watches = [...sections].map(([section, processes]) => {
      const program = section.slice(section.indexOf(':') + 1);
      const label = group === program ? program : `${group}:${program}`;
      return new ProgramWatch(label, processes, { clock, log, mood, watchFiles });
    });
    byGroup.set(group, watches);
    await Promise.all(watches.map((w) => w.start()));
  };

  const track = (work: Promise<void>): void => {
    const guarded = work.catch((error: unknown) => log.error(`watch: ${(error as Error).message}`));
    pending.push(guarded);
    void guarded.finally(() => (pending = pending.filter((p) => p !== guarded)));
  };

  for (const group of supervisor.groups()) track(addGroup(group.config.name));
  const offAdded = bus.on('group-added', ({ group }) => track(addGroup(group)));
  const offRemoved = bus.on('group-removed', ({ group }) => track(removeGroup(group)));

  return {
    ready: Promise.all(pending).then(() => undefined),
    async close() {
      closed = true;
      offAdded();
      offRemoved();
      await Promise.all(pending);
      await Promise.all([...byGroup.keys()].map(removeGroup));
    },
  };
}

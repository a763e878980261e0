// `update` done inside the daemon: the same sequence supervisorctl drives over RPC (reloadConfig, then
// for each removed group stop + removeProcessGroup, for each changed one stop + remove + add, for each
// new one addProcessGroup), for callers that have a fresh config in hand (watch_config).

import { diffGroups } from '../config/diff.js';
import type { Config, GroupConfig } from '../config/types.js';
import { RUNNING_STATES, STOPPED_STATES } from '../core/states.js';
import type { ProcessGroup, Supervisor } from './supervisor.js';

export interface UpdateReport {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** Groups left in place because a process would not stop (supervisorctl's "has problems; not removing"). */
  readonly notRemoved: readonly string[];
}

/** Stops every process of the group that runs, and waits until none does. */
async function stopGroup(group: ProcessGroup): Promise<void> {
  for (const p of group.processes) if (RUNNING_STATES.has(p.state)) p.stop();
  await Promise.all(group.processes.map((p) => p.waitFor((q) => STOPPED_STATES.has(q.state))));
}

/** true when removed; false when a process ended UNKNOWN (its kill failed), as the ctl leaves such groups. */
async function stopAndRemove(supervisor: Supervisor, name: string): Promise<boolean> {
  const group = supervisor.group(name);
  if (!group) return true;
  await stopGroup(group);
  if (group.processes.some((p) => p.state === 'UNKNOWN')) return false;
  // Someone may have removed it meanwhile (an RPC removeProcessGroup).
  if (supervisor.group(name) === group) await supervisor.removeGroup(name);
  return true;
}

async function add(supervisor: Supervisor, config: GroupConfig): Promise<void> {
  if (supervisor.group(config.name)) return;
  supervisor.autostart(await supervisor.addGroup(config));
}

export type UpdatePlan = Omit<UpdateReport, 'notRemoved'>;

/**
 * Makes `next` the pending config (as reloadConfig does) and applies its difference to the running
 * groups; `onPlan` hears what will change before anything does (so a log reads cause, then effects).
 */
export async function applyUpdate(supervisor: Supervisor, next: Config, onPlan?: (plan: UpdatePlan) => void): Promise<UpdateReport> {
  supervisor.pending = next;
  const diff = diffGroups(
    supervisor.groupsAsAdded().map((g) => g.config),
    next.groups,
  );
  const names = (groups: readonly GroupConfig[]) => groups.map((g) => g.name);
  const plan: UpdatePlan = { added: names(diff.added), changed: names(diff.changed), removed: names(diff.removed) };
  onPlan?.(plan);
  const notRemoved: string[] = [];
  for (const group of diff.removed) {
    if (!(await stopAndRemove(supervisor, group.name))) notRemoved.push(group.name);
  }
  for (const group of diff.changed) {
    if (!(await stopAndRemove(supervisor, group.name))) {
      notRemoved.push(group.name);
      continue;
    }
    await add(supervisor, group);
  }
  for (const group of diff.added) await add(supervisor, group);
  return { ...plan, notRemoved };
}

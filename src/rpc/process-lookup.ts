// Finding processes the way the RPC methods do: a namespec resolves to a group and maybe one process
// (BAD_NAME otherwise), and the "all" operations walk processes in supervisord's two orders.

import { Fault } from '../core/faults.js';
import { parseNamespec } from '../core/names.js';
import { compareCodePoints } from '../config/py.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import type { ProcessGroup, Supervisor } from '../daemon/supervisor.js';

export interface Resolved {
  readonly group: ProcessGroup;
  /** null for the group forms `group:*` and `group:`. */
  readonly process: ManagedProcess | null;
}

/** BAD_NAME carries the name as the caller wrote it (`nosuch:*`, `g:nosuch`). */
export function resolveNamespec(supervisor: Supervisor, name: string): Resolved {
  const spec = parseNamespec(name);
  const group = supervisor.group(spec.group);
  if (!group) throw new Fault('BAD_NAME', name);
  if (spec.process === null) return { group, process: null };
  const process = group.processes.find((p) => p.config.name === spec.process);
  if (!process) throw new Fault('BAD_NAME', name);
  return { group, process };
}

/** For methods that act on one process only: a group form is BAD_NAME too. */
export function resolveProcess(supervisor: Supervisor, name: string): ManagedProcess {
  const { process } = resolveNamespec(supervisor, name);
  if (!process) throw new Fault('BAD_NAME', name);
  return process;
}

export function groupOrFault(supervisor: Supervisor, name: string): ProcessGroup {
  const group = supervisor.group(name);
  if (!group) throw new Fault('BAD_NAME', name);
  return group;
}

/** A group's processes by ascending priority; equal priorities keep their config order (a stable sort). */
export function byPriority(group: ProcessGroup): ManagedProcess[] {
  return [...group.processes].sort((a, b) => a.config.priority - b.config.priority);
}

/** Every process, groups by priority, then processes by priority: the order of the "all" calls. */
export function allByPriority(supervisor: Supervisor): ManagedProcess[] {
  return supervisor.groups().flatMap(byPriority);
}

/** Every process by group name, then process name, in code-point order: getAllProcessInfo's order. */
export function allLexically(supervisor: Supervisor): ManagedProcess[] {
  const byName = (a: { name: string }, b: { name: string }) => compareCodePoints(a.name, b.name);
  return supervisor
    .groups()
    .map((g) => g.config)
    .sort(byName)
    .flatMap((config) => {
      const group = supervisor.group(config.name);
      return group ? [...group.processes].sort((a, b) => byName(a.config, b.config)) : [];
    });
}

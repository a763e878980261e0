// `tssupervisor.getProcessStats(names)`: what the dashboard shows beside the state — CPU %, RSS and
// restarts since the daemon started — for the rows it has on screen. Sampled here, in the daemon, so a
// client over TCP gets the same figures as one on the socket.

import { Fault } from '../core/faults.js';
import { sampleUsage } from '../daemon/process-usage.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import type { ControlContext } from './control-context.js';
import type { MethodSpec } from './method-table.js';
import { allLexically } from './process-lookup.js';
import { countRestarts } from './restart-counts.js';

export interface ProcessStats {
  readonly group: string;
  readonly name: string;
  readonly pid: number;
  /** Percent of one core since this pid's previous sample; -1 when there is no live pid to sample. */
  readonly cpu: number;
  /** Resident bytes; -1 when there is no live pid to sample. */
  readonly rss: number;
  readonly restarts: number;
}

/** Names are process namespecs (`web`, `site:api`); names that match nothing are left out, not faulted. */
function pick(ctx: ControlContext, names: readonly unknown[]): ManagedProcess[] {
  if (names.length === 0) return allLexically(ctx.supervisor);
  const found: ManagedProcess[] = [];
  for (const name of names) {
    if (typeof name !== 'string') throw new Fault('INCORRECT_PARAMETERS');
    const proc = ctx.supervisor.findProcess(name);
    if (proc) found.push(proc);
  }
  return found;
}

export function statsMethods(ctx: ControlContext): Record<string, MethodSpec> {
  const counts = countRestarts(ctx.bus);
  return {
    getProcessStats: {
      signature: ['array', 'array'],
      minParams: 0,
      help: 'CPU percent, resident bytes and restarts since the daemon started, for the named processes (all when none are named).\n@param array names process namespecs\n@return array [{group, name, pid, cpu, rss, restarts}]',
      async call([names = []]) {
        const procs = pick(ctx, names as unknown[]);
        const usage = await sampleUsage(procs.map((p) => p.snapshot.pid));
        return procs.map((p): ProcessStats => {
          const { pid } = p.snapshot;
          const sample = pid > 0 ? usage.get(pid) : undefined;
          return {
            group: p.group,
            name: p.config.name,
            pid,
            cpu: sample?.cpu ?? -1,
            rss: sample?.rss ?? -1,
            restarts: counts.restarts(p.group, p.config.name),
          };
        });
      },
    },
  };
}

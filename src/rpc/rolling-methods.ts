// tssupervisor.restartRolling: restart a group one process at a time, the next one only once the
// previous is RUNNING again, so a pool behind a load balancer always has members serving. supervisord's
// `restart g:*` stops every member before starting any. The roll stops at the first process that does
// not come back (BACKOFF, FATAL, spawn error) and reports which; the rest are left untouched.

import { Fault, FaultCodes } from '../core/faults.js';
import { makeNamespec } from '../core/names.js';
import { RUNNING_STATES } from '../core/states.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import type { Supervisor } from '../daemon/supervisor.js';
import { assertRunning, type ControlContext } from './control-context.js';
import type { MethodSpec } from './method-table.js';
import { settle, startOne, stopOne } from './process-actions.js';
import { byPriority, resolveNamespec } from './process-lookup.js';

export interface RollStep {
  readonly name: string;
  readonly group: string;
  readonly action: 'stop' | 'start';
  /** A fault code; 80 (SUCCESS) when it worked. */
  readonly status: number;
  /** 'OK', or the fault string. */
  readonly description: string;
}

/** Groups being rolled, per daemon (each HTTP server builds its own method table). */
const rolling = new WeakMap<Supervisor, Set<string>>();

/** A signal that never aborts: once a process is stopped, it is started again even if the client left. */
const UNTIL_DONE = new AbortController().signal;

export function rollingMethods(ctx: ControlContext): Record<string, MethodSpec> {
  return {
    restartRolling: {
      signature: ['array', 'string'],
      help:
        'Restart the processes of a group one at a time (ours, not supervisord\'s): each is stopped, started and waited for until RUNNING before the next one is stopped. Stops at the first process that does not reach RUNNING.\n\n' +
        '@param string name  group name, group:* or group:process\n' +
        '@return array result  one struct per step done, in order: name, group, action (stop|start), status (80 = OK, else the fault code), description',
      call: ([name], { signal }) => restartRolling(ctx, name as string, signal),
    },
  };
}

export async function restartRolling(ctx: ControlContext, name: string, abort: AbortSignal): Promise<RollStep[]> {
  assertRunning(ctx);
  const { supervisor, log } = ctx;
  // A bare group name means the whole group (`restart --rolling app`), unless the group has a process
  // of that very name (a plain [program:x]), which is what supervisord resolves `x` to.
  const bare = !name.includes(':') && supervisor.group(name)?.processes.every((p) => p.config.name !== name);
  const { group, process } = resolveNamespec(supervisor, bare ? `${name}:*` : name);
  const groupName = group.config.name;
  const busy = rolling.get(supervisor) ?? new Set<string>();
  rolling.set(supervisor, busy);
  if (busy.has(groupName)) throw new Fault('FAILED', `${groupName}: a rolling restart is already under way`);
  busy.add(groupName);
  const members = process ? [process] : byPriority(group);
  log.info(`rolling restart of ${groupName}: ${members.map((p) => p.config.name).join(', ')}`);
  const steps: RollStep[] = [];
  try {
    for (const p of members) {
      // A client that went away ends the roll between processes, never in the middle of one.
      if (abort.aborted || supervisor.mood !== 'RUNNING') break;
      const failed = await restartOne(ctx, p, steps);
      if (failed) {
        log.warn(`rolling restart of ${groupName} stopped: ${p.config.name} did not come back (${failed})`);
        return steps;
      }
    }
  } finally {
    busy.delete(groupName);
  }
  const done = steps.filter((s) => s.action === 'start').length;
  if (done < members.length) log.warn(`rolling restart of ${groupName} abandoned after ${done} of ${members.length}: the client went away or the daemon is stopping`);
  else log.info(`rolling restart of ${groupName} done`);
  return steps;
}

/** Stops (when running) and starts one process, waiting for each; returns the failure text, or null. */
async function restartOne(ctx: ControlContext, p: ManagedProcess, steps: RollStep[]): Promise<string | null> {
  const namespec = makeNamespec(p.group, p.config.name);
  const record = (action: RollStep['action'], error: unknown): string | null => {
    if (error !== null && !(error instanceof Fault)) throw error;
    const fault = error as Fault | null;
    steps.push({
      name: p.config.name,
      group: p.group,
      action,
      status: fault ? fault.code : FaultCodes.SUCCESS,
      description: fault ? fault.faultString : 'OK',
    });
    return fault ? fault.faultString : null;
  };
  if (RUNNING_STATES.has(p.state)) {
    const stopped = await attempt(() => settle(stopOne(p, namespec, true, UNTIL_DONE, ctx.log)));
    const failed = record('stop', stopped);
    if (failed) return failed;
  }
  return record('start', await attempt(() => settle(startOne(p, namespec, true, UNTIL_DONE))));
}

/** null when the action worked, else what it threw. */
async function attempt(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
    return null;
  } catch (error) {
    return error;
  }
}

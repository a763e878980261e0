// startProcess / stopProcess / signalProcess, their group and "all" variants, and the process infos.
// A `group:*` (or `group:`) name given to a single-process call is handed to the group variant, which
// then answers with an array instead of a boolean, as supervisord does.

import { RUNNING_STATES, SIGNALLABLE_STATES } from '../core/states.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import { assertRunning, wallNow, type ControlContext } from './control-context.js';
import { forEachProcess } from './group-results.js';
import type { MethodSpec } from './method-table.js';
import { settle, signalOne, startOne, stopOne } from './process-actions.js';
import { processInfo } from './process-info.js';
import { allByPriority, allLexically, byPriority, groupOrFault, resolveNamespec, resolveProcess } from './process-lookup.js';

export type MethodDefs = Record<string, MethodSpec>;

const notRunning = (p: ManagedProcess): boolean => !RUNNING_STATES.has(p.state);
const running = (p: ManagedProcess): boolean => RUNNING_STATES.has(p.state);
const signallable = (p: ManagedProcess): boolean => SIGNALLABLE_STATES.has(p.state);

export function processControlMethods(ctx: ControlContext): MethodDefs {
  const { supervisor, log } = ctx;

  const startGroup = (name: string, wait: boolean, abort: AbortSignal) => {
    assertRunning(ctx);
    const group = groupOrFault(supervisor, name);
    return forEachProcess(byPriority(group), notRunning, (p, spec) => startOne(p, spec, wait, abort), abort);
  };
  const stopGroup = (name: string, wait: boolean, abort: AbortSignal) => {
    assertRunning(ctx);
    const group = groupOrFault(supervisor, name);
    return forEachProcess(byPriority(group), running, (p, spec) => stopOne(p, spec, wait, abort, log), abort);
  };
  const signalGroup = async (name: string, signal: string) => {
    assertRunning(ctx);
    const group = groupOrFault(supervisor, name);
    return await forEachProcess(byPriority(group), signallable, (p, spec) => signalOne(p, spec, signal));
  };

  return {
    startProcess: {
      signature: ['boolean', 'string', 'boolean'],
      minParams: 1,
      help: 'Start a process.\n\n@param string name  process name, group:name, or group:* for a whole group\n@param boolean wait  wait until it is RUNNING (default true)\n@return boolean result  true unless an error occurred',
      call: async ([name, wait = true], { signal }) => {
        assertRunning(ctx);
        const { group, process } = resolveNamespec(supervisor, name as string);
        if (!process) return startGroup(group.config.name, wait as boolean, signal);
        return settle(startOne(process, name as string, wait as boolean, signal));
      },
    },
    startProcessGroup: {
      signature: ['array', 'string', 'boolean'],
      minParams: 1,
      help: 'Start every process of a group that is not already running.\n\n@param string name  group name\n@param boolean wait  wait until each one is RUNNING (default true)\n@return array result  one status struct per process started',
      call: ([name, wait = true], { signal }) => startGroup(name as string, wait as boolean, signal),
    },
    startAllProcesses: {
      signature: ['array', 'boolean'],
      minParams: 0,
      help: 'Start every process that is not already running, by ascending priority.\n\n@param boolean wait  wait until each one is RUNNING (default true)\n@return array result  one status struct per process started',
      call: ([wait = true], { signal }) => {
        assertRunning(ctx);
        return forEachProcess(allByPriority(ctx.supervisor), notRunning, (p, spec) => startOne(p, spec, wait as boolean, signal), signal);
      },
    },
    stopProcess: {
      signature: ['boolean', 'string', 'boolean'],
      minParams: 1,
      help: 'Stop a process.\n\n@param string name  process name, group:name, or group:* for a whole group\n@param boolean wait  wait until it has stopped (default true)\n@return boolean result  true unless an error occurred',
      call: async ([name, wait = true], { signal }) => {
        assertRunning(ctx);
        const { group, process } = resolveNamespec(supervisor, name as string);
        if (!process) return stopGroup(group.config.name, wait as boolean, signal);
        return settle(stopOne(process, name as string, wait as boolean, signal, log));
      },
    },
    stopProcessGroup: {
      signature: ['array', 'string', 'boolean'],
      minParams: 1,
      help: 'Stop every running process of a group.\n\n@param string name  group name\n@param boolean wait  wait until each one has stopped (default true)\n@return array result  one status struct per process stopped',
      call: ([name, wait = true], { signal }) => stopGroup(name as string, wait as boolean, signal),
    },
    stopAllProcesses: {
      signature: ['array', 'boolean'],
      minParams: 0,
      help: 'Stop every running process, all at once (not in shutdown order).\n\n@param boolean wait  wait until each one has stopped (default true)\n@return array result  one status struct per process stopped',
      call: ([wait = true], { signal }) => {
        assertRunning(ctx);
        return forEachProcess(allByPriority(ctx.supervisor), running, (p, spec) => stopOne(p, spec, wait as boolean, signal, log), signal);
      },
    },
    signalProcess: {
      signature: ['boolean', 'string', 'string'],
      help: "Send a UNIX signal to a process (its pid only, never its process group).\n\n@param string name  process name, group:name, or group:* for a whole group\n@param string signal  signal name ('HUP', 'SIGHUP') or number ('1')\n@return boolean result  true unless an error occurred",
      call: async ([name, signal]) => {
        assertRunning(ctx);
        const { group, process } = resolveNamespec(supervisor, name as string);
        if (!process) return signalGroup(group.config.name, signal as string);
        return settle(signalOne(process, name as string, signal as string));
      },
    },
    signalProcessGroup: {
      signature: ['array', 'string', 'string'],
      help: "Send a UNIX signal to every process of a group that can take one (STARTING, RUNNING, STOPPING).\n\n@param string name  group name\n@param string signal  signal name ('HUP', 'SIGHUP') or number ('1')\n@return array result  one status struct per process signalled",
      call: ([name, signal]) => signalGroup(name as string, signal as string),
    },
    signalAllProcesses: {
      signature: ['array', 'string'],
      help: "Send a UNIX signal to every process that can take one.\n\n@param string signal  signal name ('HUP', 'SIGHUP') or number ('1')\n@return array result  one status struct per process signalled",
      call: async ([signal]) => {
        // supervisord signals first and only then refuses when shutting down; kept for compatibility.
        const results = await forEachProcess(allByPriority(ctx.supervisor), signallable, (p, spec) => signalOne(p, spec, signal as string));
        assertRunning(ctx);
        return results;
      },
    },
    getProcessInfo: {
      signature: ['struct', 'string'],
      help: 'Get the state of one process.\n\n@param string name  process name or group:name\n@return struct result  name, group, state, statename, pid, start, stop, now, spawnerr, exitstatus, log files, description',
      call: ([name]) => {
        assertRunning(ctx);
        return processInfo(resolveProcess(supervisor, name as string), wallNow(ctx));
      },
    },
    getAllProcessInfo: {
      signature: ['array'],
      help: 'Get the state of every process, sorted by group name, then process name.\n\n@return array result  one getProcessInfo struct per process',
      call: () => {
        assertRunning(ctx);
        const now = wallNow(ctx);
        return allLexically(supervisor).map((p) => processInfo(p, now));
      },
    },
  };
}

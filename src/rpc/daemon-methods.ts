// The daemon-wide part of the `supervisor.*` namespace: identity and state, the main log, shutdown and
// restart, and the config methods working on the *pending* config (the one reloadConfig read last).

import { existsSync } from 'node:fs';
import { configInfo, type AutoLogResolver } from '../config/config-info.js';
import { diffGroups } from '../config/diff.js';
import { formatDiagnostic } from '../config/load.js';
import type { ProcessConfig } from '../config/types.js';
import { Fault } from '../core/faults.js';
import { STOPPED_STATES, SupervisorStates } from '../core/states.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import { VERSION } from '../version.js';
import { assertRunning, type ControlContext } from './control-context.js';
import { readLogRange } from './log-read.js';
import type { MethodDefs } from './process-control-methods.js';

export const API_VERSION = '3.0';

/**
 * supervisord shows a resolved AUTO log path in getAllConfigInfo for exactly those process configs a
 * live group was built from (it writes the name into the config object). We remember the process each
 * config object was built into, so configs re-read since then show 'auto' again.
 */
function autoLogResolver(ctx: ControlContext): AutoLogResolver {
  const built = new WeakMap<ProcessConfig, ManagedProcess>();
  const remember = (name: string) => {
    for (const p of ctx.supervisor.group(name)?.processes ?? []) built.set(p.config, p);
  };
  for (const group of ctx.supervisor.groups()) remember(group.config.name);
  ctx.bus.on('group-added', ({ group }) => remember(group));
  return (proc, channel) => built.get(proc)?.logs.path(channel) ?? null;
}

export function daemonMethods(ctx: ControlContext): MethodDefs {
  const { supervisor } = ctx;
  const resolveAuto = autoLogResolver(ctx);
  // Opening a group's logs takes a moment; a second add of the same group meanwhile is ALREADY_ADDED.
  const adding = new Set<string>();
  const simple = (returns: string, help: string, value: () => unknown) => ({
    signature: [returns],
    help,
    call: () => {
      assertRunning(ctx);
      return value();
    },
  });

  return {
    getAPIVersion: simple('string', 'Return the version of the RPC API (3.0, as supervisord 3.x and 4.x).\n\n@return string version', () => API_VERSION),
    getSupervisorVersion: simple('string', 'Return the version of the daemon.\n\n@return string version', () => VERSION),
    getIdentification: simple('string', "Return the daemon's identifier (the `identifier` setting).\n\n@return string identifier", () => ctx.identifier),
    getState: simple('struct', 'Return the state of the daemon.\n\n@return struct result  {statecode: int, statename: string}', () => ({
      statecode: SupervisorStates[supervisor.state],
      statename: supervisor.state,
    })),
    getPID: simple('int', 'Return the pid of the daemon.\n\n@return int pid', () => process.pid),
    readLog: {
      signature: ['string', 'int', 'int'],
      help: 'Read bytes of the main log.\n\n@param int offset  where to start; negative (with length 0) = that many bytes from the end\n@param int length  how many bytes; 0 = up to the end\n@return string result  the bytes read',
      call: async ([offset, length]) => {
        assertRunning(ctx);
        const path = ctx.mainLogPath;
        if (path === null) throw new Fault('NO_FILE');
        if (!existsSync(path)) throw new Fault('NO_FILE', path);
        return await readLogRange(path, offset as number, length as number);
      },
    },
    clearLog: {
      signature: ['boolean'],
      help: 'Empty the main log file.\n\n@return boolean result  true unless an error occurred',
      call: async () => {
        assertRunning(ctx);
        const path = ctx.mainLogPath;
        if (path === null || !existsSync(path)) throw new Fault('NO_FILE');
        // Written just before the file goes away, so it only shows on the console, as with supervisord.
        ctx.log.info('reopening log file');
        try {
          await ctx.clearMainLog();
        } catch {
          throw new Fault('FAILED');
        }
        return true;
      },
    },
    shutdown: simple('boolean', 'Stop every process and exit.\n\n@return boolean result  true unless an error occurred', () => ctx.request('shutdown')),
    restart: simple('boolean', 'Stop every process, re-read the config and start again (same pid).\n\n@return boolean result  true unless an error occurred', () =>
      ctx.request('restart'),
    ),
    reloadConfig: simple(
      'array',
      'Re-read the config file and compare it with the running groups, without applying anything.\n\n@return array result  [[added, changed, removed]]: three arrays of group names',
      () => {
        const result = ctx.reread();
        if (!result.ok) throw new Fault('CANT_REREAD', result.errors.map(formatDiagnostic).join('\n'));
        supervisor.pending = result.config;
        // "removed" comes in the order the running groups were added, as in supervisord.
        const diff = diffGroups(
          ctx.supervisor.groupsAsAdded().map((g) => g.config),
          result.config.groups,
        );
        const names = (groups: readonly { name: string }[]) => groups.map((g) => g.name);
        return [[names(diff.added), names(diff.changed), names(diff.removed)]];
      },
    ),
    addProcessGroup: {
      signature: ['boolean', 'string'],
      help: 'Start managing a group of the config read last (its autostart processes start).\n\n@param string name  group name\n@return boolean result  true unless an error occurred',
      call: async ([name]) => {
        assertRunning(ctx);
        const config = supervisor.pending.groups.find((g) => g.name === name);
        if (!config) throw new Fault('BAD_NAME', name as string);
        if (supervisor.group(config.name) || adding.has(config.name)) throw new Fault('ALREADY_ADDED', name as string);
        adding.add(config.name);
        try {
          supervisor.autostart(await supervisor.addGroup(config));
        } finally {
          adding.delete(config.name);
        }
        return true;
      },
    },
    removeProcessGroup: {
      signature: ['boolean', 'string'],
      help: 'Stop managing a group whose processes are all stopped.\n\n@param string name  group name\n@return boolean result  true unless an error occurred',
      call: async ([name]) => {
        assertRunning(ctx);
        const group = supervisor.group(name as string);
        if (!group) throw new Fault('BAD_NAME', name as string);
        if (group.processes.some((p) => !STOPPED_STATES.has(p.state))) throw new Fault('STILL_RUNNING', name as string);
        await supervisor.removeGroup(group.config.name);
        return true;
      },
    },
    getAllConfigInfo: simple('array', 'Describe every process of the config read last, sorted by name.\n\n@return array result  one struct per process', () => {
      const active = new Set(supervisor.groups().map((g) => g.config.name));
      return configInfo(supervisor.pending, active, resolveAuto);
    }),
  };
}

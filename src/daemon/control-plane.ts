// The daemon's control plane: the `supervisor.*` methods on this run's Supervisor, the log tails and
// the event stream, served by one HTTP server per [unix_http_server] / [inet_http_server] section.

import type { LoadResult } from '../config/load.js';
import { MAIN_RPC_FACTORY } from '../config/load-servers.js';
import type { Config } from '../config/types.js';
import type { EventBus } from '../core/events.js';
import type { ControlContext, RequestedOutcome } from '../rpc/control-context.js';
import { startControlServers, type ControlServers, type LogTailSource } from '../rpc/http-server.js';
import type { MethodSpec, MethodTable } from '../rpc/method-table.js';
import { processEventSource } from '../rpc/process-events.js';
import { buildExtensionMethods } from '../rpc/extension-methods.js';
import { buildSupervisorMethods } from '../rpc/supervisor-methods.js';
import type { MainLog } from './main-log.js';
import type { Supervisor } from './supervisor.js';

export interface ControlPlaneOptions {
  readonly config: Config;
  readonly supervisor: Supervisor;
  readonly bus: EventBus;
  readonly log: MainLog;
  readonly request: (outcome: RequestedOutcome) => boolean;
  readonly reread: () => LoadResult;
}

export interface ControlPlane {
  close(): Promise<void>;
}

/** Where `tail -f` and `maintail -f` read from, and how they hear about appends without polling. */
function logTailSource(supervisor: Supervisor, log: MainLog): LogTailSource {
  return {
    resolve: (namespec, channel) => supervisor.findProcess(namespec)?.logs.path(channel) ?? null,
    mainLogPath: () => log.path,
    onAppend(path, cb) {
      if (path === log.path) return log.onAppend(cb);
      for (const p of supervisor.allProcesses()) {
        for (const channel of ['stdout', 'stderr'] as const) {
          if (p.logs.path(channel) === path) return p.logs.onAppend(channel, cb);
        }
      }
      return () => {};
    },
  };
}

/** One namespace per `[rpcinterface:x]` that names supervisord's main interface (normally `supervisor`). */
function buildMethods(ctx: ControlContext, config: Config): { table: MethodTable; namespaces: string[] } {
  const namespaces = config.rpcinterfaces.filter((r) => r.factory === MAIN_RPC_FACTORY).map((r) => r.name);
  const table = new Map<string, MethodSpec>();
  for (const namespace of namespaces) for (const [name, spec] of buildSupervisorMethods(ctx, namespace)) table.set(name, spec);
  for (const [name, spec] of buildExtensionMethods(ctx)) table.set(name, spec);
  return { table, namespaces };
}

export async function startControlPlane(opts: ControlPlaneOptions): Promise<ControlPlane> {
  const { config, supervisor, bus, log } = opts;
  const ctx: ControlContext = {
    supervisor,
    bus,
    log,
    mainLogPath: log.path,
    clearMainLog: () => log.clear(),
    // A reread refreshes the identifier, as it does in supervisord.
    get identifier() {
      return supervisor.pending.supervisord.identifier;
    },
    request: opts.request,
    reread: opts.reread,
  };
  const { table, namespaces } = buildMethods(ctx, config);
  const logs = logTailSource(supervisor, log);
  const events = processEventSource({ supervisor, bus });

  // supervisord builds the interfaces per server and logs in that order: the interface line(s), then the
  // server's own warnings. Starting the servers one by one keeps that order in our log.
  const started: ControlServers[] = [];
  try {
    for (const server of config.servers) {
      for (const namespace of namespaces) log.info(`RPC interface '${namespace}' initialized`);
      started.push(await startControlServers({ servers: [server], methods: table, logs, events, log }));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  return {
    close: async () => void (await Promise.all(started.map((s) => s.close()))),
  };
}

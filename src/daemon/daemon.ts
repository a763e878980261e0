// One run of the daemon, from opening the main log to the last process stopped. main.ts calls it again
// (same process, fresh config) after a restart request, as supervisord does on SIGHUP.

import { writeFileSync, rmSync } from 'node:fs';
import type { Config, ProcessConfig } from '../config/types.js';
import { formatDiagnostic, type LoadResult } from '../config/load.js';
import { systemClock } from '../core/clock.js';
import { EventBus } from '../core/events.js';
import { Supervisor } from './supervisor.js';
import { createMainLog, type MainLog } from './main-log.js';
import { cleanupAutoLogs } from './auto-log.js';
import { openProcessLogs, type ProcessLogs } from './process-logs.js';
import { buildChildEnv } from './command.js';
import { installSignals } from './signals.js';
import { startControlPlane } from './control-plane.js';
import { isDaemonChild } from './daemonize.js';
import { reservePipes } from './spawner.js';
import { startEventSystem, type EventSystem } from './events/event-system.js';
import { startWatches } from './watch/watches.js';

export class StartupError extends Error {}

export interface RunOptions {
  readonly first: boolean;
  readonly onReady: () => void;
  /** Re-reads the config with the daemon's original options (reloadConfig / reread). */
  readonly reread: () => LoadResult;
}

/** The URL children get as SUPERVISOR_SERVER_URL: the program's own, else the unix socket, else the port. */
export function childServerUrl(config: Config, proc: ProcessConfig): string | null {
  if (proc.serverurl !== null) return proc.serverurl;
  const unix = config.servers.find((s) => s.kind === 'unix');
  if (unix?.kind === 'unix') return `unix://${unix.file}`;
  const inet = config.servers.find((s) => s.kind === 'inet');
  if (inet?.kind === 'inet') return `http://${inet.host || 'localhost'}:${inet.port}`;
  return null;
}

function openMainLog(config: Config): MainLog {
  const s = config.supervisord;
  return createMainLog({
    path: s.logfile,
    level: s.loglevel,
    maxbytes: s.logfileMaxbytes,
    backups: s.logfileBackups,
    echoToStdout: s.nodaemon && !s.silent && !isDaemonChild(),
  });
}

function flushConfigMessages(config: Config, log: MainLog): void {
  if (process.getuid?.() === 0 && config.supervisord.user === null) {
    log.crit(
      'Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.',
    );
  }
  for (const info of config.infos) log.info(info.message);
  // Our own warnings (unknown keys …) carry file:line; supervisord's texts are logged as they are.
  for (const warning of config.warnings) log.warn(warning.line > 0 ? formatDiagnostic(warning) : warning.message);
}

/** Creates start-up's deferred AUTO files, a few processes per turn: output and requests are served meanwhile. */
async function materializeLogs(processes: readonly { readonly logs: ProcessLogs }[]): Promise<void> {
  for (let i = 0; i < processes.length; i++) {
    processes[i]!.logs.materialize();
    if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function runDaemon(config: Config, options: RunOptions): Promise<'shutdown' | 'restart'> {
  const log = openMainLog(config);
  flushConfigMessages(config, log);
  const s = config.supervisord;
  if (!s.nocleanup) await cleanupAutoLogs(s.childlogdir, s.identifier, (m) => log.warn(m));

  const bus = new EventBus();
  // Read once per run: process.env is a live view of environ, slow to copy for every spawn.
  const baseEnv = { ...process.env };
  // Listener pools subscribe as their groups are added; their stdout is the protocol, routed here.
  let events: EventSystem | null = null;
  const listenerStdout = (group: string, proc: string) => (chunk: Buffer) => events?.listenerStdout(group, proc, chunk);
  // Start-up's AUTO log files are created after the autostart burst, not before it.
  let startingUp = true;
  const supervisor = new Supervisor(config, {
    clock: systemClock,
    bus,
    log,
    childEnv: (proc, group) =>
      buildChildEnv({
        base: baseEnv,
        serverUrl: childServerUrl(config, proc),
        processName: proc.name,
        groupName: group,
        environment: proc.environment,
      }),
    openLogs: (group, proc) =>
      openProcessLogs(proc, config.supervisord, {
        bus,
        log,
        group: group.name,
        deferAutoCreate: startingUp,
        ...(group.kind === 'eventlistener' ? { listenerStdout: listenerStdout(group.name, proc.name) } : {}),
      }),
  });
  events = startEventSystem({ bus, log, supervisor, identifier: s.identifier, debugEnabled: () => log.isEnabled('debug') });
  // The autostart burst's pipes are made by one `mkfifo` in the background while the log files are created.
  const autostartPipes = reservePipes(config.groups.flatMap((g) => g.processes).filter((p) => p.autostart));
  for (const group of config.groups) await supervisor.addGroup(group);

  let requested: ((outcome: 'shutdown' | 'restart') => void) | null = null;
  const stopRequested = new Promise<'shutdown' | 'restart'>((resolve) => (requested = resolve));
  const request = (outcome: 'shutdown' | 'restart') => {
    if (supervisor.mood !== 'RUNNING') return false;
    supervisor.mood = outcome === 'shutdown' ? 'SHUTDOWN' : 'RESTARTING';
    requested?.(outcome);
    return true;
  };

  let control: Awaited<ReturnType<typeof startControlPlane>>;
  try {
    control = await startControlPlane({ config, supervisor, bus, log, request, reread: options.reread });
  } catch (error) {
    await log.close();
    throw new StartupError((error as Error).message);
  }

  try {
    writeFileSync(s.pidfile, `${process.pid}\n`);
  } catch {
    log.crit(`could not write pidfile ${s.pidfile}`);
  }
  log.info(`supervisord started with pid ${process.pid}`);
  const removeSignals = installSignals({ log, request, reopenLogs: () => reopenAll(supervisor, log) });
  // If we die abruptly (an internal error), nothing we started may outlive us.
  const killOrphans = () => {
    for (const p of supervisor.allProcesses()) if (p.snapshot.pid > 0) p.killGroupNow();
  };
  process.once('exit', killOrphans);
  options.onReady();

  bus.emit('supervisor-state', { state: 'RUNNING' });
  await autostartPipes;
  for (const group of supervisor.groups()) supervisor.autostart(group);
  startingUp = false;
  void materializeLogs(supervisor.allProcesses());
  const watches = startWatches(config, { supervisor, bus, clock: systemClock, log, reread: options.reread });

  const outcome = await stopRequested;
  await watches.close();
  bus.emit('supervisor-state', { state: 'STOPPING' });
  await supervisor.stopAllInOrder();
  events.close();
  removeSignals();
  process.off('exit', killOrphans);
  await control.close();
  await Promise.all(supervisor.allProcesses().map((p) => p.logs.close()));
  if (outcome === 'shutdown') rmSync(s.pidfile, { force: true });
  await log.close();
  return outcome;
}

async function reopenAll(supervisor: Supervisor, log: MainLog): Promise<void> {
  await log.reopen();
  await Promise.all(supervisor.allProcesses().map((p) => p.logs.reopen()));
  log.info('supervisord logreopen');
}

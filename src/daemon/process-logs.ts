// A process's two log channels: where its stdout/stderr go (AUTO resolved once per group creation, as
// supervisord names them), how a spawned child is attached, and what tail, clear and reopen act on.

import type { LogChannelConfig, ProcessConfig, SupervisordConfig } from '../config/types.js';
import type { EventBus } from '../core/events.js';
import { autoLogCandidate, autoLogPrefix, createAutoLog } from './auto-log.js';
import { attachChildOutput, openChannelLog, type FileChannelLog } from './child-log.js';
import { channelForSpawn, outputTaps, type OutputEventContext } from './events/output-events.js';
import type { CreateFile } from './log-file.js';
import type { MainLog } from './main-log.js';
import type { ChildHandle } from './spawner.js';

export type Channel = 'stdout' | 'stderr';

export interface ProcessLogs {
  /** The real file of each channel, or null (NONE, or stderr under redirect_stderr). It exists once asked for. */
  path(channel: Channel): string | null;
  /** Creates the AUTO files whose creation was deferred (see ProcessLogDeps.deferAutoCreate). */
  materialize(): void;
  attach(child: ChildHandle): void;
  onAppend(channel: Channel, listener: () => void): () => void;
  reopen(): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export interface ProcessLogDeps {
  readonly bus: EventBus;
  readonly log: MainLog;
  readonly group: string;
  /** Set for an `[eventlistener:x]` process: where its stdout (the listener protocol) goes. */
  readonly listenerStdout?: (chunk: Buffer) => void;
  /**
   * AUTO files get their names now but are created later: at their first write, when their path is asked for,
   * or at materialize(). Start-up uses it so that the autostart burst does not wait for 2 file creations a
   * process (each ~0.17 ms on ext4: 170 ms before the first spawn at 500 programs).
   */
  readonly deferAutoCreate?: boolean;
}

interface ResolvedPath {
  readonly path: string | null;
  readonly create: CreateFile | undefined;
}

function resolvePath(setting: LogChannelConfig['logfile'], proc: ProcessConfig, channel: Channel, s: SupervisordConfig, defer: boolean): ResolvedPath {
  if (setting !== 'AUTO') return { path: setting, create: undefined };
  const prefix = autoLogPrefix(s.childlogdir, proc.name, channel, s.identifier);
  if (!defer) return { path: createAutoLog(prefix), create: undefined };
  const planned = autoLogCandidate(prefix);
  return { path: planned, create: () => createAutoLog(prefix, planned) };
}

export async function openProcessLogs(proc: ProcessConfig, s: SupervisordConfig, deps: ProcessLogDeps): Promise<ProcessLogs> {
  const open = (channel: Channel): FileChannelLog => {
    const cfg = proc[channel];
    const { path, create } = resolvePath(cfg.logfile, proc, channel, s, deps.deferAutoCreate ?? false);
    return openChannelLog({
      path,
      create,
      maxbytes: cfg.logfileMaxbytes,
      backups: cfg.logfileBackups,
      stripAnsi: s.stripAnsi,
      syslog: cfg.syslog ? { ident: proc.name } : null,
      onError: (message) => deps.log.error(`${proc.name} ${channel} log: ${message}`),
      onRecover: (message) => deps.log.info(`${proc.name} ${channel} log: ${message}`),
    });
  };
  return new ChannelPair(open('stdout'), proc.redirectStderr ? null : open('stderr'), proc, s.stripAnsi, deps);
}

/** A class rather than an object of closures: there is one per process, for as long as the daemon runs. */
class ChannelPair implements ProcessLogs {
  constructor(
    private readonly stdout: FileChannelLog,
    private readonly stderr: FileChannelLog | null,
    private readonly proc: ProcessConfig,
    private readonly stripAnsi: boolean,
    private readonly deps: ProcessLogDeps,
  ) {}

  path(channel: Channel): string | null {
    const log = this.channel(channel);
    log?.materialize();
    return log?.path ?? null;
  }

  materialize(): void {
    for (const log of this.all()) log.materialize();
  }

  attach(child: ChildHandle): void {
    // Events, capture mode and the listener protocol wrap the channel per spawn (their state is per spawn).
    if (this.deps.listenerStdout) child.stdout.stopPacing();
    const out = this.context('stdout', child.pid);
    const err = this.context('stderr', child.pid);
    const stdout = channelForSpawn(this.stdout, child.stdout.closed, out);
    const stderr = this.stderr && child.stderr ? channelForSpawn(this.stderr, child.stderr.closed, err) : this.stderr;
    attachChildOutput(child, { stdout, stderr }, { stdout: outputTaps(out), stderr: outputTaps(err) });
  }

  onAppend(channel: Channel, listener: () => void): () => void {
    return this.channel(channel)?.onAppend(listener) ?? (() => {});
  }

  async reopen(): Promise<void> {
    await Promise.all(this.all().map((c) => c.reopen()));
  }

  async clear(): Promise<void> {
    await Promise.all(this.all().map((c) => c.clear()));
  }

  async close(): Promise<void> {
    await Promise.all(this.all().map((c) => c.close()));
  }

  private channel(channel: Channel): FileChannelLog | null {
    return channel === 'stdout' ? this.stdout : this.stderr;
  }

  private all(): FileChannelLog[] {
    return this.stderr ? [this.stdout, this.stderr] : [this.stdout];
  }

  private context(channel: Channel, pid: number): OutputEventContext {
    const { bus, log, group } = this.deps;
    return { proc: this.proc, group, channel, pid, bus, log, stripAnsi: this.stripAnsi, listenerStdout: this.deps.listenerStdout ?? null };
  }
}

// A process's two log channels: where its stdout/stderr go (AUTO resolved once per group creation, as
// supervisord names them), how a spawned child is attached, and what tail, clear and reopen act on.

import type { LogChannelConfig, ProcessConfig, SupervisordConfig } from '../config/types.js';
import type { EventBus } from '../core/events.js';
import { autoLogPath } from './auto-log.js';
import { attachChildOutput, openChannelLog, type ChannelLog } from './child-log.js';
import { channelForSpawn, outputTaps, type OutputEventContext } from './events/output-events.js';
import type { MainLog } from './main-log.js';
import type { ChildHandle } from './spawner.js';

export type Channel = 'stdout' | 'stderr';

export interface ProcessLogs {
  /** The real file of each channel, or null (NONE, or stderr under redirect_stderr). */
  path(channel: Channel): string | null;
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
}

function resolvePath(setting: LogChannelConfig['logfile'], proc: ProcessConfig, channel: Channel, s: SupervisordConfig): string | null {
  if (setting === 'AUTO') return autoLogPath(s.childlogdir, proc.name, channel, s.identifier);
  return setting;
}

export async function openProcessLogs(proc: ProcessConfig, s: SupervisordConfig, deps: ProcessLogDeps): Promise<ProcessLogs> {
  const { bus, log, group } = deps;
  const open = (channel: Channel): ChannelLog => {
    const cfg = proc[channel];
    const path = resolvePath(cfg.logfile, proc, channel, s);
    return openChannelLog({
      path,
      maxbytes: cfg.logfileMaxbytes,
      backups: cfg.logfileBackups,
      stripAnsi: s.stripAnsi,
      syslog: cfg.syslog ? { ident: proc.name } : null,
      onError: (message) => log.error(`${proc.name} ${channel} log: ${message}`),
      onRecover: (message) => log.info(`${proc.name} ${channel} log: ${message}`),
    });
  };
  const channels: Record<Channel, ChannelLog | null> = {
    stdout: open('stdout'),
    stderr: proc.redirectStderr ? null : open('stderr'),
  };
  const context = (channel: Channel, pid: number): OutputEventContext => ({
    proc, group, channel, pid, bus, log, stripAnsi: s.stripAnsi, listenerStdout: deps.listenerStdout ?? null,
  });
  const all = () => [channels.stdout, channels.stderr].filter((c): c is ChannelLog => c !== null);

  return {
    path: (channel) => channels[channel]?.path ?? null,
    attach(child) {
      // Events, capture mode and the listener protocol wrap the channel per spawn (their state is per spawn).
      if (deps.listenerStdout) child.stdout.stopPacing();
      const out = context('stdout', child.pid);
      const err = context('stderr', child.pid);
      const stdout = channelForSpawn(channels.stdout!, child.stdout.closed, out);
      const stderr = channels.stderr && child.stderr ? channelForSpawn(channels.stderr, child.stderr.closed, err) : channels.stderr;
      attachChildOutput(child, { stdout, stderr }, { stdout: outputTaps(out), stderr: outputTaps(err) });
    },
    onAppend: (channel, listener) => channels[channel]?.onAppend(listener) ?? (() => {}),
    reopen: async () => void (await Promise.all(all().map((c) => c.reopen()))),
    clear: async () => void (await Promise.all(all().map((c) => c.clear()))),
    close: async () => void (await Promise.all(all().map((c) => c.close()))),
  };
}

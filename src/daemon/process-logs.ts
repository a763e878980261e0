// A process's two log channels: where its stdout/stderr go (AUTO resolved once per group creation, as
// supervisord names them), how a spawned child is attached, and what tail, clear and reopen act on.

import type { LogChannelConfig, ProcessConfig, SupervisordConfig } from '../config/types.js';
import type { EventBus } from '../core/events.js';
import { autoLogPath } from './auto-log.js';
import { attachChildOutput, openChannelLog, type ChannelLog, type OutputTaps } from './child-log.js';
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
  const taps = (channel: Channel): OutputTaps => ({
    // Without anyone to see a chunk, it is not copied at all (the burst path stays zero-copy).
    wants: () => log.isEnabled('debug') || bus.has('process-log'),
    onChunk: (data) => {
      if (log.isEnabled('debug')) log.debug(`'${proc.name}' ${channel} output:\n${data.toString()}`);
      if (bus.has('process-log')) bus.emit('process-log', { group, name: proc.name, channel, data });
    },
  });
  const all = () => [channels.stdout, channels.stderr].filter((c): c is ChannelLog => c !== null);

  return {
    path: (channel) => channels[channel]?.path ?? null,
    attach(child) {
      attachChildOutput(child, { stdout: channels.stdout!, stderr: channels.stderr }, { stdout: taps('stdout'), stderr: taps('stderr') });
    },
    onAppend: (channel, listener) => channels[channel]?.onAppend(listener) ?? (() => {}),
    reopen: async () => void (await Promise.all(all().map((c) => c.reopen()))),
    clear: async () => void (await Promise.all(all().map((c) => c.clear()))),
    close: async () => void (await Promise.all(all().map((c) => c.close()))),
  };
}

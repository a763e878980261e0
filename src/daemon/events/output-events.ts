// What a process's output feeds besides its log file: the debug mirror, the bus's 'process-log' (our
// event stream), PROCESS_LOG_* events (`*_events_enabled`), capture mode (`*_capture_maxbytes`) and,
// for an event listener's stdout, the listener protocol. A channel with none of these keeps the plain
// ChannelLog and taps that copy nothing while nobody listens (the burst path stays zero-copy).

import type { ProcessConfig } from '../../config/types.js';
import type { EventBus } from '../../core/events.js';
import { CaptureSplitter } from '../../core/capture-mode.js';
import { pyBytesRepr } from '../../core/py-bytes.js';
import type { ChannelLog, OutputTaps } from '../child-log.js';
import type { MainLog } from '../main-log.js';
import { AnsiStripper } from '../strip-ansi.js';

export type Channel = 'stdout' | 'stderr';

export interface OutputEventContext {
  readonly proc: ProcessConfig;
  readonly group: string;
  readonly channel: Channel;
  /** The pid of the spawn this output belongs to (events carry it). */
  readonly pid: number;
  readonly bus: EventBus;
  readonly log: MainLog;
  readonly stripAnsi: boolean;
  /** Set for an `[eventlistener:x]` process: its stdout is the protocol, not program output. */
  readonly listenerStdout: ((chunk: Buffer) => void) | null;
}

const isProtocol = (c: OutputEventContext) => c.listenerStdout !== null && c.channel === 'stdout';

/** The taps of one channel of one spawn. A listener's stdout gets no PROCESS_LOG events (as in supervisord). */
export function outputTaps(c: OutputEventContext): OutputTaps {
  const { proc, group, channel, pid, bus, log } = c;
  const mirror = !isProtocol(c); // the protocol channel is mirrored raw, as bytes, by the listener pool
  const events = proc[channel].eventsEnabled && !isProtocol(c);
  return {
    wants: () => (mirror && log.isEnabled('debug')) || bus.has('process-log') || (events && bus.has('process-log-event')),
    onChunk: (data) => {
      if (mirror && log.isEnabled('debug')) log.debug(`'${proc.name}' ${channel} output:\n${data.toString()}`);
      if (bus.has('process-log')) bus.emit('process-log', { group, name: proc.name, channel, data });
      if (events && bus.has('process-log-event')) bus.emit('process-log-event', { group, name: proc.name, channel, pid, data });
    },
  };
}

/**
 * The ChannelLog one spawn writes through: the plain one, or a wrapper for capture mode or the listener
 * protocol. `closed` resolves when the channel's pipe is closed (bytes held for a split token go out then).
 */
export function channelForSpawn(base: ChannelLog, closed: Promise<void>, c: OutputEventContext): ChannelLog {
  if (isProtocol(c)) return new ProtocolChannel(base, c.listenerStdout as (chunk: Buffer) => void);
  const maxbytes = c.proc[c.channel].captureMaxbytes;
  if (maxbytes <= 0) return base;
  const capture = new CaptureChannel(base, maxbytes, c);
  void closed.then(() => capture.end());
  return capture;
}

/** Delegates everything but write() to the channel's real log. */
abstract class WrappedChannel implements ChannelLog {
  constructor(protected readonly inner: ChannelLog) {}
  get path(): string | null {
    return this.inner.path;
  }
  abstract write(chunk: Buffer, visibleTo?: (visible: Buffer) => void): boolean;
  on(event: 'drain', listener: () => void): this {
    this.inner.on(event, listener);
    return this;
  }
  once(event: 'drain', listener: () => void): this {
    this.inner.once(event, listener);
    return this;
  }
  onAppend(listener: () => void): () => void {
    return this.inner.onAppend(listener);
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  reopen(): Promise<void> {
    return this.inner.reopen();
  }
  clear(): Promise<void> {
    return this.inner.clear();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A listener's stdout: every raw read goes to the protocol, and still to stdout_logfile, as supervisord does. */
class ProtocolChannel extends WrappedChannel {
  constructor(
    inner: ChannelLog,
    private readonly toProtocol: (chunk: Buffer) => void,
  ) {
    super(inner);
  }

  write(chunk: Buffer, visibleTo?: (visible: Buffer) => void): boolean {
    // As supervisord: the bytes are in stdout_logfile before the protocol acts on them (and logs about them).
    const more = this.inner.write(chunk, visibleTo);
    void this.inner.flush();
    this.toProtocol(chunk);
    return more;
  }
}

/** Capture mode: log data goes on to the file; captured data only to the mirror and PROCESS_LOG events. */
class CaptureChannel extends WrappedChannel {
  private readonly splitter: CaptureSplitter;
  private lastVisibleTo: ((visible: Buffer) => void) | undefined;

  constructor(
    inner: ChannelLog,
    maxbytes: number,
    private readonly c: OutputEventContext,
  ) {
    super(inner);
    const stripper = c.stripAnsi ? new AnsiStripper() : null;
    this.splitter = new CaptureSplitter(maxbytes, stripper ? (d) => stripper.strip(d) : undefined);
  }

  write(chunk: Buffer, visibleTo?: (visible: Buffer) => void): boolean {
    this.lastVisibleTo = visibleTo;
    return this.apply(this.splitter.push(chunk), visibleTo);
  }

  end(): void {
    this.apply(this.splitter.end(), this.lastVisibleTo);
  }

  private apply(segments: ReturnType<CaptureSplitter['push']>, visibleTo?: (visible: Buffer) => void): boolean {
    const { proc, group, channel, pid, bus, log } = this.c;
    let flowing = true;
    for (const segment of segments) {
      if (segment.type === 'log') {
        flowing = this.inner.write(segment.data, visibleTo) && flowing;
      } else if (segment.type === 'captured') {
        visibleTo?.(segment.data);
      } else {
        bus.emit('process-comm', { group, name: proc.name, channel, pid, data: segment.data });
        log.debug(`'${proc.name}' ${channel} emitted a comm event`);
      }
    }
    return flowing;
  }
}

/** supervisord mirrors a listener's stdout as Python bytes: `'<name>' stdout output:\nb'READY\n'`. */
export function protocolMirrorLine(name: string, chunk: Uint8Array): string {
  return `'${name}' stdout output:\n${pyBytesRepr(chunk)}`;
}

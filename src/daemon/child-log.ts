// One channel (stdout or stderr) of one process: the log file (or none), strip_ansi, syslog, and the
// pump that moves a child's output into it with back-pressure. Bytes are written raw, never decoded.

import type { ChildOutput } from './child-output.js';
import { LogFile, type CreateFile } from './log-file.js';
import { AnsiStripper } from './strip-ansi.js';
import { syslogSink, type SyslogOptions } from './syslog.js';

export interface ChannelLogOptions {
  /** null = NONE: output is read and discarded (taps still see it). */
  readonly path: string | null;
  /** The file is made later, by this (see CreateFile). */
  readonly create?: CreateFile;
  readonly maxbytes: number;
  readonly backups: number;
  readonly stripAnsi: boolean;
  /** `*_syslog=true`: each line also goes to syslog as `<ident> <line>` (ident = the process name). */
  readonly syslog: ({ readonly ident: string } & SyslogOptions) | null;
  /** One message per episode of failure (unwritable path, full disk); the daemon logs it. */
  readonly onError: (message: string) => void;
  readonly onRecover?: (message: string) => void;
}

/** What a channel's output goes through; `visibleTo` receives the chunk after strip_ansi, before writing. */
export interface ChannelLog {
  readonly path: string | null;
  /** false = the caller should pause its source until 'drain'. The chunk may be a transient view. */
  write(chunk: Buffer, visibleTo?: (visible: Buffer) => void): boolean;
  on(event: 'drain', listener: () => void): this;
  once(event: 'drain', listener: () => void): this;
  /** Called after bytes reached the file (for `tail -f`); returns an unsubscribe function. */
  onAppend(listener: () => void): () => void;
  /** Everything written so far is in the file. */
  flush(): Promise<void>;
  reopen(): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** A channel's own log, which may be created later (ChannelLogOptions.create): its path may not exist yet. */
export interface FileChannelLog extends ChannelLog {
  /** Creates the file now if its creation was deferred. */
  materialize(): void;
}

/** Not an EventEmitter of its own: 'drain' listeners go to the file, the only source of 'drain'. */
class ChannelLogImpl implements FileChannelLog {
  private readonly file: LogFile | null;
  private readonly stripper: AnsiStripper | null;
  private readonly syslog: ChannelLogOptions['syslog'];

  constructor(options: ChannelLogOptions) {
    this.stripper = options.stripAnsi ? new AnsiStripper() : null;
    this.syslog = options.syslog;
    // Written out, not spread: see channelConfig in src/config/load-process.ts (one map per spread object).
    const { path, maxbytes, backups, onError, onRecover } = options;
    this.file = path === null ? null : new LogFile({ path, maxbytes, backups, onError, onRecover, openOnFirstWrite: true }, options.create);
  }

  get path(): string | null {
    return this.file ? this.file.path : null;
  }

  materialize(): void {
    this.file?.materialize();
  }

  on(event: 'drain', listener: () => void): this {
    this.file?.on(event, listener);
    return this;
  }

  once(event: 'drain', listener: () => void): this {
    this.file?.once(event, listener);
    return this;
  }

  write(chunk: Buffer, visibleTo?: (visible: Buffer) => void): boolean {
    const visible = this.stripper ? this.stripper.strip(chunk) : chunk;
    if (visible.length === 0) return true;
    visibleTo?.(visible);
    const syslog = this.syslog;
    if (syslog) syslogSink(syslog).sendLines(visible.toString(), `${syslog.ident} `);
    return this.file ? this.file.write(visible) : true;
  }

  onAppend(listener: () => void): () => void {
    this.file?.on('append', listener);
    return () => this.file?.off('append', listener);
  }

  flush(): Promise<void> {
    return this.file ? this.file.flush() : Promise.resolve();
  }

  reopen(): Promise<void> {
    return this.file ? this.file.reopen() : Promise.resolve();
  }

  clear(): Promise<void> {
    return this.file ? this.file.clear() : Promise.resolve();
  }

  async close(): Promise<void> {
    const held = this.stripper?.end();
    if (held && held.length > 0) this.file?.write(held);
    await this.file?.close();
  }
}

/** Sets up the channel's file (created now if missing, or later: see ChannelLogOptions.create). Never throws: see onError. */
export function openChannelLog(options: ChannelLogOptions): FileChannelLog {
  return new ChannelLogImpl(options);
}

export interface OutputTaps {
  /** Every chunk after strip_ansi (events, capture mode, the debug mirror). A fresh copy: keep it freely. */
  readonly onChunk?: (chunk: Buffer) => void;
  /** Asked per chunk: false skips the copy and the onChunk call (e.g. no debug level and no listener). */
  readonly wants?: () => boolean;
}

/**
 * Pipes a child's channel into its log: pauses reading while the log is behind (never drops), and
 * resolves once the channel is closed (EOF, or drained after the exit) and the log has flushed.
 */
export function attachOutput(output: ChildOutput, log: ChannelLog, taps: OutputTaps = {}): Promise<void> {
  const { onChunk, wants } = taps;
  const visibleTo = onChunk ? (visible: Buffer) => (wants === undefined || wants()) && onChunk(Buffer.from(visible)) : undefined;
  let waitingForDrain = false;
  output.listen((chunk) => {
    if (log.write(chunk, visibleTo) || waitingForDrain) return;
    waitingForDrain = true;
    output.hold();
    log.once('drain', () => {
      waitingForDrain = false;
      output.release();
    });
  });
  return output.closed.then(() => flushWithin(log, EXIT_FLUSH_LIMIT_MS));
}

/** Longest a closed channel waits for its log flush (a stalled FIFO reader must not hide an exit). */
const EXIT_FLUSH_LIMIT_MS = 5000;

function flushWithin(log: ChannelLog, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([log.flush(), limit]).finally(() => clearTimeout(timer));
}

/** What the spawner's ChildHandle offers for this (kept structural to avoid an import cycle). */
export interface AttachableChild {
  readonly stdout: ChildOutput;
  readonly stderr: ChildOutput | null;
  holdExit(until: Promise<unknown>): void;
}

/** Attaches both channels and makes the child's onExit wait until their output is in the files. */
export function attachChildOutput(
  child: AttachableChild,
  logs: { readonly stdout: ChannelLog; readonly stderr: ChannelLog | null },
  taps: { readonly stdout?: OutputTaps; readonly stderr?: OutputTaps } = {},
): void {
  const done = [attachOutput(child.stdout, logs.stdout, taps.stdout)];
  if (child.stderr && logs.stderr) done.push(attachOutput(child.stderr, logs.stderr, taps.stderr));
  else if (child.stderr) child.stderr.listen(() => undefined);
  child.holdExit(Promise.all(done));
}

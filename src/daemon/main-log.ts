// The daemon's activity log in supervisord's format: `YYYY-MM-DD HH:MM:SS,mmm LEVL message` (local time),
// to a rotating file or to syslog, copied to stdout in the foreground unless `silent`.

import type { LogLevelName } from '../config/types.js';
import { LogFile } from './log-file.js';
import type { Logger } from './logger.js';
import { syslogSink, type SyslogOptions } from './syslog.js';

export const LEVEL_NUMBERS: Readonly<Record<LogLevelName, number>> = {
  critical: 50,
  error: 40,
  warn: 30,
  info: 20,
  debug: 10,
  trace: 5,
  blather: 3,
};

const LEVEL_CODES: Readonly<Record<LogLevelName, string>> = {
  critical: 'CRIT',
  error: 'ERRO',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBG',
  trace: 'TRAC',
  blather: 'BLAT',
};

export interface MainLogOptions {
  /** A file path, or `syslog`. */
  readonly path: string;
  readonly level: LogLevelName;
  readonly maxbytes: number;
  readonly backups: number;
  readonly echoToStdout: boolean;
  /** Where problems with the log file itself go (default: stderr, as Python's handler does). */
  readonly onError?: (message: string) => void;
  readonly syslog?: SyslogOptions;
}

export interface MainLog extends Logger {
  /** The file, or null when logging to syslog. */
  readonly path: string | null;
  isEnabled(level: LogLevelName): boolean;
  /** Called after lines reached the file (for `maintail -f`). */
  onAppend(listener: () => void): () => void;
  reopen(): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

let stampSecond = -1;
let stampPrefix = '';

/** `2026-11-21 15:59:44,820`; the part up to the seconds is computed once per second. */
export function formatTimestamp(epochMs: number): string {
  const second = Math.floor(epochMs / 1000);
  if (second !== stampSecond) {
    const d = new Date(second * 1000);
    stampPrefix = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
    stampSecond = second;
  }
  return `${stampPrefix},${String(epochMs - second * 1000).padStart(3, '0')}`;
}

class MainLogImpl implements MainLog {
  readonly path: string | null;
  private readonly threshold: number;
  private readonly file: LogFile | null;
  /** Lines for stdout not written yet: they go out once per event-loop turn (a spawn burst logs hundreds). */
  private echo = '';
  private readonly flushEcho = (): void => {
    const text = this.echo;
    if (text === '') return;
    this.echo = '';
    process.off('exit', this.flushEcho);
    process.stdout.write(text);
  };

  constructor(private readonly options: MainLogOptions) {
    this.threshold = LEVEL_NUMBERS[options.level];
    const onError = options.onError ?? ((message: string) => process.stderr.write(`${message}\n`));
    this.path = options.path === 'syslog' ? null : options.path;
    this.file =
      this.path === null
        ? null
        : new LogFile({ path: this.path, maxbytes: options.maxbytes, backups: options.backups, onError, onRecover: onError, immediate: true });
  }

  isEnabled(level: LogLevelName): boolean {
    return LEVEL_NUMBERS[level] >= this.threshold;
  }

  crit(message: string): void {
    this.log('critical', message);
  }
  error(message: string): void {
    this.log('error', message);
  }
  warn(message: string): void {
    this.log('warn', message);
  }
  info(message: string): void {
    this.log('info', message);
  }
  debug(message: string): void {
    this.log('debug', message);
  }
  trace(message: string): void {
    this.log('trace', message);
  }
  blather(message: string): void {
    this.log('blather', message);
  }

  onAppend(listener: () => void): () => void {
    this.file?.on('append', listener);
    return () => this.file?.off('append', listener);
  }

  reopen(): Promise<void> {
    return this.file ? this.file.reopen() : Promise.resolve();
  }

  clear(): Promise<void> {
    return this.file ? this.file.clear() : Promise.resolve();
  }

  close(): Promise<void> {
    this.flushEcho();
    return this.file ? this.file.close() : Promise.resolve();
  }

  private log(level: LogLevelName, message: string): void {
    if (LEVEL_NUMBERS[level] < this.threshold) return;
    const prefix = `${formatTimestamp(Date.now())} ${LEVEL_CODES[level]} `;
    const line = `${prefix}${message}\n`;
    if (this.options.echoToStdout) this.echoLater(line);
    if (this.file) this.file.write(Buffer.from(line));
    // Python's syslog handler formats every line of the message on its own.
    else syslogSink(this.options.syslog).sendLines(message, prefix);
  }

  private echoLater(line: string): void {
    if (this.echo === '') {
      setImmediate(this.flushEcho);
      // An exit in this turn (a fatal error) still shows its last lines: stdout is synchronous then.
      process.once('exit', this.flushEcho);
    }
    this.echo += line;
  }
}

export function createMainLog(options: MainLogOptions): MainLog {
  return new MainLogImpl(options);
}

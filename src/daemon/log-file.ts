// One log file, written loss-free and in order, with supervisord's rotation (§3.1: after each write,
// position ≥ maxbytes → roll over). Regular files and devices are written synchronously, as supervisord
// does: small chunks are copied and written together once per event-loop turn (one writev), large ones
// are written as they are. FIFOs (and /dev/stdout when it is a pipe) are written from the thread pool
// so a slow reader cannot block the daemon; then write() returns false and 'drain' follows.
// Failures (unwritable path, full disk, reader gone) never throw: onError gets ONE message per episode,
// output is discarded meanwhile, and opening is retried at most once a second.

import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { closeTarget, ensureFile, openTarget } from './log-target.js';
import { isRotatable, shiftBackups } from './rotation.js';

/** Chunks at least this large are written directly instead of being copied into the turn's batch. */
const DIRECT_BYTES = 16 * 1024;
/** Bytes queued for a pipe before write() asks the source to pause. */
const HIGH_WATER = 1024 * 1024;
const RETRY_MS = 1000;
const FULL_PIPE_RETRY_MS = 10;

const { O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;

export interface LogFileOptions {
  readonly path: string;
  /** 0 = never rotate. */
  readonly maxbytes: number;
  /** Rotated copies kept; 0 = truncate in place. */
  readonly backups: number;
  /** Called once when writing starts failing (and again only after it worked in between). */
  readonly onError: (message: string) => void;
  readonly onRecover?: (message: string) => void;
  /** Write every chunk at once (the main log), instead of once per event-loop turn. */
  readonly immediate?: boolean;
  /**
   * A regular file is created (and checked writable) at once but opened only at the first write: most programs
   * log little or nothing, and every fd the daemon holds is copied by each fork and closed by each exec.
   */
  readonly openOnFirstWrite?: boolean;
}

/**
 * Makes a file that is not there yet (exclusively, as AUTO logs are) and returns its real path, which may differ
 * from the planned one if that name was taken. Called by the first of: a write, materialize(), reopen, clear,
 * close. Until then nothing is checked or created (a start-up burst spawns first and creates files after).
 */
export type CreateFile = () => string;

function describe(error: unknown): string {
  return (error as Error).message;
}

function sumLengths(buffers: readonly Buffer[]): number {
  let total = 0;
  for (const buffer of buffers) total += buffer.length;
  return total;
}

export class LogFile extends EventEmitter {
  private currentPath: string;
  private create: CreateFile | null;
  private fd: number | null = null;
  /** The file exists and is writable but is not open yet (openOnFirstWrite). */
  private parked = false;
  private isPipe = false;
  private rotatable = false;
  private position = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private writing = false;
  private needDrain = false;
  private idleWaiters: (() => void)[] = [];
  private failing = false;
  private rotateFailing = false;
  private lastOpenAttempt = -Infinity;
  private nextRotationAttempt = 0;
  private closed = false;

  /** `create`: see CreateFile. It is not an option so that it is dropped once used (it holds its names). */
  constructor(
    private readonly options: LogFileOptions,
    create?: CreateFile,
  ) {
    super();
    this.currentPath = options.path;
    this.create = create ?? null;
    if (this.create === null) this.prepare();
  }

  get path(): string {
    return this.currentPath;
  }

  /** Creates the file now if its creation was deferred (the constructor's `create`); a failure goes to onError. */
  materialize(): void {
    const create = this.create;
    if (create === null) return;
    this.create = null;
    try {
      this.currentPath = create();
      this.parked = true;
    } catch (error) {
      // Like any unusable path from here on: reported once, retried by a write a second later at the earliest.
      this.lastOpenAttempt = performance.now();
      this.failed('cannot create log file', error);
    }
  }

  /** Appends a chunk (a transient view is fine: it is copied if kept). false = pause until 'drain'. */
  write(chunk: Buffer): boolean {
    if (this.closed || chunk.length === 0) return true;
    if (this.create !== null) this.materialize();
    if (this.fd === null && !(this.parked ? this.open() : this.retryOpen())) return true;
    if (this.isPipe) return this.queueForPipe(chunk);
    if (this.options.immediate || chunk.length >= DIRECT_BYTES) {
      this.flushNow();
      this.writeToFile([chunk]);
    } else {
      this.pending.push(Buffer.from(chunk));
      this.pendingBytes += chunk.length;
      if (!this.scheduled) {
        this.scheduled = true;
        if (LogFile.due.size === 0) setImmediate(LogFile.flushDue);
        LogFile.due.add(this);
      }
    }
    if (this.dueForRotation()) this.rotate();
    return true;
  }

  /** Resolves once everything written so far is in the kernel (page cache or pipe). */
  flush(): Promise<void> {
    this.flushNow();
    if (!this.writing && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** SIGUSR2: close and open the path again (it may have been moved away by logrotate). */
  async reopen(): Promise<void> {
    this.materialize();
    await this.flush();
    this.closeFd();
    if (!this.closed) this.prepare();
  }

  /** clearProcessLogs: delete the file and start an empty one; rotated copies stay. */
  async clear(): Promise<void> {
    this.materialize();
    await this.flush();
    this.closeFd();
    // Never unlink a device or a symlink such as /dev/stdout, only a regular file.
    if (isRotatable(this.path)) fs.rmSync(this.path, { force: true });
    if (!this.closed) this.prepare();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.materialize();
    await this.flush();
    this.closed = true;
    this.closeFd();
  }

  /**
   * One immediate for every file written this turn, in the order they were written (a function per file would be
   * two closures per process for the daemon's whole life).
   */
  private static readonly due = new Set<LogFile>();

  private static flushDue(): void {
    const files = [...LogFile.due];
    LogFile.due.clear();
    for (const file of files) {
      file.scheduled = false;
      file.flushNow();
    }
  }

  private flushNow(): void {
    if (this.isPipe || this.pendingBytes === 0) return;
    const buffers = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.writeToFile(buffers);
  }

  private writeToFile(buffers: Buffer[]): void {
    if (this.fd === null) return;
    const total = sumLengths(buffers);
    let written = 0;
    try {
      written = fs.writevSync(this.fd, buffers);
      // Short writes happen (a signal, a nearly full disk): write the rest, or fail trying.
      if (written < total) {
        const rest = Buffer.concat(buffers).subarray(written);
        for (let offset = 0; offset < rest.length; ) offset += fs.writeSync(this.fd, rest, offset);
        written = total;
      }
      this.recovered();
    } catch (error) {
      this.failed('cannot write log file', error);
    }
    this.position += written;
    if (written > 0) this.emit('append');
  }

  private dueForRotation(): boolean {
    if (!this.rotatable || this.options.maxbytes <= 0 || this.fd === null) return false;
    if (this.position + this.pendingBytes < this.options.maxbytes) return false;
    return this.nextRotationAttempt <= performance.now();
  }

  private rotate(): void {
    this.flushNow();
    this.closeFd();
    try {
      shiftBackups(this.path, this.options.backups);
      this.fd = fs.openSync(this.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o666);
      this.position = 0;
      if (this.rotateFailing) {
        this.rotateFailing = false;
        this.options.onRecover?.(`log file ${this.path} is rotated again`);
      }
    } catch (error) {
      // Keep writing to the full file rather than losing output; try rotating again a second later.
      if (!this.rotateFailing) {
        this.rotateFailing = true;
        this.options.onError(`cannot rotate log file ${this.path}: ${describe(error)}; it grows until rotation works`);
      }
      this.nextRotationAttempt = performance.now() + RETRY_MS;
      if (this.fd === null) this.open();
    }
  }

  private queueForPipe(chunk: Buffer): boolean {
    this.pending.push(Buffer.from(chunk));
    this.pendingBytes += chunk.length;
    this.pump();
    if (this.pendingBytes < HIGH_WATER) return true;
    this.needDrain = true;
    return false;
  }

  private pump(): void {
    if (this.writing || this.pending.length === 0 || this.fd === null) return;
    const buffers = this.pending;
    this.pending = [];
    const total = sumLengths(buffers);
    this.writing = true;
    fs.writev(this.fd, buffers, (error, written) => {
      this.writing = false;
      if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') {
        this.pending.unshift(...buffers);
        setTimeout(() => this.pump(), FULL_PIPE_RETRY_MS);
        return;
      }
      if (error) {
        // The reader went away: drop what was queued, reopen later (a new reader may come).
        this.failed('cannot write log file', error);
        this.pendingBytes = 0;
        this.pending = [];
        this.closeFd();
      } else {
        this.pendingBytes -= written;
        if (written < total) this.pending.unshift(Buffer.concat(buffers).subarray(written));
        this.recovered();
        if (written > 0) this.emit('append');
      }
      this.afterPipeWrite();
    });
  }

  private afterPipeWrite(): void {
    if (this.needDrain && this.pendingBytes < HIGH_WATER / 2) {
      this.needDrain = false;
      this.emit('drain');
    }
    if (this.pending.length > 0) this.pump();
    else for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private retryOpen(): boolean {
    if (performance.now() - this.lastOpenAttempt < RETRY_MS) return false;
    return this.open();
  }

  /** Opens the target now, or (openOnFirstWrite, a regular file) only makes sure it is there and writable. */
  private prepare(): boolean {
    if (!this.options.openOnFirstWrite) return this.open();
    try {
      if (!ensureFile(this.path)) return this.open();
      this.parked = true;
      this.recovered();
      return true;
    } catch (error) {
      this.failed('cannot open log file', error);
      return false;
    }
  }

  private open(): boolean {
    this.lastOpenAttempt = performance.now();
    this.parked = false;
    try {
      const target = openTarget(this.path);
      this.fd = target.fd;
      this.isPipe = target.isPipe;
      this.position = target.position;
      this.rotatable = target.rotatable && this.options.maxbytes > 0;
      this.recovered();
      return true;
    } catch (error) {
      this.failed('cannot open log file', error);
      return false;
    }
  }

  private closeFd(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeTarget(fd);
  }

  private failed(what: string, error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.options.onError(`${what} ${this.path}: ${describe(error)}; output is discarded until it works again`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.options.onRecover?.(`log file ${this.path} is written again`);
  }
}

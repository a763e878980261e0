// Real pipes for children's stdin/stdout/stderr. Node gives children UNIX socketpairs, and a program that
// opens /dev/stdout, /dev/stderr or /proc/self/fd/N (nginx, php-fpm and most container images do) gets
// ENXIO on a socket. supervisord gives pipes, so we do too: Node has no pipe(2), but a FIFO opened at
// both ends and then unlinked is the same kernel object. FIFOs are made ahead of time in a private
// 0700 directory by `mkfifo` (run through the spawner), so taking a pipe needs no process start.
// The directory is on a tmpfs when there is one: making a FIFO is a file creation, which costs ~0.4 ms
// on a busy ext4 disk and ~5 µs in memory, and a start-up of 500 programs takes 1500 of them.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { O_RDONLY, O_WRONLY, O_NONBLOCK } = fs.constants;

/** Creates FIFOs at the given paths: `sync` blocks until done (used only when the pool ran dry). */
export type MakeFifos = (paths: string[], sync: boolean) => Promise<void> | void;

export interface PipeEnds {
  /** Our end, owned by the caller (wrap it in a net.Socket, or close it). */
  readonly parentFd: number;
  /** The child's end: pass it in stdio, then close it in the parent right after the spawn. */
  readonly childFd: number;
}

/** FIFOs made per `mkfifo` run; doubled (up to MAX_BATCH) each time spawning outran the pool. */
const FIRST_BATCH = 24;
const MAX_BATCH = 768;
const TMPFS_MAGIC = 0x01021994;

function isTmpfs(dir: string): boolean {
  try {
    return fs.statfsSync(dir).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

/** Where the FIFO directory may go, best first: in-memory file systems, then the temp dir whatever it is. */
export function fifoParentDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const candidates = [os.tmpdir(), env.XDG_RUNTIME_DIR, '/dev/shm'].filter((d): d is string => !!d);
  return [...new Set([...candidates.filter(isTmpfs), os.tmpdir()])];
}

/** One unlink (rmSync would lstat twice first, for each of the 1,500 FIFOs of a 500-program start-up). */
function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

export class PipeFactory {
  private dir: string | null = null;
  private ready: string[] = [];
  private refilling = false;
  private counter = 0;
  private batch = FIRST_BATCH;

  constructor(
    private readonly makeFifos: MakeFifos,
    private readonly parentDirs: readonly string[] = fifoParentDirs(),
  ) {}

  /** The directory the FIFOs are made in (null until the first one is needed). */
  get directory(): string | null {
    return this.dir;
  }

  /**
   * Makes `count` FIFOs ready with ONE `mkfifo` run that works while the caller goes on (start-up creates the log
   * files meanwhile); a burst of spawns would otherwise make them in several synchronous runs. Resolves when they
   * are there; errors are left for take().
   */
  async reserve(count: number): Promise<void> {
    const missing = count - this.ready.length;
    if (missing <= 0) return;
    const batch = this.names(missing);
    try {
      await this.makeFifos(batch, false);
      if (this.dir !== null && batch[0]?.startsWith(this.dir)) this.ready.push(...batch);
    } catch {
      // take() makes its own batch and reports the error to the spawn that needs it
    }
  }

  /** A pipe the child writes to (its stdout/stderr) and we read from. */
  childWrites(): PipeEnds {
    const fifo = this.take();
    let parentFd = -1;
    try {
      // The reader first, non-blocking, so that opening the writer does not wait for one.
      parentFd = fs.openSync(fifo, O_RDONLY | O_NONBLOCK);
      const childFd = fs.openSync(fifo, O_WRONLY);
      return { parentFd, childFd };
    } catch (error) {
      if (parentFd >= 0) fs.closeSync(parentFd);
      throw error;
    } finally {
      unlinkQuietly(fifo);
    }
  }

  /** A pipe we write to and the child reads from (its stdin), left open for as long as we like. */
  childReads(): PipeEnds {
    const fifo = this.take();
    const fds: number[] = [];
    try {
      // A temporary reader lets our writer open without blocking; the child's reader then opens
      // without blocking because a writer exists. The child's end stays in blocking mode.
      fds.push(fs.openSync(fifo, O_RDONLY | O_NONBLOCK));
      const parentFd = fs.openSync(fifo, O_WRONLY | O_NONBLOCK);
      fds.push(parentFd);
      const childFd = fs.openSync(fifo, O_RDONLY);
      fs.closeSync(fds[0] as number);
      return { parentFd, childFd };
    } catch (error) {
      for (const fd of fds) fs.closeSync(fd);
      throw error;
    } finally {
      unlinkQuietly(fifo);
    }
  }

  /** Removes the directory and any FIFOs not used yet (the daemon calls this at exit). */
  dispose(): void {
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
    this.ready = [];
  }

  private take(): string {
    if (this.ready.length === 0) {
      // Many spawns in one tick (start-up of hundreds of programs): make more at once from now on.
      if (this.counter > 0) this.batch = Math.min(MAX_BATCH, this.batch * 2);
      const batch = this.names(this.batch);
      this.makeFifos(batch, true);
      this.ready.push(...batch);
    }
    const fifo = this.ready.shift() as string;
    if (this.ready.length < this.batch / 3) this.refill();
    return fifo;
  }

  private refill(): void {
    if (this.refilling) return;
    this.refilling = true;
    // After the current spawn: starting `mkfifo` is a fork too, and must not delay the child being started.
    setImmediate(() => this.refillNow());
  }

  private refillNow(): void {
    if (this.dir === null) {
      this.refilling = false;
      return; // disposed meanwhile
    }
    const batch = this.names(this.batch);
    Promise.resolve(this.makeFifos(batch, false))
      .then(() => this.ready.push(...batch.filter((p) => this.dir !== null && p.startsWith(this.dir))))
      .catch(() => undefined) // the next take() makes them synchronously and reports the error
      .finally(() => (this.refilling = false));
  }

  private names(count: number): string[] {
    if (this.dir === null) this.dir = this.makeDir();
    const dir = this.dir;
    return Array.from({ length: count }, () => path.join(dir, String(this.counter++)));
  }

  private makeDir(): string {
    let lastError: unknown = null;
    for (const parent of this.parentDirs) {
      try {
        const dir = fs.mkdtempSync(path.join(parent, 'tssupervisor-pipes-'));
        fs.chmodSync(dir, 0o700);
        return dir;
      } catch (error) {
        lastError = error; // not writable for us (e.g. /dev/shm mounted read-only): try the next one
      }
    }
    throw lastError ?? new Error('no directory for pipes');
  }
}

export interface StdioPipes {
  readonly stdin: PipeEnds;
  readonly stdout: PipeEnds;
  /** null with redirect_stderr: the child's fd 2 is its stdout pipe. */
  readonly stderr: PipeEnds | null;
}

export function closeAll(fds: readonly number[]): void {
  for (const fd of fds) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
  }
}

/** The three pipes of a child; failures are supervisord's texts for "making dispatchers". */
export function openStdioPipes(factory: PipeFactory, name: string, redirectStderr: boolean): StdioPipes {
  const opened: PipeEnds[] = [];
  const take = (make: () => PipeEnds): PipeEnds => {
    const ends = make();
    opened.push(ends);
    return ends;
  };
  try {
    const stdin = take(() => factory.childReads());
    const stdout = take(() => factory.childWrites());
    const stderr = redirectStderr ? null : take(() => factory.childWrites());
    return { stdin, stdout, stderr };
  } catch (error) {
    for (const ends of opened) closeAll([ends.parentFd, ends.childFd]);
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (code === 'EMFILE' || code === 'ENFILE') throw new Error(`too many open files to spawn '${name}'`);
    throw new Error(`unknown error making dispatchers for '${name}': ${code}`);
  }
}

// A started child as the engine sees it: pid, stdin, its output channels, one exit notification that
// comes only after the output was read to the end (and logged), and signalling by pid or group.

import net from 'node:net';
import type { Writable } from 'node:stream';
import { ChildOutput } from './child-output.js';
import { closeAll, type StdioPipes } from './os-pipes.js';

export type ExitListener = (code: number | null, signal: NodeJS.Signals | null) => void;

export interface ChildHandle {
  readonly pid: number;
  readonly stdin: Writable;
  readonly stdout: ChildOutput;
  /** null with redirectStderr: the child's stderr is its stdout pipe. */
  readonly stderr: ChildOutput | null;
  /** Fires once, after the exit, the pipes were read to the end and every holdExit() promise settled. */
  onExit(cb: ExitListener): void;
  /** Fires once, as soon as the child is dead: before its output is read to the end (onExit comes after). */
  onReaped(cb: () => void): void;
  /** Makes onExit wait for this as well (e.g. the log flush), so output is logged before `exited:`. */
  holdExit(until: Promise<unknown>): void;
  /** Sends `signal` to the pid, or to its process group; 'ESRCH' once the child is gone. */
  kill(signal: number, group: boolean): 'ok' | 'ESRCH' | string;
}

/** The part of a child_process.ChildProcess used here. */
export interface ExitSource {
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

function errnoCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * A class rather than an object of closures (there is one per live child). Our end of the child's stdin is
 * wrapped in a socket only when someone writes: most children never get input, and a socket per child is
 * ~1.5 KiB of heap and a libuv handle (500 programs: 0.75 MiB).
 */
class SpawnedChild implements ChildHandle {
  readonly stdout: ChildOutput;
  readonly stderr: ChildOutput | null;
  private readonly stdinFd: number;
  private stdinSocket: net.Socket | null = null;
  private stdinDestroyed = false;
  private readonly holds: Promise<unknown>[] = [];
  private readonly listeners: ExitListener[] = [];
  private reapListener: (() => void) | null = null;
  private reaped = false;
  private result: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    subprocess: ExitSource,
    readonly pid: number,
    stdio: StdioPipes,
    pace: boolean,
  ) {
    this.stdinFd = stdio.stdin.parentFd;
    this.stdout = new ChildOutput(stdio.stdout.parentFd, pace);
    this.stderr = stdio.stderr ? new ChildOutput(stdio.stderr.parentFd, pace) : null;
    subprocess.once('exit', (code, signal) => void this.finish(code, signal));
  }

  get stdin(): net.Socket {
    if (this.stdinSocket) return this.stdinSocket;
    // After destroy the fd number may already belong to something else: never wrap it then.
    const socket = this.stdinDestroyed ? new net.Socket() : new net.Socket({ fd: this.stdinFd, readable: false, writable: true });
    socket.on('error', () => undefined); // EPIPE once the child is gone: nothing to do, as in supervisord
    if (this.stdinDestroyed) socket.destroy();
    this.stdinSocket = socket;
    return socket;
  }

  onExit(cb: ExitListener): void {
    if (this.result) {
      const { code, signal } = this.result;
      queueMicrotask(() => cb(code, signal));
    } else this.listeners.push(cb);
  }

  onReaped(cb: () => void): void {
    if (this.reaped) queueMicrotask(cb);
    else this.reapListener = cb;
  }

  holdExit(until: Promise<unknown>): void {
    this.holds.push(until);
  }

  kill(signal: number, group: boolean): 'ok' | 'ESRCH' | string {
    if (this.reaped) return 'ESRCH';
    try {
      process.kill(group ? -this.pid : this.pid, signal);
      return 'ok';
    } catch (error) {
      const code = errnoCode(error);
      return code === 'ESRCH' ? 'ESRCH' : (error as Error).message;
    }
  }

  private async finish(code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    this.reaped = true;
    const reapListener = this.reapListener;
    this.reapListener = null;
    reapListener?.();
    await Promise.all([this.stdout.finishAfterExit(), this.stderr?.finishAfterExit()]);
    // Holds may be added while we wait (a late attach): wait for those too.
    for (let seen = 0; seen < this.holds.length; ) {
      const upTo = this.holds.length;
      await Promise.allSettled(this.holds.slice(seen, upTo));
      seen = upTo;
    }
    this.destroyStdin();
    this.result = { code, signal };
    for (const cb of this.listeners.splice(0)) cb(code, signal);
  }

  private destroyStdin(): void {
    if (this.stdinDestroyed) return;
    this.stdinDestroyed = true;
    if (this.stdinSocket) this.stdinSocket.destroy();
    else closeAll([this.stdinFd]);
  }
}

export function wrapChild(subprocess: ExitSource, pid: number, stdio: StdioPipes, pace: boolean): ChildHandle {
  return new SpawnedChild(subprocess, pid, stdio, pace);
}

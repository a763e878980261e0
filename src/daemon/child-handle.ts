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
 * Our end of the child's stdin, wrapped in a socket only when someone writes: most children never get
 * input, and a socket per child is ~1.5 KiB of heap and a libuv handle (500 programs: 0.75 MiB).
 */
function lazyStdin(fd: number): { get(): net.Socket; destroy(): void } {
  let socket: net.Socket | null = null;
  let destroyed = false;
  return {
    get() {
      if (socket) return socket;
      // After destroy() the fd number may already belong to something else: never wrap it then.
      socket = destroyed ? new net.Socket() : new net.Socket({ fd, readable: false, writable: true });
      socket.on('error', () => undefined); // EPIPE once the child is gone: nothing to do, as in supervisord
      if (destroyed) socket.destroy();
      return socket;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (socket) socket.destroy();
      else closeAll([fd]);
    },
  };
}

export function wrapChild(subprocess: ExitSource, pid: number, stdio: StdioPipes, pace: boolean): ChildHandle {
  const stdin = lazyStdin(stdio.stdin.parentFd);
  const stdout = new ChildOutput(stdio.stdout.parentFd, pace);
  const stderr = stdio.stderr ? new ChildOutput(stdio.stderr.parentFd, pace) : null;

  const holds: Promise<unknown>[] = [];
  const listeners: ExitListener[] = [];
  let reaped = false;
  let result: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  subprocess.once('exit', (code, signal) => {
    reaped = true;
    void (async () => {
      await Promise.all([stdout.finishAfterExit(), stderr?.finishAfterExit()]);
      // Holds may be added while we wait (a late attach): wait for those too.
      for (let seen = 0; seen < holds.length; ) {
        const upTo = holds.length;
        await Promise.allSettled(holds.slice(seen, upTo));
        seen = upTo;
      }
      stdin.destroy();
      result = { code, signal };
      for (const cb of listeners.splice(0)) cb(code, signal);
    })();
  });

  return {
    pid,
    get stdin() {
      return stdin.get();
    },
    stdout,
    stderr,
    onExit(cb) {
      if (result) {
        const { code, signal } = result;
        queueMicrotask(() => cb(code, signal));
      } else listeners.push(cb);
    },
    holdExit(until) {
      holds.push(until);
    },
    kill(signal, group) {
      if (reaped) return 'ESRCH';
      try {
        process.kill(group ? -pid : pid, signal);
        return 'ok';
      } catch (error) {
        const code = errnoCode(error);
        return code === 'ESRCH' ? 'ESRCH' : (error as Error).message;
      }
    },
  };
}

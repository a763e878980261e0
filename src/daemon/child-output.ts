// Our read end of a child's stdout or stderr pipe. Reads land in one shared buffer (no allocation per
// read) and are handed to a single listener that must consume them synchronously; the read is paused
// for back-pressure (hold/release) or pacing (read-pacer.ts) by taking the fd out of the poll set.
// After the child exits, whatever is still in the pipe is read, then our end is closed even if a
// grandchild still holds the write end, as supervisord does when it reaps a process.

import fs from 'node:fs';
import net from 'node:net';
import { newPaceState, park, parkDuration, unparkNow, type Parkable } from './read-pacer.js';

/** `chunk` is a view into a shared buffer: valid only until the listener returns. Copy what you keep. */
export type ChunkListener = (chunk: Buffer) => void;

const READ_SIZE = 64 * 1024;
const sharedReadBuffer = Buffer.allocUnsafe(READ_SIZE);
/** Output read before anyone listens is kept (copied) up to this much, then reading waits. */
const EARLY_LIMIT = 1024 * 1024;

export class ChildOutput implements Parkable {
  /** Resolves once our end is closed: EOF, or drained after the child's exit. */
  readonly closed: Promise<void>;
  private socket: net.Socket | null = null;
  private resolveClosed: (() => void) | null = null;
  private listener: ChunkListener | null = null;
  private early: Buffer[] = [];
  private earlyBytes = 0;
  private holds = 0;
  private parkedNow = false;
  private readonly paceState = newPaceState();
  private bytesRead = 0;
  private isClosed = false;
  private earlyHeld = false;
  private afterRelease: (() => void) | null = null;

  constructor(
    private readonly fd: number,
    private pace: boolean,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    // Nothing is read before the event loop's next turn anyway, so the socket is made then: a burst of
    // spawns (start-up's autostart) is not slowed by making a socket per pipe between its forks.
    if (ChildOutput.unopened.length === 0) setImmediate(ChildOutput.openAll);
    ChildOutput.unopened.push(this);
  }

  private static unopened: ChildOutput[] = [];

  private static openAll(): void {
    const outputs = ChildOutput.unopened;
    ChildOutput.unopened = [];
    for (const output of outputs) output.open();
  }

  private open(): void {
    if (this.isClosed) return;
    // `onread` works in the constructor since Node 12; @types/node only lists it for connect().
    const options = {
      fd: this.fd,
      readable: true,
      writable: false,
      onread: { buffer: sharedReadBuffer, callback: (n: number) => this.onRead(n) },
    } as net.SocketConstructorOpts;
    const socket = new net.Socket(options);
    this.socket = socket;
    if (this.holds > 0 || this.parkedNow) socket.pause();
    // One closure for both: EIO and friends end the channel like EOF (a live child keeps these for its life).
    const destroy = (): void => void socket.destroy();
    socket.on('error', destroy);
    socket.once('end', destroy);
    socket.once('close', () => this.markClosed());
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    unparkNow(this);
    this.resolveClosed?.();
    this.resolveClosed = null;
  }

  /** Starts delivery (and hands over anything read before). One listener per channel. */
  listen(listener: ChunkListener): void {
    this.listener = listener;
    const early = this.early;
    this.early = [];
    this.earlyBytes = 0;
    for (const chunk of early) listener(chunk);
    if (this.earlyHeld) {
      this.earlyHeld = false;
      this.release();
    }
  }

  /** Back-pressure: stop reading until as many release() calls as hold() calls were made. */
  hold(): void {
    if (this.holds++ === 0) this.socket?.pause();
  }

  release(): void {
    if (this.holds === 0 || --this.holds > 0) return;
    if (!this.parkedNow && !this.isClosed) this.socket?.resume();
    const waiting = this.afterRelease;
    this.afterRelease = null;
    waiting?.();
  }

  unpark(): void {
    this.parkedNow = false;
    if (this.holds === 0 && !this.isClosed) this.socket?.resume();
  }

  /** Never park this channel: an event listener's stdout is a conversation, where latency matters. */
  stopPacing(): void {
    this.pace = false;
  }

  /** Called once the child is reaped: read what is left in the pipe, then close our end. */
  finishAfterExit(): Promise<void> {
    this.pace = false;
    unparkNow(this);
    if (!this.isClosed) this.closeWhenDrained();
    return this.closed;
  }

  /** Closes our end now (the spawn failed, or the daemon is going away). */
  destroy(): void {
    if (this.socket) this.socket.destroy();
    else if (!this.isClosed) {
      fs.closeSync(this.fd);
      this.markClosed();
    }
  }

  private onRead(n: number): boolean {
    const chunk = sharedReadBuffer.subarray(0, n);
    this.bytesRead += n;
    if (this.listener) this.listener(chunk);
    else this.keepEarly(chunk);
    if (this.pace) {
      const ms = parkDuration(this.paceState, n, performance.now());
      if (ms > 0 && this.holds === 0) {
        this.parkedNow = true;
        park(this, ms);
        return false;
      }
    }
    return this.holds === 0;
  }

  private keepEarly(chunk: Buffer): void {
    this.early.push(Buffer.from(chunk));
    this.earlyBytes += chunk.length;
    if (this.earlyBytes >= EARLY_LIMIT && !this.earlyHeld) {
      this.earlyHeld = true;
      this.hold();
    }
  }

  /**
   * Data the child wrote before exiting is already in the pipe, so one full turn of the event loop
   * (which polls with a zero timeout while an immediate is pending) that reads nothing while we are
   * not holding the channel means the pipe is empty.
   */
  private closeWhenDrained(): void {
    let seen = this.bytesRead;
    const startTurn = (): void => {
      seen = this.bytesRead;
      setImmediate(check);
    };
    const check = (): void => {
      if (this.isClosed) return;
      if (this.holds > 0) {
        this.afterRelease = () => setImmediate(startTurn);
      } else if (this.bytesRead !== seen) {
        startTurn();
      } else {
        this.destroy();
      }
    };
    setImmediate(startTurn);
  }
}

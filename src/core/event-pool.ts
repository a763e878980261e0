// One `[eventlistener:x]` pool's buffer, as supervisord keeps it: a FIFO of at most buffer_size events
// that drops the oldest on overflow, re-queues rejected events at the head with their serials, and hands
// the oldest event to the first listener able to take it. Pure: the daemon supplies the sending.

import type { SupervisorEvent } from './event-types.js';

/** Python's sys.maxsize is larger; JavaScript numbers stay exact up to this, so serials wrap here. */
const MAX_SERIAL = Number.MAX_SAFE_INTEGER;

/** A counter that starts at 0 and wraps to 0 after its maximum (the global one and each pool's). */
export class SerialCounter {
  private last = -1;

  next(): number {
    this.last = this.last >= MAX_SERIAL ? 0 : this.last + 1;
    return this.last;
  }
}

/**
 * An event on its way to the pools. One object is shared by every pool that takes it: the global serial
 * is fixed when the first pool accepts it, and each pool's serial on that pool's first acceptance, so a
 * re-sent event keeps both.
 */
export interface QueuedEvent {
  readonly event: SupervisorEvent;
  readonly serial: number;
  readonly poolSerials: Map<string, number>;
}

export type PoolNotice =
  | { readonly type: 'overflow'; readonly discardedSerial: number }
  | { readonly type: 'rebuffering'; readonly serial: number; readonly size: number; readonly max: number };

export class EventPool {
  private readonly buffer: QueuedEvent[] = [];
  private readonly serials = new SerialCounter();

  constructor(
    readonly name: string,
    readonly capacity: number,
  ) {}

  get size(): number {
    return this.buffer.length;
  }

  /** Events waiting, oldest first (for status and tests). */
  pending(): readonly QueuedEvent[] {
    return this.buffer;
  }

  /** New events go to the tail; rejected ones back to the head. Returns what supervisord would log. */
  accept(queued: QueuedEvent, head = false): PoolNotice[] {
    const notices: PoolNotice[] = [];
    if (queued.poolSerials.has(this.name)) {
      notices.push({ type: 'rebuffering', serial: queued.serial, size: this.buffer.length, max: this.capacity });
    } else {
      queued.poolSerials.set(this.name, this.serials.next());
    }
    if (this.buffer.length >= this.capacity && this.buffer.length > 0) {
      const discarded = this.buffer.shift() as QueuedEvent;
      notices.push({ type: 'overflow', discardedSerial: discarded.serial });
    }
    if (head) this.buffer.unshift(queued);
    else this.buffer.push(queued);
    return notices;
  }

  /**
   * Offers the oldest event to `send` until the buffer is empty or `send` declines (no listener could
   * take it); a declined event stays at the head. Returns how many were sent.
   */
  dispatch(send: (queued: QueuedEvent, poolSerial: number) => boolean): number {
    let sent = 0;
    for (let next = this.buffer[0]; next !== undefined; next = this.buffer[0]) {
      if (!send(next, next.poolSerials.get(this.name) ?? 0)) break;
      this.buffer.shift();
      sent++;
    }
    return sent;
  }
}

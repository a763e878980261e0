// What one event-listener process says on its stdout, read as supervisord reads it: `READY\n`, then after
// an event `RESULT <n>\n` and n bytes of result. Bytes in, effects out (state changes, results, re-queues);
// the daemon turns effects into log lines and dispatches. A new spawn starts over in ACKNOWLEDGED.

import type { ListenerStateName } from './states.js';
import { decodeLikeSupervisord } from './py-bytes.js';

export type ListenerEffect =
  | { readonly type: 'transition'; readonly from: ListenerStateName; readonly to: ListenerStateName }
  /** The result body was accepted by the result handler (`OK` for the default one). */
  | { readonly type: 'processed' }
  /** The handler rejected it (anything but `OK`): the event goes back to the head of the pool's buffer. */
  | { readonly type: 'rejected' }
  /** The line after BUSY did not end in a number: the listener goes UNKNOWN and the event is re-queued. */
  | { readonly type: 'bad-result-line'; readonly line: string };

const READY_TOKEN = Buffer.from('READY\n');
/** supervisord skips this many bytes of the result line (`RESULT `) without checking them. */
const RESULT_PREFIX_LEN = 'RESULT '.length;
const EMPTY = Buffer.alloc(0);

/** The default result handler: the body must be exactly `OK`. */
export const defaultResultHandler = (body: Buffer): boolean => body.equals(OK);
const OK = Buffer.from('OK');

/** Python's int() on ASCII bytes: optional sign and blanks, digits with single underscores between. */
function parsePyInt(text: string): number | null {
  const m = /^[ \t\n\r\f\v]*([+-]?)(\d+(?:_\d+)*)[ \t\n\r\f\v]*$/.exec(text);
  if (!m) return null;
  const n = Number((m[2] as string).replaceAll('_', ''));
  return m[1] === '-' ? -n : n;
}

export class ListenerProtocol {
  private current: ListenerStateName = 'ACKNOWLEDGED';
  private pending: Buffer = EMPTY;
  private resultLen: number | null = null;
  private result: Buffer = EMPTY;

  constructor(private readonly resultOk: (body: Buffer) => boolean = defaultResultHandler) {}

  get state(): ListenerStateName {
    return this.current;
  }

  /** A new process instance: nothing buffered, waiting for its first READY. */
  reset(): void {
    this.current = 'ACKNOWLEDGED';
    this.pending = EMPTY;
    this.resultLen = null;
    this.result = EMPTY;
  }

  /** An event was written to a READY listener (not logged as a transition, as in supervisord). */
  sent(): void {
    this.current = 'BUSY';
  }

  /** Bytes from the listener's stdout (any chunking; a transient view is fine, it is copied). */
  feed(data: Uint8Array): ListenerEffect[] {
    if (data.length > 0) this.pending = Buffer.concat([this.pending, data]);
    const effects: ListenerEffect[] = [];
    while (this.pending.length > 0 && this.step(effects));
    return effects;
  }

  /** One decision on the pending bytes; false when more input is needed (or nothing is left to do). */
  private step(effects: ListenerEffect[]): boolean {
    switch (this.current) {
      case 'UNKNOWN':
        this.pending = EMPTY; // terminal for this instance: whatever it says is ignored
        return false;
      case 'READY':
        // Anything said while READY is a protocol violation.
        this.moveTo('UNKNOWN', effects);
        this.pending = EMPTY;
        return false;
      case 'ACKNOWLEDGED':
        if (this.pending.length < READY_TOKEN.length) return false;
        if (this.pending.subarray(0, READY_TOKEN.length).equals(READY_TOKEN)) {
          this.moveTo('READY', effects);
          this.pending = this.pending.subarray(READY_TOKEN.length);
        } else {
          this.moveTo('UNKNOWN', effects);
          this.pending = EMPTY;
        }
        return true;
      case 'BUSY':
        return this.resultLen === null ? this.readResultLine(effects) : this.readResultBody(effects);
    }
  }

  private readResultLine(effects: ListenerEffect[]): boolean {
    const newline = this.pending.indexOf(0x0a);
    if (newline === -1) return false;
    const line = this.pending.subarray(0, newline);
    this.pending = this.pending.subarray(newline + 1);
    const digits = line.subarray(RESULT_PREFIX_LEN);
    const len = /^[\x00-\x7f]*$/.test(digits.toString('latin1')) ? parsePyInt(digits.toString('latin1')) : null;
    if (len === null || len < 0) {
      effects.push({ type: 'bad-result-line', line: decodeLikeSupervisord(Buffer.from(line)) });
      this.moveTo('UNKNOWN', effects);
      this.pending = EMPTY;
      return false;
    }
    this.resultLen = len;
    return true;
  }

  private readResultBody(effects: ListenerEffect[]): boolean {
    const wanted = this.resultLen as number;
    const needed = wanted - this.result.length;
    if (needed > 0) {
      this.result = Buffer.concat([this.result, this.pending.subarray(0, needed)]);
      this.pending = this.pending.subarray(needed);
    }
    if (this.result.length < wanted) return true;
    const body = this.result;
    this.result = EMPTY;
    this.resultLen = null;
    if (this.resultOk(body)) {
      effects.push({ type: 'processed' });
      this.moveTo('ACKNOWLEDGED', effects);
    } else {
      effects.push({ type: 'rejected' });
      this.moveTo('ACKNOWLEDGED', effects);
    }
    return true;
  }

  private moveTo(to: ListenerStateName, effects: ListenerEffect[]): void {
    effects.push({ type: 'transition', from: this.current, to });
    this.current = to;
  }
}

// Turns a stream of file changes into bursts, and bursts into at most a few restarts. Pure apart from
// the injected clock: unit tests drive it with a manual clock and never sleep.

import type { Clock } from './clock.js';

export interface ChangeBatch {
  /** The change that opened the burst (the one the log names). */
  readonly first: string;
  /** Distinct paths changed in the burst, first included. */
  readonly count: number;
}

export interface ChangeBatcherOptions {
  readonly clock: Clock;
  /** The burst ends after this much quiet. */
  readonly delayMs: number;
  /** ...or this long after it began, so a file that never stops changing still gets through. */
  readonly maxWaitMs: number;
  readonly onBatch: (batch: ChangeBatch) => void;
}

/** A burst longer than this is cut, whatever the delay: ten delays, and never less than 5 s. */
export function defaultMaxWait(delayMs: number): number {
  return Math.max(10 * delayMs, 5000);
}

/** Trailing-edge debounce: one batch per burst of changes, `delayMs` after the last one. */
export class ChangeBatcher {
  private paths = new Set<string>();
  private first = '';
  private openedAt = 0;
  private lastAt = 0;
  private cancel: (() => void) | null = null;

  constructor(private readonly opts: ChangeBatcherOptions) {}

  add(file: string): void {
    const now = this.opts.clock.now();
    if (this.paths.size === 0) {
      this.first = file;
      this.openedAt = now;
    }
    this.paths.add(file);
    this.lastAt = now;
    // One timer per burst: it re-arms itself instead of being cancelled on every change.
    if (this.cancel === null) this.arm(this.opts.delayMs);
  }

  /** Drops a pending burst. */
  close(): void {
    this.cancel?.();
    this.cancel = null;
    this.paths.clear();
  }

  private arm(ms: number): void {
    this.cancel = this.opts.clock.setTimer(ms, () => this.onTimer());
  }

  private onTimer(): void {
    this.cancel = null;
    const now = this.opts.clock.now();
    const due = Math.min(this.lastAt + this.opts.delayMs, this.openedAt + this.opts.maxWaitMs);
    if (now < due) {
      this.arm(due - now);
      return;
    }
    const batch: ChangeBatch = { first: this.first, count: this.paths.size };
    this.paths = new Set();
    this.opts.onBatch(batch);
  }
}

/**
 * A program that writes into the paths it watches restarts itself forever; the rate is the only thing
 * that tells it from a developer saving quickly. More than `limit` acted-on bursts within `windowMs`
 * suspends the watch for `windowMs`.
 */
export class FlapGuard {
  private recent: number[] = [];
  private suspendedUntil = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** 'ok' = act on this burst; 'tripped' = this burst trips the guard; 'suspended' = still cooling down. */
  check(now: number): 'ok' | 'tripped' | 'suspended' {
    if (now < this.suspendedUntil) return 'suspended';
    this.recent = this.recent.filter((t) => t > now - this.windowMs);
    if (this.recent.length >= this.limit) {
      this.recent = [];
      this.suspendedUntil = now + this.windowMs;
      return 'tripped';
    }
    this.recent.push(now);
    return 'ok';
  }
}

export const FLAP_LIMIT = 10;
export const FLAP_WINDOW_MS = 30_000;

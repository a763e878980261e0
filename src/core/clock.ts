// The only clock seam: deadlines use the monotonic clock, status and logs use wall time.

export interface Clock {
  /** Monotonic milliseconds; never goes back when the wall clock is adjusted. */
  now(): number;
  /** Epoch milliseconds, for display (uptime, stop dates, log lines). */
  wallNow(): number;
  /** Calls fn once after ms; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};

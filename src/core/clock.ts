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
    // setTimeout measures from the event loop's cached time, so it can fire up to ~1 ms before `ms`
    // have passed on performance.now(); a deadline checked against now() would then be ignored.
    const due = performance.now() + ms;
    let handle: NodeJS.Timeout;
    const arm = (wait: number): void => {
      handle = setTimeout(() => {
        const left = due - performance.now();
        if (left > 0) arm(left);
        else fn();
      }, Math.max(0, Math.ceil(wait)));
    };
    arm(ms);
    return () => clearTimeout(handle);
  },
};

// Fewer wake-ups for chatty children. A program that prints one short line every millisecond costs one
// read (and one loop wake-up) per line; waking up is most of the CPU a supervisor spends on it. A channel
// whose output keeps coming is parked (its fd leaves the poll set) for a few milliseconds, and parked
// channels are resumed together by a few shared timers, so each later read carries many lines.
// A park must never let the 64 KiB pipe fill up and block the writer: its length follows the channel's
// rate (at most PIPE_BUDGET bytes may pile up), so a fast writer gets short parks or none at all, and
// throughput is not capped. Quiet channels are never parked: their output is read the moment it comes.
// Figures: test/bench/log-capture.ts.

/** The longest park, and the pause after which a channel counts as quiet (no park). */
export const PACE_MS = 16;
/** At most this much may accumulate in the pipe (64 KiB) during a park. */
const PIPE_BUDGET = 48 * 1024;
/** Park lengths are rounded down to one of these, so that few timers serve all channels. */
const BUCKETS = [16, 8, 4, 2, 1] as const;

export interface Parkable {
  unpark(): void;
}

/** Per-channel rate estimate (bytes per ms, smoothed; NaN = unknown) and the time of its last read. */
export interface PaceState {
  rate: number;
  lastReadAt: number;
}

export function newPaceState(): PaceState {
  return { rate: Number.NaN, lastReadAt: -Infinity };
}

/**
 * How long to park after a read of `bytes` at `now` (ms): 0 = keep reading. The rate is smoothed over
 * reads; a read after a park measures the rate over the park, so slow channels stay parked.
 */
export function parkDuration(state: PaceState, bytes: number, now: number): number {
  const gap = Math.max(now - state.lastReadAt, 0.001);
  state.lastReadAt = now;
  if (gap >= 2 * PACE_MS) {
    state.rate = Number.NaN;
    return 0;
  }
  const instant = bytes / gap;
  state.rate = Number.isNaN(state.rate) ? instant : (state.rate + instant) / 2;
  const safe = PIPE_BUDGET / Math.max(state.rate, 1);
  return BUCKETS.find((ms) => ms <= safe) ?? 0;
}

interface Bucket {
  readonly parked: Set<Parkable>;
  timer: NodeJS.Timeout | null;
}

const buckets = new Map<number, Bucket>(BUCKETS.map((ms) => [ms, { parked: new Set<Parkable>(), timer: null }]));

function wake(bucket: Bucket): void {
  bucket.timer = null;
  const due = [...bucket.parked];
  bucket.parked.clear();
  for (const channel of due) channel.unpark();
}

export function park(channel: Parkable, ms: number): void {
  const bucket = buckets.get(ms) as Bucket;
  bucket.parked.add(channel);
  if (bucket.timer === null) {
    bucket.timer = setTimeout(() => wake(bucket), ms);
    // Parked channels must not keep the daemon alive on their own.
    bucket.timer.unref();
  }
}

export function unparkNow(channel: Parkable): void {
  for (const bucket of buckets.values()) {
    if (bucket.parked.delete(channel)) {
      channel.unpark();
      return;
    }
  }
}

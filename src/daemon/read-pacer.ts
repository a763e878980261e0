// Fewer wake-ups for chatty children. A program that prints one short line every millisecond costs one
// read (and one loop wake-up) per line; waking up is most of the CPU a supervisor spends on it. A channel
// that delivered a small read shortly after its previous one is parked (its fd leaves the poll set) and
// all parked channels are resumed together by one shared timer, so each later read carries many lines.
// Quiet channels are never parked: their output is read the moment it is written. Large reads (a burst)
// are never parked either, so throughput is not capped.

/** How long a chatty channel waits; also the "shortly after" window. Figures: test/bench/log-capture.ts. */
export const PACE_MS = 16;
/** Reads at least this large mean the pipe is filling up: keep reading at full speed. */
export const PACE_SMALL_READ = 16 * 1024;

export interface Parkable {
  unpark(): void;
}

const parked = new Set<Parkable>();
let timer: NodeJS.Timeout | null = null;

function wakeAll(): void {
  timer = null;
  const due = [...parked];
  parked.clear();
  for (const channel of due) channel.unpark();
}

export function park(channel: Parkable): void {
  parked.add(channel);
  if (timer === null) {
    timer = setTimeout(wakeAll, PACE_MS);
    // Parked channels must not keep the daemon alive on their own.
    timer.unref();
  }
}

export function unparkNow(channel: Parkable): void {
  if (parked.delete(channel)) channel.unpark();
}

// TICK_5 / TICK_60 / TICK_3600: emitted on the bus when the wall clock crosses a multiple of the period,
// like supervisord (no tick at start-up; `when` is the boundary). One timer, armed only while some pool
// subscribes to a tick type, so a daemon without such listeners never wakes for it.

import type { EventBus } from '../../core/events.js';
import { TICK_PERIODS, timeslice, type TickPeriod } from '../../core/event-types.js';

export interface TickSource {
  /** The periods someone subscribes to now; the timer follows (started, re-aimed or stopped). */
  setPeriods(periods: ReadonlySet<TickPeriod>): void;
  stop(): void;
}

export function createTickSource(bus: EventBus, wallNow: () => number = Date.now): TickSource {
  let wanted: TickPeriod[] = [];
  const last = new Map<TickPeriod, number>();
  let timer: NodeJS.Timeout | null = null;

  const arm = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (wanted.length === 0) return;
    const nowMs = wallNow();
    const nextMs = Math.min(...wanted.map((p) => ((last.get(p) ?? timeslice(p, nowMs / 1000)) + p) * 1000));
    timer = setTimeout(fire, Math.max(0, nextMs - nowMs));
    timer.unref();
  };

  const fire = (): void => {
    const now = wallNow() / 1000;
    // In period order, so at a full hour TICK_5, TICK_60 and TICK_3600 arrive in that order.
    for (const period of wanted) {
      const slice = timeslice(period, now);
      if (slice === last.get(period)) continue; // the timer fired a little early: re-armed below
      last.set(period, slice);
      bus.emit('tick', { period, when: slice });
    }
    arm();
  };

  return {
    setPeriods(periods) {
      const now = wallNow() / 1000;
      wanted = TICK_PERIODS.filter((p) => periods.has(p));
      for (const p of TICK_PERIODS) {
        if (!periods.has(p)) last.delete(p);
        else if (!last.has(p)) last.set(p, timeslice(p, now));
      }
      arm();
    },
    stop() {
      wanted = [];
      arm();
    },
  };
}

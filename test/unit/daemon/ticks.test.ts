// The TICK timer on a fake wall clock and mocked timers: aligned to wall-clock multiples, no tick at
// start, every subscribed period at its boundary in order, and no timer at all when nobody subscribes.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus } from '../../../src/core/events.js';
import { createTickSource } from '../../../src/daemon/events/ticks.js';

test('ticks fire at wall-clock boundaries, never at start, in period order, and only while subscribed', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let wallMs = 3_599_998_000; // 2 s before a full hour (3_600_000 s = 1000 h)
    const bus = new EventBus();
    const got: string[] = [];
    bus.on('tick', ({ period, when }) => got.push(`${period}@${when}`));
    const ticks = createTickSource(bus, () => wallMs);
    const advance = (ms: number) => {
      wallMs += ms;
      mock.timers.tick(ms);
    };
    ticks.setPeriods(new Set([5, 60, 3600]));
    advance(1999);
    assert.deepEqual(got, [], 'nothing before the boundary');
    advance(1);
    assert.deepEqual(got, ['5@3600000', '60@3600000', '3600@3600000']);
    advance(5000);
    assert.deepEqual(got.slice(3), ['5@3600005']);
    ticks.setPeriods(new Set());
    advance(60_000);
    assert.equal(got.length, 4, 'no subscriber, no ticks');
    ticks.stop();
  } finally {
    mock.timers.reset();
  }
});

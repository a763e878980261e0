import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChangeBatcher, defaultMaxWait, FlapGuard, type ChangeBatch } from '../../../src/core/change-batcher.js';
import { ManualClock } from './manual-clock.js';

function setup(delayMs = 500, maxWaitMs = defaultMaxWait(delayMs)) {
  const clock = new ManualClock();
  const batches: ChangeBatch[] = [];
  const batcher = new ChangeBatcher({ clock, delayMs, maxWaitMs, onBatch: (b) => batches.push(b) });
  return { clock, batches, batcher };
}

test('20 files saved within the delay are one batch, named by the first, counted once each', () => {
  const { clock, batches, batcher } = setup();
  for (let i = 0; i < 20; i++) {
    batcher.add(`/app/src/f${i}.py`);
    batcher.add(`/app/src/f${i}.py`); // editors often write twice
    clock.advance(20);
  }
  assert.deepEqual(batches, [], 'nothing while the burst goes on');
  clock.advance(499 - 20);
  assert.deepEqual(batches, [], 'not before delay ms of quiet');
  clock.advance(1);
  assert.deepEqual(batches, [{ first: '/app/src/f0.py', count: 20 }]);
  assert.equal(clock.pendingTimers, 0, 'no timer left once the burst is out');
});

test('two bursts apart by more than the delay are two batches', () => {
  const { clock, batches, batcher } = setup(100);
  batcher.add('/a');
  clock.advance(150);
  batcher.add('/b');
  batcher.add('/c');
  clock.advance(150);
  assert.deepEqual(batches, [{ first: '/a', count: 1 }, { first: '/b', count: 2 }]);
});

test('a file that never stops changing still gets through, once per max wait', () => {
  const { clock, batches, batcher } = setup(500, 5000);
  for (let t = 0; t < 12_000; t += 100) {
    batcher.add('/app/log.txt');
    clock.advance(100);
  }
  assert.equal(batches.length, 2, 'at 5 s and 10 s');
  assert.equal(defaultMaxWait(0), 5000);
  assert.equal(defaultMaxWait(2000), 20_000);
});

test('delay 0 still coalesces changes reported together', () => {
  const { clock, batches, batcher } = setup(0);
  batcher.add('/a');
  batcher.add('/b');
  clock.advance(0);
  assert.deepEqual(batches, [{ first: '/a', count: 2 }]);
});

test('close drops a pending burst', () => {
  const { clock, batches, batcher } = setup();
  batcher.add('/a');
  batcher.close();
  clock.advance(10_000);
  assert.deepEqual(batches, []);
});

test('flap guard: limit bursts in the window are fine, the next one trips it, then it cools down for a window', () => {
  const guard = new FlapGuard(3, 1000);
  assert.deepEqual([0, 100, 200].map((t) => guard.check(t)), ['ok', 'ok', 'ok']);
  assert.equal(guard.check(300), 'tripped');
  assert.equal(guard.check(400), 'suspended');
  assert.equal(guard.check(1299), 'suspended');
  assert.equal(guard.check(1300), 'ok');
  // Slow enough saves never trip it.
  const slow = new FlapGuard(3, 1000);
  for (let t = 0; t < 10_000; t += 400) assert.equal(slow.check(t), 'ok', `at ${t}`);
});

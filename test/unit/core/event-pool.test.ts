import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventPool, SerialCounter, type QueuedEvent } from '../../../src/core/event-pool.js';
import { tickEvent } from '../../../src/core/event-types.js';

const serials = new SerialCounter();
const queued = (): QueuedEvent => ({ event: tickEvent(5, 0), serial: serials.next(), poolSerials: new Map() });

test('serial counters start at 0 and count up', () => {
  const c = new SerialCounter();
  assert.deepEqual([c.next(), c.next(), c.next()], [0, 1, 2]);
});

test('a full buffer drops its oldest event and says which', () => {
  const pool = new EventPool('p', 2);
  const [a, b, c] = [queued(), queued(), queued()];
  assert.deepEqual(pool.accept(a), []);
  assert.deepEqual(pool.accept(b), []);
  assert.deepEqual(pool.accept(c), [{ type: 'overflow', discardedSerial: a.serial }]);
  assert.deepEqual(pool.pending(), [b, c]);
  assert.deepEqual([b.poolSerials.get('p'), c.poolSerials.get('p')], [1, 2]);
});

test('dispatch hands out oldest first and stops when nobody can take one', () => {
  const pool = new EventPool('p', 10);
  const events = [queued(), queued(), queued()];
  for (const e of events) pool.accept(e);
  const seen: number[] = [];
  let room = 2;
  assert.equal(pool.dispatch((_q, poolSerial) => (room-- > 0 ? (seen.push(poolSerial), true) : false)), 2);
  assert.deepEqual(seen, [0, 1]);
  assert.deepEqual(pool.pending(), [events[2]]);
});

test('a rejected event goes back to the head keeping its serials, and another pool numbers it separately', () => {
  const one = new EventPool('one', 10);
  const two = new EventPool('two', 10);
  const [a, b] = [queued(), queued()];
  two.accept(b);
  one.accept(a);
  two.accept(a);
  one.dispatch(() => true);
  assert.deepEqual(one.accept(a, true), [{ type: 'rebuffering', serial: a.serial, size: 0, max: 10 }]);
  assert.equal(a.poolSerials.get('one'), 0);
  assert.equal(a.poolSerials.get('two'), 1);
  one.accept(queued());
  one.accept(a, true);
  assert.equal(one.pending()[0], a);
});

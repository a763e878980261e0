import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPaceState, parkDuration, PACE_MS } from '../../../src/daemon/read-pacer.js';

function feed(reads: [bytes: number, at: number][]): number[] {
  const state = newPaceState();
  return reads.map(([bytes, at]) => parkDuration(state, bytes, at));
}

test('a quiet channel is never parked: its output is read the moment it comes', () => {
  assert.deepEqual(feed([[100, 0], [100, 1000], [100, 1000 + 2 * PACE_MS]]), [0, 0, 0]);
});

test('a line every millisecond parks for the longest round, and stays parked round after round', () => {
  // first line after a quiet spell, the next 1 ms later, then one read per 16 ms round carrying 16 lines
  assert.deepEqual(feed([[100, 0], [100, 1], [1600, 17], [1600, 33]]), [0, 16, 16, 16]);
});

test('a fast writer gets short parks, a burst none, so that the pipe never fills while parked', () => {
  // ~5 MB/s: a park of 16 ms would pile up 80 KB (more than the 64 KiB pipe): 8 ms instead
  assert.deepEqual(feed([[5000, 0], [5000, 1], [5000, 2]]).slice(1), [8, 8]);
  // a burst: 64 KiB reads microseconds apart
  assert.deepEqual(feed([[65536, 0], [8192, 0.01], [65536, 0.05], [8192, 0.06]]), [0, 0, 0, 0]);
});

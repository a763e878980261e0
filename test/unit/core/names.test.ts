import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNamespec, parseNamespec } from '../../../src/core/names.js';
import { EventBus } from '../../../src/core/events.js';

test('namespecs split at the first colon; * and empty mean the whole group', () => {
  assert.deepEqual(parseNamespec('foo'), { group: 'foo', process: 'foo' });
  assert.deepEqual(parseNamespec('grp:foo'), { group: 'grp', process: 'foo' });
  assert.deepEqual(parseNamespec('a:b:c'), { group: 'a', process: 'b:c' });
  assert.deepEqual(parseNamespec('grp:*'), { group: 'grp', process: null });
  assert.deepEqual(parseNamespec('grp:'), { group: 'grp', process: null });
  assert.equal(makeNamespec('cat', 'cat'), 'cat');
  assert.equal(makeNamespec('grp', 'ga'), 'grp:ga');
});

test('the bus delivers to current listeners only', () => {
  const bus = new EventBus();
  const seen: string[] = [];
  const off = bus.on('group-added', (e) => seen.push(e.group));
  assert.equal(bus.has('group-added'), true);
  bus.emit('group-added', { group: 'a' });
  off();
  bus.emit('group-added', { group: 'b' });
  assert.deepEqual(seen, ['a']);
  assert.equal(bus.has('group-added'), false);
});

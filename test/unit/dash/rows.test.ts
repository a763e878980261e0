import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRows } from '../../../src/dash/model/rows.js';
import { makeNamespec } from '../../../src/core/names.js';
import { info } from './fixtures.js';

const table = (list: ReturnType<typeof info>[]) => new Map(list.map((i) => [makeNamespec(i.group, i.name), i]));
const keysOf = (rows: ReturnType<typeof buildRows>) => rows.map((r) => r.key);

const PROCESSES = table([
  info('worker', 'worker_01'),
  info('web', 'web'),
  info('site', 'web'),
  info('worker', 'worker_00'),
  info('Zeta', 'Zeta'),
  info('site', 'api', 'FATAL'),
]);

test('rows follow status order (group, then name, by code point) with a header above each real group', () => {
  assert.deepEqual(keysOf(buildRows(PROCESSES, '', new Set())), [
    'p:Zeta', // capitals sort first, as in Python
    'g:site',
    'p:site:api',
    'p:site:web',
    'p:web', // a program that is its own group has no header
    'g:worker',
    'p:worker:worker_00',
    'p:worker:worker_01',
  ]);
});

test('the filter matches namespecs case-insensitively and keeps the headers of groups with matches', () => {
  const rows = buildRows(PROCESSES, 'WEB', new Set());
  assert.deepEqual(keysOf(rows), ['g:site', 'p:site:web', 'p:web']);
  const header = rows[0];
  assert.ok(header?.kind === 'group');
  assert.deepEqual([header.shown, header.size], [1, 2]);
  assert.deepEqual(keysOf(buildRows(PROCESSES, 'nothing', new Set())), []);
});

test('a collapsed group shows only its header, except while a filter is active', () => {
  assert.deepEqual(keysOf(buildRows(PROCESSES, '', new Set(['worker']))).slice(-1), ['g:worker']);
  assert.deepEqual(keysOf(buildRows(PROCESSES, 'worker_00', new Set(['worker']))), ['g:worker', 'p:worker:worker_00']);
});

// readLog / tailProcessLog offset rules on real files (reference §3.5, §3.6 worked examples).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readLogRange, tailLogRange } from '../../../src/rpc/log-read.js';
import { Fault } from '../../../src/core/faults.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-read-'));
const ten = path.join(dir, 'ten.log');
fs.writeFileSync(ten, '0123456789');
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('tail returns the last min(length, size) bytes past offset, the size, and overflow', async () => {
  const cases: Array<[number, number, [string, number, boolean]]> = [
    [0, 5, ['56789', 10, true]],
    [0, 10, ['0123456789', 10, false]],
    [5, 20, ['0123456789', 10, false]],
    [8, 2, ['89', 10, false]],
    [3, 4, ['6789', 10, true]],
    [10, 20, ['', 10, false]],
    [100, 5, ['', 10, false]],
    [-5, 3, ['789', 10, true]],
  ];
  for (const [offset, length, expected] of cases) {
    assert.deepEqual(await tailLogRange(ten, offset, length), expected, `tail(${offset}, ${length})`);
  }
});

test('tail of a missing file is empty at the offset given', async () => {
  assert.deepEqual(await tailLogRange(path.join(dir, 'nope'), 7, 5), ['', 7, false]);
});

test('read: from offset, a length, the last N bytes, past the end', async () => {
  assert.equal(await readLogRange(ten, 0, 0), '0123456789');
  assert.equal(await readLogRange(ten, 3, 4), '3456');
  assert.equal(await readLogRange(ten, 8, 100), '89');
  assert.equal(await readLogRange(ten, -3, 0), '789');
  assert.equal(await readLogRange(ten, -300, 0), '0123456789');
  assert.equal(await readLogRange(ten, 50, 0), '');
});

test('read: a negative offset with a length, or a negative length, is BAD_ARGUMENTS; no file is FAILED', async () => {
  const faultOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (error) {
      assert.ok(error instanceof Fault);
      return error.faultString;
    }
    return 'no fault';
  };
  assert.equal(await faultOf(readLogRange(ten, -5, 3)), 'BAD_ARGUMENTS');
  assert.equal(await faultOf(readLogRange(ten, 5, -3)), 'BAD_ARGUMENTS');
  assert.equal(await faultOf(readLogRange(ten, -5, -3)), 'BAD_ARGUMENTS');
  assert.equal(await faultOf(readLogRange(path.join(dir, 'nope'), 0, 0)), 'FAILED');
});

test('a UTF-8 character cut by the range does not fail the read', async () => {
  const utf = path.join(dir, 'utf.log');
  fs.writeFileSync(utf, 'añb');
  assert.equal(await readLogRange(utf, 0, 2), 'a\uFFFD');
  assert.equal(await readLogRange(utf, 0, 0), 'añb');
});

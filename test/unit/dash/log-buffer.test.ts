import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendText, cleanLine, createLogBuffer, lineCount, linesBetween, prependHistory, MAX_LINE_CHARS } from '../../../src/dash/model/log-buffer.js';

const all = (b: ReturnType<typeof createLogBuffer>) => linesBetween(b, b.first, b.end);

test('chunks split anywhere become whole lines; the unfinished tail waits for its newline', () => {
  let b = createLogBuffer(10);
  b = appendText(b, 'hel').buffer;
  assert.deepEqual(all(b), []);
  assert.equal(b.partial, 'hel');
  const step = appendText(b, 'lo\nworld\npart');
  assert.deepEqual(step.completed, ['hello', 'world']);
  assert.deepEqual(all(step.buffer), ['hello', 'world']);
  assert.equal(step.buffer.partial, 'part');
});

test('a full buffer drops its oldest lines but never renumbers the rest', () => {
  let b = createLogBuffer(3);
  for (let i = 0; i < 10; i++) b = appendText(b, `line ${i}\n`).buffer;
  assert.equal(lineCount(b), 3);
  assert.deepEqual(all(b), ['line 7', 'line 8', 'line 9']);
  assert.deepEqual([b.first, b.end], [7, 10]);
  assert.deepEqual(linesBetween(b, 8, 9), ['line 8']);
  assert.ok(b.store.length <= 2 * 3 + 1, `storage is compacted (${b.store.length})`);
});

test('an older state keeps its own lines when a newer one was appended to the shared storage', () => {
  const base = appendText(createLogBuffer(100), 'a\n').buffer;
  const left = appendText(base, 'left\n').buffer;
  const right = appendText(base, 'right\n').buffer;
  assert.deepEqual(all(base), ['a']);
  assert.deepEqual(all(left), ['a', 'left']);
  assert.deepEqual(all(right), ['a', 'right']);
});

test('history from the log file goes in front, without repeating the lines the stream already delivered', () => {
  let b = createLogBuffer(100);
  b = appendText(b, 'three\nfour\n').buffer;
  const before = b.first;
  b = prependHistory(b, 'one\ntwo\nthree\n');
  assert.deepEqual(all(b), ['one', 'two', 'three', 'four']);
  assert.deepEqual(linesBetween(b, before, before + 1), ['three'], 'existing lines keep their indexes');
  const fresh = prependHistory(createLogBuffer(2), 'x\ny\nz\n');
  assert.deepEqual(all(fresh), ['y', 'z'], 'history is cut to the capacity, newest kept');
});

test('display lines lose colour codes and control characters; a carriage return keeps the last redraw', () => {
  assert.equal(cleanLine('\x1b[31mred\x1b[0m text'), 'red text');
  assert.equal(cleanLine('progress 10%\rprogress 100%'), 'progress 100%');
  assert.equal(cleanLine('crlf\r'), 'crlf');
  assert.equal(cleanLine('bell\x07 and tab\tkept'), 'bell and tab\tkept');
  assert.equal(cleanLine('x'.repeat(MAX_LINE_CHARS + 5)).length, MAX_LINE_CHARS + ' [cut]'.length);
});

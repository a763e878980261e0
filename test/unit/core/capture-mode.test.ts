import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureSplitter, partialTokenAtEnd, BEGIN_TOKEN, type CaptureSegment } from '../../../src/core/capture-mode.js';

const text = (segments: CaptureSegment[]) => segments.map((s) => [s.type, s.data.toString()]);
const pushAll = (s: CaptureSplitter, chunks: string[]) => chunks.flatMap((c) => s.push(Buffer.from(c)));

test('text between the tokens becomes a message; text around it is log data; tokens are never output', () => {
  const s = new CaptureSplitter(1024);
  assert.deepEqual(text(pushAll(s, ['before\n<!--XSUPERVISOR:BEGIN-->hello<!--XSUPERVISOR:END-->after\n'])), [
    ['log', 'before\n'],
    ['captured', 'hello'],
    ['message', 'hello'],
    ['log', 'after\n'],
  ]);
});

test('tokens split across reads are recognised, byte by byte too', () => {
  const whole = 'x<!--XSUPERVISOR:BEGIN-->msg<!--XSUPERVISOR:END-->y';
  const s = new CaptureSplitter(1024);
  const out = pushAll(s, [...whole]);
  const joined = (type: string) => out.filter((o) => o.type === type).map((o) => o.data.toString()).join('');
  assert.equal(joined('log'), 'xy');
  assert.equal(joined('captured'), 'msg');
  assert.deepEqual(text(out.filter((o) => o.type === 'message')), [['message', 'msg']]);
});

test('a held partial token that never completes is ordinary output at the end', () => {
  const s = new CaptureSplitter(1024);
  assert.deepEqual(text(s.push(Buffer.from('tail <!--XSUP'))), [['log', 'tail ']]);
  assert.deepEqual(text(s.end()), [['log', '<!--XSUP']]);
  assert.equal(partialTokenAtEnd(Buffer.from('abc<'), BEGIN_TOKEN), 1);
  assert.equal(partialTokenAtEnd(Buffer.from('abc'), BEGIN_TOKEN), 0);
});

test('a message longer than maxbytes loses as many bytes from the front as each new piece holds', () => {
  const s = new CaptureSplitter(4);
  const out = pushAll(s, ['<!--XSUPERVISOR:BEGIN-->abc', 'de', 'f<!--XSUPERVISOR:END-->']);
  assert.deepEqual(text(out.filter((o) => o.type === 'message')), [['message', 'cdef']]);
});

test('captured pieces go through the transform (strip_ansi) before they are kept', () => {
  const s = new CaptureSplitter(1024, (d) => Buffer.from(d.toString().replaceAll('\x1b[1m', '')));
  const out = pushAll(s, ['<!--XSUPERVISOR:BEGIN-->\x1b[1mbold<!--XSUPERVISOR:END-->']);
  assert.deepEqual(text(out), [['captured', 'bold'], ['message', 'bold']]);
});

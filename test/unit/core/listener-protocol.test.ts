import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListenerProtocol, type ListenerEffect } from '../../../src/core/listener-protocol.js';

const feedAll = (p: ListenerProtocol, ...chunks: string[]): ListenerEffect[] => chunks.flatMap((c) => p.feed(Buffer.from(c)));
const t = (from: string, to: string) => ({ type: 'transition', from, to });

test('READY, an event, RESULT 2 OK, READY again: the normal cycle, in any chunking', () => {
  for (const chunks of [['READY\n'], ['RE', 'AD', 'Y', '\n']]) {
    const p = new ListenerProtocol();
    assert.deepEqual(feedAll(p, ...chunks), [t('ACKNOWLEDGED', 'READY')]);
    p.sent();
    assert.equal(p.state, 'BUSY');
    assert.deepEqual(feedAll(p, 'RESULT 2\nOKREADY\n'), [{ type: 'processed' }, t('BUSY', 'ACKNOWLEDGED'), t('ACKNOWLEDGED', 'READY')]);
  }
  const p = new ListenerProtocol();
  p.feed(Buffer.from('READY\n'));
  p.sent();
  assert.deepEqual(feedAll(p, 'RESUL', 'T 2', '\nO', 'K'), [{ type: 'processed' }, t('BUSY', 'ACKNOWLEDGED')]);
});

test('anything but OK is a rejection; the listener is ACKNOWLEDGED again', () => {
  const p = new ListenerProtocol();
  p.feed(Buffer.from('READY\n'));
  p.sent();
  assert.deepEqual(feedAll(p, 'RESULT 4\nFAIL'), [{ type: 'rejected' }, t('BUSY', 'ACKNOWLEDGED')]);
});

test('the first 7 bytes of the result line are not checked; a non-number is a bad result line → UNKNOWN', () => {
  const p = new ListenerProtocol();
  p.feed(Buffer.from('READY\n'));
  p.sent();
  assert.deepEqual(feedAll(p, 'XXXXXXX2\nOK'), [{ type: 'processed' }, t('BUSY', 'ACKNOWLEDGED')]);
  p.feed(Buffer.from('READY\n'));
  p.sent();
  assert.deepEqual(feedAll(p, 'RESULT two\nOK'), [{ type: 'bad-result-line', line: 'RESULT two' }, t('BUSY', 'UNKNOWN')]);
  assert.deepEqual(feedAll(p, 'READY\n'), [], 'UNKNOWN ignores everything until a new spawn');
  p.reset();
  assert.deepEqual(feedAll(p, 'READY\n'), [t('ACKNOWLEDGED', 'READY')]);
});

test('protocol violations: other bytes before READY, or any bytes while READY', () => {
  const early = new ListenerProtocol();
  assert.deepEqual(feedAll(early, 'hello'), [], 'fewer than 6 bytes: no decision yet');
  assert.deepEqual(feedAll(early, '!'), [t('ACKNOWLEDGED', 'UNKNOWN')]);
  const chatty = new ListenerProtocol();
  assert.deepEqual(feedAll(chatty, 'READY\n\n'), [t('ACKNOWLEDGED', 'READY'), t('READY', 'UNKNOWN')]);
});

test('RESULT 0 is settled only when more bytes arrive (as in supervisord)', () => {
  const p = new ListenerProtocol();
  p.feed(Buffer.from('READY\n'));
  p.sent();
  assert.deepEqual(feedAll(p, 'RESULT 0\n'), []);
  assert.deepEqual(feedAll(p, 'READY\n'), [{ type: 'rejected' }, t('BUSY', 'ACKNOWLEDGED'), t('ACKNOWLEDGED', 'READY')]);
});

test('a custom result handler decides what counts as success', () => {
  const p = new ListenerProtocol((body) => body.toString().startsWith('OK'));
  p.feed(Buffer.from('READY\n'));
  p.sent();
  assert.deepEqual(feedAll(p, 'RESULT 5\nOK!!!'), [{ type: 'processed' }, t('BUSY', 'ACKNOWLEDGED')]);
});

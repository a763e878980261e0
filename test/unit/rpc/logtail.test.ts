// /logtail and /mainlogtail over a real unix socket: head bytes, appends, rotation, truncation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { startFakeControl, waitFor, type FakeControl } from '../../helpers/rpc-fixture.js';
import { rawRequest } from '../../helpers/rpc-raw.js';
import { createRpcClient } from '../../../src/rpc/client.js';
import { parseLogtailPath } from '../../../src/rpc/logtail.js';

/** Collects a stream's bytes as they arrive. */
function collect(stream: Readable): { text: () => string } {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { text: () => Buffer.concat(chunks).toString('utf8') };
}

async function openTail(control: FakeControl, path: string) {
  const client = createRpcClient({ serverUrl: `unix://${control.socket}` });
  const { status, stream } = await client.getStream(path);
  const headers = (stream as Readable & { headers: Record<string, string> }).headers;
  return { status, stream, headers, body: collect(stream), close: () => { stream.destroy(); client.close(); } };
}

test('parses /logtail paths like supervisord (percent-encoding, default channel)', () => {
  assert.deepEqual(parseLogtailPath('/logtail/cat'), { namespec: 'cat', channel: 'stdout' });
  assert.deepEqual(parseLogtailPath('/logtail/grp%3Acat/stderr'), { namespec: 'grp:cat', channel: 'stderr' });
  assert.deepEqual(parseLogtailPath('//logtail/cat/stdout'), { namespec: 'cat', channel: 'stdout' });
  assert.equal(parseLogtailPath('/logtail/cat/other'), null);
  assert.equal(parseLogtailPath('/logtail'), null);
  assert.equal(parseLogtailPath('/logtail/'), null);
  assert.equal(parseLogtailPath('/logtail/%E0%A4%A'), null);
});

test('sends the last 1024 bytes, then appended bytes as the daemon reports them', async () => {
  const control = await startFakeControl();
  const head = `${'x'.repeat(1500)}${'y'.repeat(1024)}`;
  fs.writeFileSync(control.logFile, head);
  const tail = await openTail(control, '/logtail/cat');
  try {
    assert.equal(tail.status, 200);
    assert.equal(tail.headers['content-type'], 'text/plain;charset=utf-8');
    assert.equal(tail.headers['x-accel-buffering'], 'no');
    assert.equal(tail.headers['transfer-encoding'], 'chunked');
    assert.equal(tail.headers['content-length'], undefined);
    assert.equal(tail.headers['last-modified'], fs.statSync(control.logFile).mtime.toUTCString());
    await waitFor('the head bytes', () => tail.body.text() === 'y'.repeat(1024));
    control.appendLog('first append\n');
    await waitFor('the first append', () => tail.body.text().endsWith('first append\n'));
    control.appendLog('sé');
    control.appendLog('cond\n');
    await waitFor('the second append', () => tail.body.text() === `${'y'.repeat(1024)}first append\nsécond\n`);
  } finally {
    tail.close();
    await control.close();
  }
});

test('a file smaller than 1024 bytes is sent whole; writes by others arrive through the poll', async () => {
  const control = await startFakeControl();
  fs.writeFileSync(control.logFile, 'small\n');
  const tail = await openTail(control, '/logtail/cat%3Acat/stdout');
  try {
    await waitFor('the whole small file', () => tail.body.text() === 'small\n');
    control.appendLog('unannounced\n', false);
    await waitFor('the polled append', () => tail.body.text() === 'small\nunannounced\n', 4000);
  } finally {
    tail.close();
    await control.close();
  }
});

test('rotation: the new file is streamed from its start; truncation is announced then re-sent', async () => {
  const control = await startFakeControl();
  fs.writeFileSync(control.logFile, 'old\n');
  const tail = await openTail(control, '/logtail/cat');
  try {
    await waitFor('the old content', () => tail.body.text() === 'old\n');
    fs.renameSync(control.logFile, `${control.logFile}.1`);
    fs.writeFileSync(control.logFile, 'new file\n');
    control.notify(control.logFile);
    await waitFor('the rotated file', () => tail.body.text() === 'old\nnew file\n');
    fs.writeFileSync(control.logFile, 'cut\n'); // shorter than what was sent: truncated
    control.notify(control.logFile);
    await waitFor('the truncation notice', () => tail.body.text() === 'old\nnew file\n==> File truncated <==\ncut\n');
  } finally {
    tail.close();
    await control.close();
  }
});

test('/mainlogtail streams the main log without X-Accel-Buffering; missing file is 404', async () => {
  const control = await startFakeControl();
  const tail = await openTail(control, '/mainlogtail');
  try {
    assert.equal(tail.status, 200);
    assert.equal(tail.headers['x-accel-buffering'], undefined);
    await waitFor('the main log', () => tail.body.text() === 'main log line\n');
    fs.appendFileSync(control.mainLog, 'more\n');
    control.notify(control.mainLog);
    await waitFor('the main log append', () => tail.body.text() === 'main log line\nmore\n');
  } finally {
    tail.close();
  }
  try {
    fs.rmSync(control.logFile, { force: true });
    const missing = await rawRequest({ socket: control.socket }, 'GET /logtail/cat HTTP/1.0\r\n\r\n');
    assert.match(missing, /^HTTP\/1\.[01] 404/);
  } finally {
    await control.close();
  }
});

test('HTTP/1.0 gets the raw bytes, no chunk framing', async () => {
  const control = await startFakeControl();
  fs.writeFileSync(control.logFile, 'plain bytes\n');
  try {
    const response = await rawRequest({ socket: control.socket }, 'GET /logtail/cat HTTP/1.0\r\n\r\n', 500);
    assert.match(response, /^HTTP\/1\.[01] 200/); // Node answers 1.1 to a 1.0 request (allowed)
    assert.doesNotMatch(response, /transfer-encoding/i);
    assert.ok(response.endsWith('\r\n\r\nplain bytes\n'), JSON.stringify(response));
  } finally {
    await control.close();
  }
});

test('closing the client unsubscribes from the daemon notifications', async () => {
  const control = await startFakeControl();
  fs.writeFileSync(control.logFile, 'x\n');
  const tail = await openTail(control, '/logtail/cat');
  try {
    await waitFor('the content', () => tail.body.text() === 'x\n');
    assert.equal(control.appendListenerCount(control.logFile), 1);
    tail.close();
    await waitFor('the listener to go', () => control.appendListenerCount(control.logFile) === 0);
    control.appendLog('after close\n');
  } finally {
    await control.close();
  }
});

// The JSON transport over real sockets: calls, errors, and the snapshot-then-events stream with
// slow-consumer dropping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { startFakeControl, tempDir, waitFor } from '../../helpers/rpc-fixture.js';
import { createRpcClient } from '../../../src/rpc/client.js';
import { startControlServers } from '../../../src/rpc/http-server.js';

async function call(port: number, body: string, method = 'POST'): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/call`, method === 'POST' ? { method, body } : { method });
  return { status: res.status, json: await res.json() };
}

test('POST /api/v1/call: results, faults with code/name/message, request errors', async () => {
  const control = await startFakeControl();
  try {
    assert.deepEqual(await call(control.port, '{"method":"supervisor.getState","params":[]}'), {
      status: 200,
      json: { result: { statecode: 1, statename: 'RUNNING' } },
    });
    assert.deepEqual(await call(control.port, '{"method":"supervisor.getState"}'), { status: 200, json: { result: { statecode: 1, statename: 'RUNNING' } } });
    assert.deepEqual(await call(control.port, '{"method":"supervisor.getProcessInfo","params":["x"]}'), {
      status: 200,
      json: { error: { code: 10, name: 'BAD_NAME', message: 'BAD_NAME: x' } },
    });
    assert.deepEqual((await call(control.port, '{"method":"supervisor.a.b"}')).json, { error: { code: 1, name: 'UNKNOWN_METHOD', message: 'UNKNOWN_METHOD' } });
    assert.deepEqual((await call(control.port, '{"method":"supervisor.getState","params":[1]}')).json, {
      error: { code: 2, name: 'INCORRECT_PARAMETERS', message: 'INCORRECT_PARAMETERS' },
    });
    const multi = await call(control.port, '{"method":"system.multicall","params":[[{"methodName":"supervisor.getAPIVersion"}]]}');
    assert.deepEqual(multi.json, { result: ['3.0'] });
    for (const bad of ['not json', '[]', '{"params":[]}', '{"method":"a.b","params":"x"}']) {
      const r = await call(control.port, bad);
      assert.equal(r.status, 400, bad);
      assert.equal((r.json as { error: { name: string } }).error.name, 'BAD_REQUEST');
    }
    assert.equal((await call(control.port, '', 'GET')).status, 405);
    const crash = await call(control.port, '{"method":"test.crash"}');
    assert.equal(crash.status, 500);
    assert.deepEqual(crash.json, { error: { code: 30, name: 'FAILED', message: 'FAILED: internal error' } });
    assert.ok(control.logLines.some((l) => l.startsWith('CRIT Handling JSON call test.crash()')));
  } finally {
    await control.close();
  }
});

/** NDJSON lines of a stream as they arrive. */
function lines(stream: Readable): { all: () => Record<string, unknown>[] } {
  let buffered = '';
  const parsed: Record<string, unknown>[] = [];
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) !== -1) {
      parsed.push(JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>);
      buffered = buffered.slice(nl + 1);
    }
  });
  return { all: () => parsed };
}

test('GET /api/v1/events: snapshot first, then every event in order; closing unsubscribes', async () => {
  const control = await startFakeControl();
  const client = createRpcClient({ serverUrl: `unix://${control.socket}` });
  try {
    const { status, stream } = await client.getStream('/api/v1/events');
    assert.equal(status, 200);
    assert.equal((stream as Readable & { headers: Record<string, string> }).headers['content-type'], 'application/x-ndjson');
    const got = lines(stream);
    await waitFor('the snapshot', () => got.all().length === 1);
    assert.equal(got.all()[0]?.type, 'snapshot');
    assert.equal((got.all()[0]?.processes as { name: string }[])[0]?.name, 'cat');
    for (let i = 0; i < 5; i++) control.emit({ type: 'PROCESS_STATE', seq: i });
    await waitFor('five events', () => got.all().length === 6);
    assert.deepEqual(got.all().slice(1).map((e) => e.seq), [0, 1, 2, 3, 4]);
    stream.destroy();
    await waitFor('the unsubscribe', () => control.subscriberCount() === 0);
  } finally {
    client.close();
    await control.close();
  }
});

test('events raised while subscribing come after the snapshot, not before', async () => {
  const dir = tempDir();
  const servers = await startControlServers({
    servers: [{ kind: 'unix', section: 'unix_http_server', file: path.join(dir, 's.sock'), chmod: 0o700, chown: null, auth: null }],
    methods: new Map(),
    logs: { resolve: () => null, mainLogPath: () => null, onAppend: () => () => undefined },
    events: {
      subscribe: (onEvent) => {
        onEvent({ type: 'early' }); // e.g. the bus flushing synchronously during subscribe
        return { snapshot: { processes: [] }, close: () => undefined };
      },
    },
    log: { warn: () => undefined, crit: () => undefined, info: () => undefined },
  });
  const client = createRpcClient({ serverUrl: `unix://${path.join(dir, 's.sock')}` });
  try {
    const { stream } = await client.getStream('/api/v1/events');
    const got = lines(stream);
    await waitFor('two lines', () => got.all().length === 2);
    assert.deepEqual(got.all().map((e) => e.type), ['snapshot', 'early']);
    stream.destroy();
  } finally {
    client.close();
    await servers.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a consumer that stops reading is dropped; a fast one keeps receiving everything', async () => {
  const control = await startFakeControl({ maxEventBacklogBytes: 256 * 1024 });
  const client = createRpcClient({ serverUrl: `unix://${control.socket}` });
  const slow = net.connect(control.socket);
  try {
    slow.on('connect', () => slow.write('GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\n\r\n'));
    slow.pause(); // never reads: the kernel buffers fill, then the server's
    slow.on('error', () => undefined);
    const { stream } = await client.getStream('/api/v1/events');
    const fast = lines(stream);
    await waitFor('both subscribers', () => control.subscriberCount() === 2);
    const payload = 'z'.repeat(8 * 1024);
    let sent = 0;
    while (!control.logLines.some((l) => l.includes('dropping slow event stream consumer'))) {
      assert.ok(sent < 2000, 'the slow consumer was never dropped');
      control.emit({ type: 'LOG', seq: sent, payload });
      sent++;
      const expected = sent + 1;
      await waitFor(`fast consumer to get event ${sent}`, () => fast.all().length === expected);
    }
    assert.equal(control.subscriberCount(), 1);
    for (let i = 0; i < 10; i++, sent++) control.emit({ type: 'LOG', seq: sent, payload: 'after' });
    await waitFor('the fast consumer to get the rest', () => fast.all().length === sent + 1);
    assert.deepEqual(fast.all().slice(1).map((e) => e.seq), Array.from({ length: sent }, (_, i) => i));
    stream.destroy();
  } finally {
    slow.destroy();
    client.close();
    await control.close();
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { createRpcClient, TransportError } from '../../../src/rpc/client.js';
import { Fault } from '../../../src/core/faults.js';
import { decodeMethodCall, encodeFault, encodeMethodResponse } from '../../../src/rpc/xmlrpc.js';

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** A fake server on a temp unix socket; `respond` decides each answer. */
async function withServer(
  respond: (seen: Seen, res: http.ServerResponse) => void,
  run: (ctx: { url: string; seen: Seen[]; connections: () => number; dir: string }) => Promise<void>,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpc-client-'));
  const socket = path.join(dir, 's.sock');
  const seen: Seen[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      respond(entry, res);
    });
  });
  server.on('connection', () => connections++);
  server.listen(socket);
  await once(server, 'listening');
  try {
    await run({ url: `unix://${socket}`, seen, connections: () => connections, dir });
  } finally {
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function xml(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

test('calls POST /RPC2 with Host localhost, reuse one connection, and return decoded values', async () => {
  await withServer(
    (seen, res) => xml(res, encodeMethodResponse({ echoed: decodeMethodCall(seen.body).params })),
    async ({ url, seen, connections }) => {
      const client = createRpcClient({ serverUrl: url });
      assert.deepEqual(await client.call('a.b', ['héllo', 1]), { echoed: ['héllo', 1] });
      assert.deepEqual(await client.call('a.c'), { echoed: [] });
      assert.deepEqual(await client.call('a.d', [true]), { echoed: [true] });
      client.close();
      assert.equal(connections(), 1);
      const [first] = seen;
      assert.equal(first?.method, 'POST');
      assert.equal(first?.url, '/RPC2');
      assert.equal(first?.headers.host, 'localhost');
      assert.equal(first?.headers['content-type'], 'text/xml');
      assert.equal(first?.headers.authorization, undefined);
    },
  );
});

test('Basic auth is sent only when both username and password are set', async () => {
  await withServer(
    (_seen, res) => xml(res, encodeMethodResponse(true)),
    async ({ url, seen }) => {
      for (const creds of [{ username: 'u', password: null }, { username: null, password: 'p' }, {}, { username: 'u', password: 'p:w' }]) {
        const client = createRpcClient({ serverUrl: url, ...creds });
        await client.call('a.b');
        client.close();
      }
      assert.deepEqual(seen.map((s) => s.headers.authorization), [undefined, undefined, undefined, `Basic ${Buffer.from('u:p:w').toString('base64')}`]);
    },
  );
});

test('faults reject with Fault.fromWire, keeping code and string', async () => {
  await withServer(
    (_seen, res) => xml(res, encodeFault(10, 'BAD_NAME: nosuch')),
    async ({ url }) => {
      const client = createRpcClient({ serverUrl: url });
      await assert.rejects(client.call('supervisor.getProcessInfo', ['nosuch']), (err: unknown) => {
        assert.ok(err instanceof Fault);
        assert.equal(err.code, 10);
        assert.equal(err.faultString, 'BAD_NAME: nosuch');
        return true;
      });
      client.close();
    },
  );
});

test('401 is UNAUTHORIZED, other statuses HTTP, garbage OTHER', async () => {
  await withServer(
    (seen, res) => {
      if (seen.body.includes('auth.x')) res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="default"' }).end('no');
      else if (seen.body.includes('fail.x')) res.writeHead(500).end('boom');
      else xml(res, '<html>not xml-rpc</html>');
    },
    async ({ url }) => {
      const client = createRpcClient({ serverUrl: url });
      const kindOf = (p: Promise<unknown>): Promise<[string, number | undefined]> =>
        p.then(
          () => assert.fail('expected a rejection'),
          (err: unknown) => {
            assert.ok(err instanceof TransportError, String(err));
            assert.ok(err.message.includes(url), err.message);
            return [err.kind, err.status];
          },
        );
      assert.deepEqual(await kindOf(client.call('auth.x')), ['UNAUTHORIZED', 401]);
      assert.deepEqual(await kindOf(client.call('fail.x')), ['HTTP', 500]);
      assert.deepEqual(await kindOf(client.call('other.x')), ['OTHER', 200]);
      client.close();
    },
  );
});

test('connection failures name the server URL and carry a kind', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpc-client-'));
  try {
    const missing = createRpcClient({ serverUrl: `unix://${dir}/missing.sock` });
    await assert.rejects(missing.call('a.b'), { name: 'TransportError', kind: 'ENOENT', message: `unix://${dir}/missing.sock: no such file` });
    // A file that is not a listening socket (what a crashed daemon leaves behind) refuses connections.
    fs.writeFileSync(path.join(dir, 'stale.sock'), '');
    const stale = createRpcClient({ serverUrl: `unix://${dir}/stale.sock` });
    await assert.rejects(stale.call('a.b'), { kind: 'ECONNREFUSED' });
    await assert.rejects(createRpcClient({ serverUrl: 'ftp://host' }).call('a.b'), { kind: 'OTHER' });
    await assert.rejects(createRpcClient({ serverUrl: 'unix://' }).getStream('/x'), { kind: 'OTHER' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('timeoutMs gives up on a server that never answers', async () => {
  await withServer(
    () => undefined,
    async ({ url }) => {
      const client = createRpcClient({ serverUrl: url, timeoutMs: 100 });
      await assert.rejects(client.call('a.b'), { kind: 'OTHER', message: /no response within 100 ms/ });
      client.close();
    },
  );
});

test('getStream returns the status and a live body stream', async () => {
  await withServer(
    (seen, res) => {
      if (seen.url === '/logtail/cat') {
        res.writeHead(200, { 'Content-Type': 'text/plain;charset=utf-8' });
        res.write('first ');
        setImmediate(() => res.end('second'));
      } else {
        res.writeHead(404).end();
      }
    },
    async ({ url, seen }) => {
      const client = createRpcClient({ serverUrl: url, username: 'u', password: 'p' });
      const ok = await client.getStream('/logtail/cat');
      assert.equal(ok.status, 200);
      let text = '';
      for await (const chunk of ok.stream) text += String(chunk);
      assert.equal(text, 'first second');
      assert.equal(seen[0]?.method, 'GET');
      assert.ok(seen[0]?.headers.authorization?.startsWith('Basic '));
      const missing = await client.getStream('/logtail/nope');
      assert.equal(missing.status, 404);
      missing.stream.resume();
      client.close();
    },
  );
});

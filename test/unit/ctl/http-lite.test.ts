import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LiteConnection, parseResponse } from '../../../src/ctl/http-lite.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

test('parseResponse: Content-Length framing, incomplete until every byte is there', () => {
  const full = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}';
  assert.equal(parseResponse(bytes(full.slice(0, 20)), false), null);
  assert.equal(parseResponse(bytes(full.slice(0, -1)), false), null);
  const parsed = parseResponse(bytes(full), false)!;
  assert.equal(parsed.response.status, 200);
  assert.equal(parsed.response.reason, 'OK');
  assert.equal(parsed.response.headers.get('content-type'), 'application/json');
  assert.equal(parsed.response.body.toString(), '{"a":1}');
  assert.equal(parsed.closes, false);
});

test('parseResponse: chunked bodies, with and without trailers', () => {
  const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
  const body = '4\r\nWiki\r\n6\r\npedia \r\n0\r\n\r\n';
  assert.equal(parseResponse(bytes(head + body.slice(0, -2)), false), null);
  assert.equal(parseResponse(bytes(head + body), false)!.response.body.toString(), 'Wikipedia ');
  const trailer = '3\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n';
  assert.equal(parseResponse(bytes(head + trailer), false)!.response.body.toString(), 'abc');
});

test('parseResponse: who closes the connection (HTTP/1.0, Connection: close, no framing)', () => {
  assert.equal(parseResponse(bytes('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n'), false)!.closes, true);
  assert.equal(parseResponse(bytes('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n'), false)!.closes, false);
  assert.equal(parseResponse(bytes('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno'), false)!.closes, true);
  const unframed = bytes('HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html>');
  assert.equal(parseResponse(unframed, false), null);
  const atEnd = parseResponse(unframed, true)!;
  assert.equal(atEnd.response.body.toString(), '<html>');
  assert.equal(atEnd.closes, true);
  assert.throws(() => parseResponse(bytes('HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc'), true), /in the middle/);
  assert.throws(() => parseResponse(bytes('garbage\r\n\r\n'), false), /malformed HTTP status line/);
});

/** A raw HTTP server that answers every request with `reply(n)` (n counts requests over all connections). */
async function rawServer(
  reply: (n: number, request: string) => string,
  hangUpAfter: ReadonlySet<number> = new Set(),
): Promise<{ socketPath: string; connections: () => number; open: () => number; close(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'http-lite-'));
  const socketPath = path.join(dir, 's.sock');
  let requests = 0;
  let connections = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end === -1) return;
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        const request = pending.slice(0, end + 4 + length);
        pending = pending.slice(request.length);
        const answer = reply(++requests, request);
        socket.write(answer);
        if (/connection: close/i.test(answer)) socket.end();
        else if (hangUpAfter.has(requests)) setImmediate(() => socket.destroy()); // an idle keep-alive dropped
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath,
    connections: () => connections,
    open: () => open.size,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('LiteConnection: requests share one connection; a closed one is replaced by the next request', async () => {
  let seen = '';
  const server = await rawServer((n, request) => {
    seen = request;
    const body = `answer ${n}`;
    const close = n === 2 ? 'Connection: close\r\n' : '';
    return `HTTP/1.1 200 OK\r\n${close}Content-Length: ${body.length}\r\n\r\n${body}`;
  });
  const conn = new LiteConnection({ socketPath: server.socketPath });
  try {
    const first = await conn.request('POST', '/api/v1/call', { Host: 'localhost', 'Content-Type': 'application/json' }, '{"x":"é"}');
    assert.equal(first.body.toString(), 'answer 1');
    // Content-Length counts the UTF-8 bytes of the body.
    assert.match(Buffer.from(seen, 'latin1').toString('utf8'), /^POST \/api\/v1\/call HTTP\/1\.1\r\nHost: localhost\r\nContent-Type: application\/json\r\nContent-Length: 10\r\n\r\n\{"x":"é"\}$/);
    assert.equal((await conn.request('POST', '/x', {}, '')).body.toString(), 'answer 2');
    assert.equal(server.connections(), 1);
    assert.equal((await conn.request('POST', '/x', {}, '')).body.toString(), 'answer 3');
    assert.equal(server.connections(), 2);
    assert.equal((await conn.request('POST', '/x', {}, '')).body.toString(), 'answer 4');
    assert.equal(server.connections(), 2);
  } finally {
    conn.close();
    await server.close();
  }
});

test('LiteConnection: connection errors carry the socket error code', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'http-lite-'));
  try {
    const conn = new LiteConnection({ socketPath: path.join(dir, 'missing.sock') });
    await assert.rejects(conn.request('POST', '/', {}, ''), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    // The failed connection is forgotten: the next request tries again (and fails the same way).
    await assert.rejects(conn.request('POST', '/', {}, ''), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('LiteConnection: a keep-alive connection the server dropped while idle is replaced', async () => {
  const server = await rawServer((n) => `HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n${n}`, new Set([1]));
  const conn = new LiteConnection({ socketPath: server.socketPath });
  try {
    assert.equal((await conn.request('POST', '/', {}, '')).body.toString(), '1');
    const deadline = Date.now() + 10_000;
    while (server.open() > 0) {
      assert.ok(Date.now() < deadline, 'the server never dropped the connection');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal((await conn.request('POST', '/', {}, '')).body.toString(), '2');
    assert.equal(server.connections(), 2);
  } finally {
    conn.close();
    await server.close();
  }
});

// The control server checked with REAL clients: supervisorctl, Python's xmlrpc.client with
// supervisor's transport, curl; plus the socket rules (mode, address in use, stale file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeControl, tempDir, FAKE_PID } from '../helpers/rpc-fixture.js';
import { CURL, PYTHON, PYTHON_CLIENT, SUPERVISORCTL, haveTool, rawRequest, runTool, statusOf } from '../helpers/rpc-raw.js';
import { ADDRESS_IN_USE_MESSAGE, ControlServerError } from '../../src/rpc/http-server.js';
import { createRpcClient } from '../../src/rpc/client.js';

const sha = (text: string): string => `{SHA}${createHash('sha1').update(text).digest('hex')}`;
const GET_STATE = '<?xml version="1.0"?><methodCall><methodName>supervisor.getState</methodName></methodCall>';

test('real supervisorctl prints a status line over the unix socket and over TCP with auth', { skip: !haveTool(SUPERVISORCTL) }, async () => {
  const open = await startFakeControl();
  try {
    const viaUnix = await runTool(SUPERVISORCTL, ['-s', `unix://${open.socket}`, 'status']);
    assert.equal(viaUnix.code, 0, viaUnix.stderr + viaUnix.stdout);
    assert.match(viaUnix.stdout, new RegExp(`^cat +RUNNING +pid ${FAKE_PID}, uptime 0:01:00\\n$`));
    const version = await runTool(SUPERVISORCTL, ['-s', `unix://${open.socket}`, 'version']);
    assert.equal(version.stdout, '4.2.5\n');
  } finally {
    await open.close();
  }
  const locked = await startFakeControl({ auth: { username: 'user', password: sha('s3cret') } });
  try {
    const url = `http://127.0.0.1:${locked.port}`;
    const ok = await runTool(SUPERVISORCTL, ['-s', url, '-u', 'user', '-p', 's3cret', 'status']);
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /^cat +RUNNING/);
    const denied = await runTool(SUPERVISORCTL, ['-s', url, '-u', 'user', '-p', 'wrong', 'status']);
    assert.equal(denied.code, 1);
    assert.match(denied.stdout, /^Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1\/RPC2: 401 Unauthorized>/);
  } finally {
    await locked.close();
  }
});

test("Python's xmlrpc.client with supervisor's transport: values, faults, multicall, unicode", { skip: !haveTool(PYTHON) }, async () => {
  const control = await startFakeControl();
  try {
    const run = await runTool(PYTHON, ['-c', PYTHON_CLIENT, `unix://${control.socket}`, '', '']);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(out.state, { statecode: 1, statename: 'RUNNING' });
    assert.equal((out.all as { pid: number }[])[0]?.pid, FAKE_PID);
    assert.deepEqual(out.fault, [10, 'BAD_NAME: nosuch']);
    assert.deepEqual(out.multicall, ['3.0', { faultCode: 10, faultString: 'BAD_NAME: nosuch' }]);
    // Python writes CR unescaped, so XML parsing turns it into LF on the way in; our answers
    // escape it (&#13;), so a CR we send arrives intact.
    assert.equal(out.echo, 'héllo 名 <&> \n');
    assert.equal(out.progress, 'progress\r50%\r\n');
    assert.equal(out.control, 'bell\uFFFD');
    assert.ok((out.methods as string[]).includes('system.multicall'));
  } finally {
    await control.close();
  }
});

test('curl over the unix socket; 401 with the realm, {SHA} and cleartext passwords on every route', { skip: !haveTool(CURL) }, async () => {
  const control = await startFakeControl({ auth: { username: 'user', password: sha('pw') } });
  try {
    const base = ['-s', '-i', '--unix-socket', control.socket];
    const denied = await runTool(CURL, [...base, '-d', GET_STATE, 'http://localhost/RPC2']);
    assert.match(denied.stdout, /^HTTP\/1\.1 401 Unauthorized\r\n/);
    assert.match(denied.stdout, /\r\nWWW-Authenticate: Basic realm="default"\r\n/i);
    assert.match(denied.stdout, /<p>Error code 401\.\n<p>Message: Unauthorized\.\n<\/body>\n$/);
    for (const route of ['http://localhost/logtail/cat', 'http://localhost/mainlogtail', 'http://localhost/api/v1/events', 'http://localhost/nope']) {
      const r = await runTool(CURL, [...base, '-m', '2', route]);
      assert.match(r.stdout, /^HTTP\/1\.1 401/, route);
    }
    const ok = await runTool(CURL, [...base, '-u', 'user:pw', '-H', 'Content-Type: text/xml', '-d', GET_STATE, 'http://localhost/RPC2']);
    assert.match(ok.stdout, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(ok.stdout, /\r\nContent-Type: text\/xml\r\n/i);
    assert.match(ok.stdout, /<name>statename<\/name>\n<value><string>RUNNING<\/string><\/value>/);
    const wrongUser = await runTool(CURL, [...base, '-u', 'other:pw', '-d', GET_STATE, 'http://localhost/RPC2']);
    assert.match(wrongUser.stdout, /^HTTP\/1\.1 401/);
    const garbled = await rawRequest({ socket: control.socket }, 'GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Basic !!!\r\n\r\n');
    assert.equal(statusOf(garbled), 400);
  } finally {
    await control.close();
  }
  const clear = await startFakeControl({ auth: { username: 'user', password: 'plain' } });
  try {
    const client = createRpcClient({ serverUrl: `http://127.0.0.1:${clear.port}`, username: 'user', password: 'plain' });
    assert.deepEqual(await client.call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    client.close();
  } finally {
    await clear.close();
  }
});

test('status codes: 411 without Content-Length, 400 for non-POST and bad XML, 404, 413, 500', async () => {
  const control = await startFakeControl();
  const target = { socket: control.socket };
  try {
    const chunked = await rawRequest(target, 'POST /RPC2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    assert.equal(statusOf(chunked), 411);
    assert.match(chunked, /<p>Error code 411\.\n<p>Message: Length Required\./);
    assert.equal(statusOf(await rawRequest(target, 'GET /RPC2 HTTP/1.0\r\n\r\n')), 400);
    const post = (body: string, url = '/RPC2'): string =>
      `POST ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    assert.equal(statusOf(await rawRequest(target, post('this is not xml'))), 400);
    assert.equal(statusOf(await rawRequest(target, post('<methodCall><params/></methodCall>'))), 400);
    assert.ok(control.logLines.some((l) => l.includes('is invalid: unmarshallable')));
    assert.ok(control.logLines.some((l) => l.includes('is invalid: no method name')));
    assert.equal(statusOf(await rawRequest(target, post(GET_STATE, '/RPC2/extra'))), 200);
    const crash = await rawRequest(target, post('<methodCall><methodName>test.crash</methodName></methodCall>'));
    assert.equal(statusOf(crash), 500);
    assert.ok(control.logLines.some((l) => l.startsWith('CRIT Handling XML-RPC request') && l.includes('handler bug')));
    const huge = await rawRequest(target, 'POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n<methodCall>');
    assert.equal(statusOf(huge), 413);
    for (const url of ['/nope', '/logtail/nosuch', '/logtail/cat/stdboth', '/logtail', '/logtail/']) {
      assert.equal(statusOf(await rawRequest(target, `GET ${url} HTTP/1.0\r\n\r\n`)), 404, url);
    }
    assert.equal(statusOf(await rawRequest(target, 'POST /logtail/cat HTTP/1.0\r\nContent-Length: 0\r\n\r\n')), 400);
    // …and after all of that the server still answers.
    const client = createRpcClient({ serverUrl: `unix://${control.socket}` });
    assert.deepEqual(await client.call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    client.close();
  } finally {
    await control.close();
  }
});

test('unix socket: mode 0700 by default, chmod honoured, removed on close', async () => {
  const a = await startFakeControl();
  assert.equal(fs.statSync(a.socket).mode & 0o777, 0o700);
  assert.ok(fs.statSync(a.socket).isSocket());
  assert.deepEqual(fs.readdirSync(a.dir).filter((f) => f.includes('.sock.')), [], 'temporary socket name left behind');
  const socket = a.socket;
  await a.servers.close();
  assert.equal(fs.existsSync(socket), false);
  await a.close();
  const b = await startFakeControl({ chmod: 0o770 });
  try {
    assert.equal(fs.statSync(b.socket).mode & 0o777, 0o770);
  } finally {
    await b.close();
  }
});

test('unix socket: chown applied', { skip: process.getuid?.() !== 0 && 'needs root to chown' }, async () => {
  const control = await startFakeControl({ chown: { uid: 65534, gid: 65534 } });
  try {
    const stat = fs.statSync(control.socket);
    assert.deepEqual([stat.uid, stat.gid], [65534, 65534]);
  } finally {
    await control.close();
  }
});

test('a second server on the same socket is refused and the first keeps working', async () => {
  const first = await startFakeControl();
  try {
    await assert.rejects(startFakeControl({ dir: first.dir }), (err: unknown) => {
      assert.ok(err instanceof ControlServerError);
      assert.equal(err.code, 'EADDRINUSE');
      assert.equal(err.message, ADDRESS_IN_USE_MESSAGE);
      return true;
    });
    const client = createRpcClient({ serverUrl: `unix://${first.socket}` });
    assert.deepEqual(await client.call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    client.close();
  } finally {
    await first.close();
  }
});

test('a stale socket file is unlinked with a message and replaced', { skip: !haveTool(PYTHON) }, async () => {
  const dir = tempDir();
  const socket = path.join(dir, 'supervisor.sock');
  // A socket file whose owner died: bound, never unlinked.
  const made = await runTool(PYTHON, ['-c', 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])', socket]);
  assert.equal(made.code, 0, made.stderr);
  assert.ok(fs.statSync(socket).isSocket());
  const control = await startFakeControl({ dir });
  try {
    assert.equal(control.stderrText(), `Unlinking stale socket ${socket}\n`);
    const client = createRpcClient({ serverUrl: `unix://${socket}` });
    assert.deepEqual(await client.call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    client.close();
  } finally {
    await control.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('CRIT for every server without auth, a loud WARN when it is not on loopback', async () => {
  const local = await startFakeControl();
  try {
    assert.ok(local.logLines.includes("CRIT Server 'unix_http_server' running without any HTTP authentication checking"));
    assert.ok(local.logLines.includes("CRIT Server 'inet_http_server' running without any HTTP authentication checking"));
    assert.equal(local.logLines.filter((l) => l.startsWith('WARN')).length, 0);
  } finally {
    await local.close();
  }
  const exposed = await startFakeControl({ inetHost: '' });
  try {
    assert.ok(exposed.logLines.some((l) => l.startsWith("WARN Server 'inet_http_server' listens on all interfaces") && l.includes('WITHOUT AUTHENTICATION')));
  } finally {
    await exposed.close();
  }
  const locked = await startFakeControl({ auth: { username: 'u', password: 'p' }, inetHost: '' });
  try {
    assert.deepEqual(locked.logLines, []);
  } finally {
    await locked.close();
  }
});

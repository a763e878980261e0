// The web UI at the port's root, side by side with real supervisord 4.2.5 on the same config: the same table
// structure (row classes, state classes, names, hrefs, action slots), the same redirects and messages for every
// action, the same tail page text. Our page looks different on purpose; what scrapers read must not.

import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { startDaemon, type DaemonHandle } from '../helpers/daemon.js';
import { tempDir } from '../helpers/temp-dir.js';

const PROGRAMS = `
[program:cat]
command = /bin/cat

[program:hello]
command = /bin/sh -c 'printf "hello <world> & friends\\n"; exec sleep 1000'
startsecs = 0
stdout_logfile = %(dir)s/hello.out

[program:idle]
command = /bin/sleep 1000
autostart = false

[program:quick]
command = /bin/false
autostart = false
startsecs = 10
startretries = 0

[program:missing]
command = /nonexistent/program
autostart = false

[program:notexec]
command = %(dir)s/notexec.txt
autostart = false

[program:x<b>]
command = /bin/sleep 1000
startsecs = 0

[program:sleeper]
command = /bin/sleep 1000
numprocs = 2
process_name = %(program_name)s_%(process_num)02d
startsecs = 0
`;

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

function web(d: DaemonHandle, method: string, urlPath: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent: false, socketPath: d.socket, method, path: urlPath, headers: { Host: 'localhost', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) {
      req.setHeader('Content-Type', 'application/x-www-form-urlencoded');
      req.setHeader('Content-Length', Buffer.byteLength(body));
    }
    req.end(body);
  });
}

/** One HTTP/1.0 exchange on a fresh connection, everything the server sent (HEAD answers may carry a body). */
function rawExchange(d: DaemonHandle, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(d.socket);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.end(request);
  });
}

const statusLine = (reply: string): string => reply.slice(0, reply.indexOf('\r\n')).replace(/^HTTP\/1\.[01] /, '');

const unescape = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Descriptions carry pids, uptimes and dates that differ between any two runs. */
const normalizeDescription = (s: string): string =>
  s.replace(/pid \d+, uptime \d+:\d\d:\d\d/, 'pid N, uptime T').replace(/^[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M$/, 'DATE');

function attributes(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

/** What a scraper reads from the status page. */
function statusView(html: string): unknown {
  const message = /<div class="(hidden|status_msg)">([\s\S]*?)<\/div>/.exec(html);
  const buttons = [...html.matchAll(/<li class="action-button"><a href="([^"]*)">([^<]*)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
  const rows = [...html.matchAll(/<tr class="(|shade)">([\s\S]*?)<\/tr>/g)].map(([, shade, row]) => {
    const state = /<td class="status"><span class="(\w+)">([^<]*)<\/span><\/td>/.exec(row!);
    const description = /<td><span>([\s\S]*?)<\/span><\/td>/.exec(row!);
    const name = /<td><a ([^>]*)>([^<]*)<\/a><\/td>/.exec(row!);
    const actionCell = row!.slice(row!.indexOf('<td class="action">'));
    const actions = [...actionCell.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map((m) => ({ ...attributes(m[1]!), text: m[2] }));
    return {
      shade,
      state: [state?.[1], state?.[2]],
      description: normalizeDescription(unescape(description?.[1] ?? '?')),
      name: [attributes(name?.[1] ?? ''), unescape(name?.[2] ?? '?')],
      actions,
    };
  });
  return { message: message ? [message[1], unescape(message[2]!)] : null, buttons, rows };
}

/** Status and Location (the timestamp in the message made comparable). */
async function actionResult(d: DaemonHandle, query: string, postBody?: string): Promise<string> {
  const reply = await web(d, postBody === undefined ? 'GET' : 'POST', `/index.html${query}`, postBody);
  const location = String(reply.headers.location ?? '').replace(/(%20at%20)[A-Za-z0-9%]+$/, '$1<ctime>');
  return `${reply.status} ${location}`;
}

function tailView(html: string): unknown {
  return {
    title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
    text: unescape(/<pre>([\s\S]*?)<\/pre>/.exec(html)?.[1] ?? '?'),
    refresh: /<a (href="tail\.html[^"]*")>/.exec(html)?.[1] ?? null,
  };
}

async function startBoth(): Promise<DaemonHandle[]> {
  const started = await Promise.allSettled((['supervisord', 'ours'] as const).map(async (impl) => {
    const dir = tempDir(`webui-${impl}-`);
    writeFileSync(path.join(dir, 'notexec.txt'), 'not a program\n');
    chmodSync(path.join(dir, 'notexec.txt'), 0o644);
    const d = await startDaemon({ programs: PROGRAMS, impl, dir });
    for (const name of ['cat', 'hello', 'x<b>', 'sleeper:sleeper_00', 'sleeper:sleeper_01']) await d.waitForState(name, 'RUNNING');
    return d;
  }));
  const daemons = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(daemons.map((d) => d.stop()));
    throw failed.reason;
  }
  return daemons;
}

test('web UI: the same page, redirects, messages and tail text as supervisord 4.2.5', async () => {
  const daemons = await startBoth();
  const [oracle, ours] = daemons as [DaemonHandle, DaemonHandle];
  const both = async <T>(what: (d: DaemonHandle) => Promise<T>): Promise<[T, T]> => [await what(oracle), await what(ours)];
  try {
    const [theirPage, ourPage] = await both(async (d) => statusView((await web(d, 'GET', '/')).body));
    assert.deepEqual(ourPage, theirPage);
    assert.equal((ourPage as { rows: unknown[] }).rows.length, 9);

    const actions: Array<[string, string?]> = [
      ['?action=refresh'],
      ['?processname=idle&action=start'],
      ['?processname=idle&action=stop'],
      ['?processname=idle&action=stop'],
      ['?processname=cat&action=start'],
      ['?processname=missing&action=start'],
      ['?processname=notexec&action=start'],
      ['?processname=quick&action=start'],
      ['?processname=nosuch&action=start'],
      ['?processname=sleeper%3A%2A&action=stop'],
      ['?processname=x%3Cb%3E&action=clearlog'],
      ['?processname=sleeper%3Asleeper_00&action=restart'],
      ['?processname=cat&action=bogus'],
      ['?action=bogus'],
      ['?action=start'],
      ['', 'action=refresh'],
      ['?processname=nosuch&action=start', 'processname=cat&action=clearlog'],
    ];
    for (const [query, post] of actions) {
      const [theirs, mine] = await both((d) => actionResult(d, query, post));
      assert.equal(mine, theirs, `${query} ${post ?? ''}`);
    }
    assert.equal(await actionResult(ours, '?processname=quick&action=start'), '301 http://localhost/?message=ERROR%3A%20Process%20quick%3A%20spawn%20error');

    for (const d of daemons) await d.waitForState('quick', 'FATAL');
    const [theirsAfter, oursAfter] = await both(async (d) => statusView((await web(d, 'GET', '/?message=Hi%20%3Cb%3E%20%26')).body));
    assert.deepEqual(oursAfter, theirsAfter);
    assert.deepEqual((oursAfter as { message: unknown }).message, ['status_msg', 'Hi <b> &']);

    for (const query of ['?processname=hello', '?processname=hello&limit=5000', '?processname=nosuch', '?processname=missing', '']) {
      const [theirs, mine] = await both(async (d) => tailView((await web(d, 'GET', `/tail.html${query}`)).body));
      assert.deepEqual(mine, theirs, query);
    }
    for (const [method, url] of [['GET', '/ok.html'], ['HEAD', '/'], ['PUT', '/'], ['GET', '//index.html'], ['GET', '/index.html/']] as const) {
      const [theirs, mine] = await both((d) => rawExchange(d, `${method} ${url} HTTP/1.0\r\nHost: localhost\r\n\r\n`));
      assert.equal(statusLine(mine), statusLine(theirs), `${method} ${url}`);
      if (url === '/ok.html') assert.equal(mine.slice(mine.indexOf('\r\n\r\n') + 4), 'OK');
    }

    const [stopTheirs, stopOurs] = await both((d) => actionResult(d, '?action=stopall'));
    assert.equal(stopOurs, stopTheirs);
    assert.equal(stopOurs, '301 http://localhost/?message=All%20stopped%20at%20<ctime>');
    const [restartTheirs, restartOurs] = await both((d) => actionResult(d, '?action=restartall'));
    assert.equal(restartOurs, restartTheirs);
    assert.equal(restartOurs, '301 http://localhost/?message=All%20restarted%20at%20<ctime>');
  } finally {
    await Promise.all(daemons.map((d) => d.stop()));
  }
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function inetGet(port: number, urlPath: string, auth?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = auth === undefined ? {} : { Authorization: `Basic ${Buffer.from(auth).toString('base64')}` };
    const req = http.request({ agent: false, host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test("web UI: behind the server's Basic auth like every other route", async () => {
  const port = await freePort();
  const d = await startDaemon({
    programs: `[inet_http_server]\nport = 127.0.0.1:${port}\nusername = admin\npassword = s3cret\n\n[program:cat]\ncommand = /bin/cat\nstartsecs = 0\n`,
  });
  try {
    await d.waitForState('cat', 'RUNNING');
    for (const url of ['/', '/index.html?action=stopall', '/tail.html?processname=cat', '/ok.html']) {
      const refused = await inetGet(port, url);
      assert.equal(refused.status, 401, url);
      assert.equal(refused.headers['www-authenticate'], 'Basic realm="default"');
      assert.equal((await inetGet(port, url, 'admin:wrong')).status, 401, url);
    }
    assert.equal((await d.info('cat')).statename, 'RUNNING', 'a refused action does nothing');
    const page = await inetGet(port, '/', 'admin:s3cret');
    assert.equal(page.status, 200);
    assert.match(page.body, /<a href="tail\.html\?processname=cat" target="_blank">cat<\/a>/);
    const redirect = await inetGet(port, '/?action=refresh', 'admin:s3cret');
    assert.equal(redirect.status, 301);
    assert.match(String(redirect.headers.location), new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?message=Page%20refreshed%20at%20`));
  } finally {
    await d.stop();
  }
});

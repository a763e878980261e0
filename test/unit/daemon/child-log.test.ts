import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { attachChildOutput, openChannelLog, type ChannelLogOptions } from '../../../src/daemon/child-log.js';
import { spawnChild, type ChildHandle } from '../../../src/daemon/spawner.js';
import { fixturesDir } from '../../helpers/paths.js';
import { exitOf, killGroup, tempDir, waitFor } from './support.js';

const dir = tempDir();
const started: ChildHandle[] = [];
after(() => {
  started.forEach((c) => killGroup(c.pid));
  fs.rmSync(dir, { recursive: true, force: true });
});

const patternWriter = path.join(fixturesDir, 'programs', 'log-pattern.js');

function pattern(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) out[i] = (i * 31 + 7) & 255;
  return out;
}

function channel(name: string, extra: Partial<ChannelLogOptions> = {}) {
  return openChannelLog({
    path: path.join(dir, name),
    maxbytes: 0,
    backups: 0,
    stripAnsi: false,
    syslog: null,
    onError: assert.fail,
    ...extra,
  });
}

function spawn(argv: string[], redirectStderr = false): ChildHandle {
  const child = spawnChild({ file: argv[0] as string, argv, cwd: null, env: {}, uid: null, gid: null, umask: null, redirectStderr, name: 't' });
  started.push(child);
  return child;
}

test('onExit fires only after all 5 MB the child wrote are in the file', async () => {
  const stdout = channel('five.log');
  const child = spawn([process.execPath, patternWriter, String(5 * 1024 * 1024), '4096']);
  attachChildOutput(child, { stdout, stderr: null });
  const exit = await exitOf(child);
  assert.deepEqual(exit, { code: 0, signal: null });
  const written = fs.readFileSync(stdout.path as string);
  assert.equal(written.length, 5 * 1024 * 1024);
  assert.ok(written.equals(pattern(5 * 1024 * 1024)), 'every byte, in order');
  await stdout.close();
});

test('output through rotation: backups plus the current file are the tail of the stream', async () => {
  const stdout = channel('rot.log', { maxbytes: 256 * 1024, backups: 3 });
  const total = 1024 * 1024 + 12345;
  const child = spawn([process.execPath, patternWriter, String(total), '65536']);
  attachChildOutput(child, { stdout, stderr: null });
  await exitOf(child);
  const p = stdout.path as string;
  const files = [`${p}.3`, `${p}.2`, `${p}.1`, p].filter((f) => fs.existsSync(f));
  const kept = Buffer.concat(files.map((f) => fs.readFileSync(f)));
  assert.ok(kept.equals(pattern(total).subarray(total - kept.length)), 'in order, no gap');
  assert.ok(kept.length >= 3 * 256 * 1024, 'three full backups were kept');
  await stdout.close();
});

test('stderr and stdout go to their own files; taps see each chunk (a copy)', async () => {
  const stdout = channel('sep-out.log');
  const stderr = channel('sep-err.log');
  const seen: string[] = [];
  const child = spawn(['/bin/sh', '-c', 'echo one; echo two >&2; echo three']);
  attachChildOutput(child, { stdout, stderr }, { stderr: { onChunk: (c) => seen.push(`err:${c}`) } });
  await exitOf(child);
  assert.equal(fs.readFileSync(stdout.path as string, 'utf8'), 'one\nthree\n');
  assert.equal(fs.readFileSync(stderr.path as string, 'utf8'), 'two\n');
  assert.deepEqual(seen, ['err:two\n']);
});

test('strip_ansi removes escape sequences, also when one is split across writes; taps get the stripped text', async () => {
  const log = channel('ansi.log', { stripAnsi: true });
  const taps: string[] = [];
  const tap = (v: Buffer) => taps.push(v.toString());
  log.write(Buffer.from('\x1b[1;31mred\x1b[0m plain \x1b'), tap);
  log.write(Buffer.from('[32mgreen\x1b'), tap);
  log.write(Buffer.from('[0m\x1bX keep\n'), tap);
  await log.close();
  assert.equal(fs.readFileSync(log.path as string, 'utf8'), 'red plain green\x1bX keep\n');
  assert.deepEqual(taps, ['red plain ', 'green', '\x1bX keep\n']);
});

test('NONE: nothing is written anywhere, taps still see the output', async () => {
  const log = openChannelLog({ path: null, maxbytes: 0, backups: 0, stripAnsi: false, syslog: null, onError: assert.fail });
  const seen: Buffer[] = [];
  assert.equal(log.write(Buffer.from('abc'), (v) => seen.push(Buffer.from(v))), true);
  await log.flush();
  await log.close();
  assert.equal(Buffer.concat(seen).toString(), 'abc');
  assert.equal(log.path, null);
});

test('back-pressure: a stalled FIFO reader pauses the child instead of dropping; all bytes arrive', async () => {
  const fifo = path.join(dir, 'slow.fifo');
  execFileSync('mkfifo', [fifo]);
  const reader = new net.Socket({ fd: fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK), readable: true, writable: false });
  const received: Buffer[] = [];
  reader.on('data', (d) => received.push(d));
  reader.pause();
  const stdout = channel('slow.fifo');
  const total = 6 * 1024 * 1024;
  const child = spawn([process.execPath, patternWriter, String(total), '65536']);
  attachChildOutput(child, { stdout, stderr: null });
  let exited = false;
  const exit = exitOf(child).then((e) => ((exited = true), e));
  const wchan = () => fs.readFileSync(`/proc/${child.pid}/wchan`, 'utf8');
  await waitFor(() => /pipe_write/.test(wchan()), 'the writer to block on its full pipe');
  assert.equal(exited, false, 'the writer waits while the log is behind');
  reader.resume();
  assert.equal((await exit).code, 0);
  await waitFor(() => Buffer.concat(received).length === total, 'the reader to get everything');
  assert.ok(Buffer.concat(received).equals(pattern(total)));
  reader.destroy();
  await stdout.close();
});

test('*_syslog sends every line as "<process name> <line>"', async () => {
  const server = dgram.createSocket('udp4');
  const messages: string[] = [];
  server.on('message', (m) => messages.push(m.toString()));
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const log = openChannelLog({
    path: null,
    maxbytes: 0,
    backups: 0,
    stripAnsi: false,
    syslog: { ident: 'web', server: { host: '127.0.0.1', port } },
    onError: assert.fail,
  });
  log.write(Buffer.from('first line\nsecond line\n'));
  await waitFor(() => messages.length >= 2, 'two syslog messages');
  assert.match(messages[0] as string, /^<14>.* supervisord: web first line$/);
  assert.match(messages[1] as string, /^<14>.* supervisord: web second line$/);
  server.close();
});

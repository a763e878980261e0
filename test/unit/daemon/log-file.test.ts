import assert from 'node:assert/strict';
import { execFileSync, spawn as spawnProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { LogFile, type LogFileOptions } from '../../../src/daemon/log-file.js';
import { spawnChild } from '../../../src/daemon/spawner.js';
import { collect, exitOf, sizes, tempDir, waitFor } from './support.js';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function open(options: Partial<LogFileOptions> & { errors?: string[] } = {}): LogFile {
  const errors = options.errors ?? [];
  return new LogFile({
    path: path.join(dir, `f${counter++}.log`),
    maxbytes: 0,
    backups: 0,
    onError: (m) => errors.push(m),
    ...options,
  });
}

/** Chunk i is 100 bytes of a recognisable line: `chunk 007 ...xxx\n`. */
function chunk(i: number, size = 100): Buffer {
  const head = `chunk ${String(i).padStart(3, '0')} `;
  return Buffer.from(head + 'x'.repeat(size - head.length - 1) + '\n');
}

const read = (p: string): string => fs.readFileSync(p, 'utf8');

test('rotation: 3.5 x maxbytes with backups=2 gives x.log, x.log.1 (newest), x.log.2 and nothing more', async () => {
  const log = open({ maxbytes: 1000, backups: 2 });
  const stream = Array.from({ length: 35 }, (_, i) => chunk(i));
  for (const c of stream) log.write(c);
  await log.close();
  const base = path.basename(log.path);
  assert.deepEqual(sizes(dir, base), { [base]: 500, [`${base}.1`]: 1000, [`${base}.2`]: 1000 });
  const kept = read(`${log.path}.2`) + read(`${log.path}.1`) + read(log.path);
  assert.equal(kept, Buffer.concat(stream.slice(10)).toString(), 'the backups and the current file are the tail of the stream, in order');
});

test('rotation happens at chunk boundaries whether the chunks come in one turn or many', async () => {
  const log = open({ maxbytes: 1000, backups: 3 });
  for (let i = 0; i < 25; i++) {
    log.write(chunk(i));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await log.close();
  const base = path.basename(log.path);
  assert.deepEqual(sizes(dir, base), { [base]: 500, [`${base}.1`]: 1000, [`${base}.2`]: 1000 });
});

test('a file may exceed maxbytes by one write, then it rotates (the check is after each write)', async () => {
  const log = open({ maxbytes: 1000, backups: 1 });
  for (let i = 0; i < 4; i++) log.write(chunk(i, 300));
  log.write(chunk(4, 300));
  await log.close();
  const base = path.basename(log.path);
  assert.deepEqual(sizes(dir, base), { [base]: 300, [`${base}.1`]: 1200 });
});

test('backups=0 truncates in place and keeps no copies', async () => {
  const log = open({ maxbytes: 1000, backups: 0 });
  for (let i = 0; i < 25; i++) log.write(chunk(i));
  await log.close();
  const base = path.basename(log.path);
  assert.deepEqual(sizes(dir, base), { [base]: 500 });
  assert.equal(read(log.path), Buffer.concat(Array.from({ length: 5 }, (_, i) => chunk(20 + i))).toString());
});

test('an existing full file is appended to and rotated after the next write, not at open', async () => {
  const file = path.join(dir, 'existing.log');
  fs.writeFileSync(file, 'y'.repeat(1500));
  const log = new LogFile({ path: file, maxbytes: 1000, backups: 1, onError: assert.fail });
  assert.equal(fs.statSync(file).size, 1500);
  log.write(chunk(0));
  await log.close();
  assert.deepEqual(sizes(dir, 'existing.log'), { 'existing.log': 0, 'existing.log.1': 1600 });
});

test('maxbytes=0 never rotates, and works on /dev/null', async () => {
  const log = open({ maxbytes: 0, backups: 5 });
  for (let i = 0; i < 50; i++) log.write(chunk(i));
  await log.close();
  assert.equal(fs.statSync(log.path).size, 5000);
  const devnull = new LogFile({ path: '/dev/null', maxbytes: 0, backups: 0, onError: assert.fail });
  assert.equal(devnull.write(chunk(1)), true);
  await devnull.close();
});

test('a FIFO gets every byte in order; a slow reader makes write() ask for a pause, then drain', async () => {
  const fifo = path.join(dir, 'reader.fifo');
  execFileSync('mkfifo', [fifo]);
  const fd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  const reader = new net.Socket({ fd, readable: true, writable: false });
  reader.pause();
  const received: Buffer[] = [];
  reader.on('data', (d) => received.push(d));
  const log = new LogFile({ path: fifo, maxbytes: 0, backups: 0, onError: assert.fail });
  const payload = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) & 0xff;
  let paused = false;
  for (let offset = 0; offset < payload.length; offset += 64 * 1024) {
    if (!log.write(payload.subarray(offset, offset + 64 * 1024))) paused = true;
  }
  assert.equal(paused, true, 'write() returned false while the reader was not reading');
  const drained = new Promise((resolve) => log.once('drain', resolve));
  reader.resume();
  await drained;
  await log.close();
  await waitFor(() => Buffer.concat(received).length === payload.length, 'the reader to get everything');
  assert.ok(Buffer.concat(received).equals(payload));
  reader.destroy();
});

test('an unwritable path is reported once, nothing throws, and writing resumes when it works', async () => {
  const errors: string[] = [];
  const recovered: string[] = [];
  const file = path.join(dir, 'later', 'x.log');
  const log = new LogFile({ path: file, maxbytes: 0, backups: 0, onError: (m) => errors.push(m), onRecover: (m) => recovered.push(m) });
  for (let i = 0; i < 100; i++) assert.equal(log.write(chunk(i)), true);
  assert.equal(errors.length, 1);
  assert.match(errors[0] as string, /^cannot open log file .*later\/x\.log: ENOENT.*; output is discarded until it works again$/);
  fs.mkdirSync(path.dirname(file));
  await waitFor(() => {
    log.write(Buffer.from('back\n'));
    return recovered.length > 0;
  }, 'the open to be retried');
  await log.close();
  assert.match(read(file), /^(back\n)+$/);
  assert.equal(errors.length, 1);
});

test('a full disk (/dev/full) gives one error per episode, not one per chunk', async () => {
  const errors: string[] = [];
  const log = new LogFile({ path: '/dev/full', maxbytes: 0, backups: 0, onError: (m) => errors.push(m) });
  for (let i = 0; i < 20; i++) {
    log.write(chunk(i));
    log.write(Buffer.alloc(32 * 1024));
    await new Promise((resolve) => setImmediate(resolve));
  }
  await log.close();
  assert.equal(errors.length, 1);
  assert.match(errors[0] as string, /^cannot write log file \/dev\/full: ENOSPC/);
});

test('reopen after an external mv (logrotate): old data stays in the moved file, new data in a new one', async () => {
  const log = open();
  log.write(Buffer.from('a\n'));
  await log.flush();
  fs.renameSync(log.path, `${log.path}.old`);
  log.write(Buffer.from('b\n'));
  await log.reopen();
  log.write(Buffer.from('c\n'));
  await log.close();
  assert.equal(read(`${log.path}.old`), 'a\nb\n');
  assert.equal(read(log.path), 'c\n');
});

test('clear deletes the file and starts an empty one; rotated copies stay', async () => {
  const log = open({ maxbytes: 150, backups: 1 });
  log.write(chunk(0));
  log.write(chunk(1));
  log.write(chunk(2));
  await log.flush();
  assert.equal(fs.statSync(log.path).size, 100);
  await log.clear();
  assert.equal(fs.statSync(log.path).size, 0);
  assert.equal(read(`${log.path}.1`), chunk(0).toString() + chunk(1).toString());
  log.write(Buffer.from('after\n'));
  await log.close();
  assert.equal(read(log.path), 'after\n');
});

test("'append' fires after bytes reach the file (for tail -f), once per batch", async () => {
  const log = open();
  let appends = 0;
  log.on('append', () => appends++);
  for (let i = 0; i < 10; i++) log.write(chunk(i));
  assert.equal(appends, 0, 'small chunks wait for the end of the turn');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(appends, 1);
  assert.equal(fs.statSync(log.path).size, 1000);
  await log.close();
});

/** Runs a LogFile in a child whose stdout is `kind` (a real pipe, or a socketpair as Node makes them). */
async function writeThroughStdout(target: string, kind: 'pipe' | 'socket'): Promise<string> {
  const moduleUrl = new URL('../../../src/daemon/log-file.js', import.meta.url).href;
  const script = `
    import { LogFile } from ${JSON.stringify(moduleUrl)};
    const log = new LogFile({ path: process.argv[1], maxbytes: 0, backups: 0, onError: (m) => { console.error(m); process.exit(3); } });
    for (let i = 0; i < 2000; i++) log.write(Buffer.from(i + '\\n'));
    await log.close();`;
  const argv = [process.execPath, '--input-type=module', '-e', script, target];
  if (kind === 'socket') {
    const child = spawnProcess(argv[0] as string, argv.slice(1), { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    await new Promise((resolve) => child.on('close', resolve));
    assert.equal(child.exitCode, 0);
    return out;
  }
  const child = spawnChild({ file: argv[0] as string, argv, cwd: null, env: {}, uid: null, gid: null, umask: null, redirectStderr: false });
  const out = collect(child.stdout);
  collect(child.stderr!);
  assert.equal((await exitOf(child)).code, 0);
  return out();
}

const numbers = Array.from({ length: 2000 }, (_, i) => `${i}\n`).join('');

test('maxbytes=0 on /dev/stdout and /dev/fd/1 when stdout is a pipe (containers): every line, in order', async () => {
  assert.equal(await writeThroughStdout('/dev/stdout', 'pipe'), numbers);
  assert.equal(await writeThroughStdout('/dev/fd/1', 'pipe'), numbers);
});

test('/dev/stdout that is a socket (systemd journal, a Node parent) cannot be opened: fd 1 is used as is', async () => {
  assert.equal(await writeThroughStdout('/dev/stdout', 'socket'), numbers);
});

/** Whether this process holds an fd on the file right now. */
function heldOpen(file: string): boolean {
  return fs.readdirSync('/proc/self/fd').some((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  });
}

test('openOnFirstWrite: the file is created at once but held open only from the first write', async () => {
  const log = open({ openOnFirstWrite: true, maxbytes: 250, backups: 1 });
  assert.equal(fs.existsSync(log.path), true);
  assert.equal(heldOpen(log.path), false);
  log.write(chunk(0));
  assert.equal(heldOpen(log.path), true);
  for (let i = 1; i < 4; i++) log.write(chunk(i));
  await log.close();
  // Rotation counts from the real size once opened: 4 chunks of 100 with maxbytes 250 → one rotation.
  assert.equal(read(`${log.path}.1`), [0, 1, 2].map((i) => chunk(i).toString()).join(''));
  assert.equal(read(log.path), chunk(3).toString());
});

test('openOnFirstWrite: an existing file is appended to, and reopen/clear leave a file that is not held open', async () => {
  const file = path.join(dir, `existing${counter++}.log`);
  fs.writeFileSync(file, 'before\n');
  const log = new LogFile({ path: file, maxbytes: 0, backups: 0, onError: assert.fail, openOnFirstWrite: true });
  log.write(Buffer.from('after\n'));
  await log.flush();
  assert.equal(read(file), 'before\nafter\n');
  fs.renameSync(file, `${file}.old`);
  await log.reopen();
  assert.equal(fs.existsSync(file), true);
  assert.equal(heldOpen(file), false);
  await log.clear();
  assert.equal(read(file), '');
  log.write(Buffer.from('new\n'));
  await log.close();
  assert.equal(read(file), 'new\n');
});

test('openOnFirstWrite: an unusable path is still reported when the log is set up, not at the first write', () => {
  for (const [file, code] of [
    [path.join(dir, 'missing-dir', 'x.log'), 'ENOENT'],
    [dir, 'EISDIR'],
  ] as const) {
    const errors: string[] = [];
    const log = new LogFile({ path: file, maxbytes: 0, backups: 0, onError: (m) => errors.push(m), openOnFirstWrite: true });
    assert.equal(errors.length, 1, file);
    assert.match(errors[0] as string, new RegExp(`^cannot open log file .*: ${code}`));
    void log.close();
  }
});

test('create: nothing is made before the first write, which lands in the file create() returned', async () => {
  const planned = path.join(dir, `planned${counter++}.log`);
  const real = path.join(dir, `real${counter++}.log`);
  let calls = 0;
  const create = () => {
    calls++;
    fs.writeFileSync(real, '', { flag: 'wx' });
    return real;
  };
  const log = new LogFile({ path: planned, maxbytes: 0, backups: 0, onError: assert.fail, openOnFirstWrite: true }, create);
  assert.equal(log.path, planned);
  assert.equal(fs.existsSync(real), false);
  log.write(Buffer.from('first\n'));
  log.write(Buffer.from('second\n'));
  assert.equal(log.path, real);
  await log.close();
  assert.equal(calls, 1);
  assert.equal(read(real), 'first\nsecond\n');
  assert.equal(fs.existsSync(planned), false);
});

test('create: materialize() and close() make the file without any write; a failing create is reported once', async () => {
  const file = path.join(dir, `quiet${counter++}.log`);
  const quiet = new LogFile({ path: file, maxbytes: 0, backups: 0, onError: assert.fail, openOnFirstWrite: true }, () => (fs.writeFileSync(file, ''), file));
  quiet.materialize();
  assert.equal(fs.existsSync(file), true);
  assert.equal(heldOpen(file), false);
  await quiet.close();

  const never = path.join(dir, `never${counter++}.log`);
  const atClose = new LogFile({ path: never, maxbytes: 0, backups: 0, onError: assert.fail, openOnFirstWrite: true }, () => (fs.writeFileSync(never, ''), never));
  await atClose.close();
  assert.equal(fs.existsSync(never), true);

  const errors: string[] = [];
  const failing = new LogFile({ path: path.join(dir, 'nowhere', 'x.log'), maxbytes: 0, backups: 0, onError: (m) => errors.push(m), openOnFirstWrite: true }, () => {
    throw Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
  });
  assert.equal(errors.length, 0, 'nothing is checked before the file is needed');
  failing.write(Buffer.from('lost\n'));
  failing.write(Buffer.from('lost too\n'));
  assert.equal(errors.length, 1);
  assert.match(errors[0] as string, /^cannot create log file .*nowhere\/x\.log: ENOENT/);
  await failing.close();
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { createMainLog, formatTimestamp } from '../../../src/daemon/main-log.js';
import { sizes, tempDir, waitFor } from './support.js';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (CRIT|ERRO|WARN|INFO|DEBG|TRAC|BLAT) /;

test('lines are "YYYY-MM-DD HH:MM:SS,mmm LEVL message", one per call, in order', async () => {
  const file = path.join(dir, 'format.log');
  const log = createMainLog({ path: file, level: 'blather', maxbytes: 0, backups: 0, echoToStdout: false });
  log.crit('c');
  log.error('e');
  log.warn('w');
  log.info("spawned: 'ga' with pid 19050");
  log.debug('d');
  log.trace('t');
  log.blather('b');
  await log.close();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(
    lines.map((l) => l.replace(LINE, '$1 ')),
    ['CRIT c', 'ERRO e', 'WARN w', "INFO spawned: 'ga' with pid 19050", 'DEBG d', 'TRAC t', 'BLAT b'],
  );
  for (const line of lines) assert.match(line, LINE);
});

test('level filtering: only messages at or above the configured level', async () => {
  const file = path.join(dir, 'level.log');
  const log = createMainLog({ path: file, level: 'warn', maxbytes: 0, backups: 0, echoToStdout: false });
  assert.equal(log.isEnabled('warn'), true);
  assert.equal(log.isEnabled('info'), false);
  assert.equal(log.isEnabled('critical'), true);
  log.info('hidden');
  log.debug('hidden');
  log.warn('shown');
  log.crit('shown too');
  await log.close();
  const text = fs.readFileSync(file, 'utf8');
  assert.doesNotMatch(text, /hidden/);
  assert.equal(text.split('\n').length, 3);
});

test('a message with newlines is written as is (continuation lines have no prefix); the file is appended to', async () => {
  const file = path.join(dir, 'multi.log');
  fs.writeFileSync(file, 'earlier run\n');
  const log = createMainLog({ path: file, level: 'debug', maxbytes: 0, backups: 0, echoToStdout: false });
  log.debug("'cat' stdout output:\nline one\nline two");
  await log.close();
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.equal(lines[0], 'earlier run');
  assert.match(lines[1] as string, /^\S+ \S+ DEBG 'cat' stdout output:$/);
  assert.deepEqual(lines.slice(2), ['line one', 'line two', '']);
});

test('the timestamp is local time with milliseconds truncated to three digits', () => {
  const when = new Date(2026, 10, 21, 15, 59, 44, 820);
  assert.equal(formatTimestamp(when.getTime()), '2026-11-21 15:59:44,820');
  assert.equal(formatTimestamp(when.getTime() + 185), '2026-11-21 15:59:45,005');
  assert.equal(formatTimestamp(new Date(2027, 0, 2, 3, 4, 5, 0).getTime()), '2027-01-02 03:04:05,000');
});

test('logfile_maxbytes rotates the main log like a child log; clear starts an empty file', async () => {
  const file = path.join(dir, 'rot.log');
  const log = createMainLog({ path: file, level: 'info', maxbytes: 200, backups: 2, echoToStdout: false });
  for (let i = 0; i < 20; i++) log.info(`message number ${i} ${'.'.repeat(20)}`);
  const names = Object.keys(sizes(dir, 'rot.log'));
  assert.deepEqual(names, ['rot.log', 'rot.log.1', 'rot.log.2']);
  assert.match(fs.readFileSync(`${file}.1`, 'utf8'), /message number 1[0-9]/);
  await log.clear();
  assert.equal(fs.statSync(file).size, 0);
  log.info('fresh');
  await log.close();
  assert.match(fs.readFileSync(file, 'utf8'), /INFO fresh\n$/);
});

test('an unwritable main log does not throw; the problem is reported once', async () => {
  const problems: string[] = [];
  const log = createMainLog({
    path: path.join(dir, 'no', 'such', 'dir.log'),
    level: 'info',
    maxbytes: 0,
    backups: 0,
    echoToStdout: false,
    onError: (m) => problems.push(m),
  });
  log.info('a');
  log.info('b');
  await log.close();
  assert.equal(problems.length, 1);
});

test('logfile=syslog sends each line of a message with the time and level prefix', async () => {
  const server = dgram.createSocket('udp4');
  const messages: string[] = [];
  server.on('message', (m) => messages.push(m.toString()));
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  const log = createMainLog({
    path: 'syslog',
    level: 'info',
    maxbytes: 0,
    backups: 0,
    echoToStdout: false,
    syslog: { server: { host: '127.0.0.1', port: server.address().port } },
  });
  assert.equal(log.path, null);
  log.info('two\nlines');
  await waitFor(() => messages.length >= 2, 'two syslog messages');
  assert.match(messages[0] as string, / supervisord: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO two$/);
  assert.match(messages[1] as string, / supervisord: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO lines$/);
  await log.close();
  server.close();
});

test('the foreground copy on stdout: a turn\'s lines in one write, in order, and still there when that turn exits', () => {
  const mainLog = new URL('../../../src/daemon/main-log.js', import.meta.url).href;
  const run = (body: string) =>
    spawnSync(process.execPath, ['--input-type=module', '-e', `import { createMainLog } from ${JSON.stringify(mainLog)};
const log = createMainLog({ path: ${JSON.stringify(path.join(dir, 'echo.log'))}, level: 'info', maxbytes: 0, backups: 0, echoToStdout: true });
${body}`], { encoding: 'utf8' });
  const burst = run(`for (let i = 0; i < 300; i++) log.info('spawned ' + i);
process.stdout.write('same turn\\n');
setImmediate(() => { log.warn('next turn'); setImmediate(() => log.close()); });`);
  assert.equal(burst.status, 0, burst.stderr);
  const lines = burst.stdout.split('\n').filter(Boolean);
  assert.equal(lines[0], 'same turn', 'the burst is written at the end of its turn');
  assert.deepEqual(lines.slice(1, 301).map((l) => l.replace(LINE, '')), Array.from({ length: 300 }, (_, i) => `spawned ${i}`));
  assert.match(lines[301] ?? '', /WARN next turn$/);
  assert.equal(lines.length, 302);
  const fatal = run(`log.crit('about to exit'); process.exit(2);`);
  assert.equal(fatal.status, 2);
  assert.match(fatal.stdout, /^\S+ \S+ CRIT about to exit\n$/);
});

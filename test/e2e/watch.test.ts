// Restart on change (`watch=`) and `watch_config`, end to end: a real tssupervisord, real children, real
// files. Every wait ends on a condition; "nothing happened" is proven by a later positive marker.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDaemon, type DaemonHandle, type StartOptions } from '../helpers/daemon.js';

/** A temp dir with the given subdirectories, for startDaemon({ dir }). */
function workDir(...subdirs: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tss-watch-'));
  for (const sub of subdirs) mkdirSync(path.join(dir, sub), { recursive: true });
  return dir;
}

/** Runs a test body against a daemon in `dir`, then stops it and removes the dir, whatever happened. */
async function withDaemon(dir: string, options: Omit<StartOptions, 'dir'>, body: (d: DaemonHandle) => Promise<void>): Promise<void> {
  let d: DaemonHandle | undefined;
  try {
    d = await startDaemon({ dir, ...options });
    await body(d);
  } finally {
    await d?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const logLines = (d: DaemonHandle, text: string): string[] =>
  d.mainLog().split('\n').filter((l) => l.includes(text));

const watching = (d: DaemonHandle, label: string) =>
  d.waitFor(`the watch of ${label}`, async () => logLines(d, `watch: watching for ${label}:`).length > 0);

/** Waits for the nth log line containing text, and returns all of them. */
const nthLine = (d: DaemonHandle, text: string, n: number) =>
  d.waitFor(`${n} × "${text}"`, async () => {
    const lines = logLines(d, text);
    return lines.length >= n ? lines : undefined;
  });

const newPid = (d: DaemonHandle, name: string, old: number) =>
  d.waitFor(`${name} RUNNING with a pid other than ${old}`, async () => {
    const info = await d.info(name);
    return info.statename === 'RUNNING' && info.pid !== old ? info : undefined;
  });

test('a burst of 20 saved files restarts the program once, and the log names the first file and the rest', async () => {
  const dir = workDir('app/src');
  await withDaemon(dir, {
    programs: `
[program:web]
command = sleep 1000
directory = %(dir)s/app
startsecs = 0
watch = src
watch_delay = 300
`,
  }, async (d) => {
    const first = await d.waitForState('web', 'RUNNING');
    await watching(d, 'web');
    for (let i = 0; i < 20; i++) writeFileSync(path.join(dir, 'app/src', `m${String(i).padStart(2, '0')}.py`), `x = ${i}\n`);
    const second = await newPid(d, 'web', first.pid);
    // The marker: a later, separate change gives exactly one more restart; a split burst would show two.
    writeFileSync(path.join(dir, 'app/src', 'marker.py'), 'y = 1\n');
    await newPid(d, 'web', second.pid);
    const restarts = await nthLine(d, 'watch: restarting web:', 2);
    assert.equal(restarts.length, 2, restarts.join('\n'));
    assert.match(restarts[0] ?? '', /INFO watch: restarting web: src\/m\d\d\.py changed \(and 19 more\)$/);
    assert.match(restarts[1] ?? '', /INFO watch: restarting web: src\/marker\.py changed$/);
    assert.equal(logLines(d, "spawned: 'web'").length, 3);
  });
});

test('watch_signal = HUP sends the signal instead of restarting', async () => {
  const dir = workDir('conf');
  await withDaemon(dir, {
    programs: `
[program:reloader]
command = /bin/sh -c 'trap "echo got-HUP" HUP; echo ready; while :; do sleep 0.1; done'
startsecs = 0
watch = %(dir)s/conf
watch_signal = HUP
watch_delay = 100
stdout_logfile = %(dir)s/reloader.out
`,
  }, async (d) => {
    const before = await d.waitForState('reloader', 'RUNNING');
    await d.waitFor('ready', async () => readFileSync(`${dir}/reloader.out`, 'utf8').includes('ready'));
    await watching(d, 'reloader');
    writeFileSync(path.join(dir, 'conf', 'app.ini'), 'debug = true\n');
    await d.waitFor('the program to get HUP', async () => readFileSync(`${dir}/reloader.out`, 'utf8').includes('got-HUP'));
    const after = await d.info('reloader');
    assert.equal(after.pid, before.pid, 'not restarted');
    assert.equal(after.statename, 'RUNNING');
    assert.equal(logLines(d, `watch: sent SIGHUP to reloader: ${dir}/conf/app.ini changed`).length, 1, d.mainLog());
    assert.deepEqual(logLines(d, 'stopped: reloader'), []);
  });
});

test('ignored paths (node_modules, editor swap files, watch_ignore) trigger nothing', async () => {
  const dir = workDir('app/src', 'app/node_modules/lib', 'app/src/__pycache__');
  await withDaemon(dir, {
    programs: `
[program:web]
command = sleep 1000
directory = %(dir)s/app
startsecs = 0
watch = .
watch_ignore = *.log
watch_delay = 200
`,
  }, async (d) => {
    const first = await d.waitForState('web', 'RUNNING');
    await watching(d, 'web');
    for (const ignored of ['node_modules/lib/x.js', 'src/.app.py.swp', 'src/app.py~', 'src/__pycache__/app.cpython-311.pyc', 'src/4913', 'server.log']) {
      writeFileSync(path.join(dir, 'app', ignored), 'noise\n');
    }
    // The marker: a watched file. Had any ignored one counted, it would be named first or counted.
    writeFileSync(path.join(dir, 'app/src/app.py'), 'print(1)\n');
    await newPid(d, 'web', first.pid);
    const restarts = await nthLine(d, 'watch: restarting web:', 1);
    assert.deepEqual(restarts.map((l) => l.slice(24)), ['INFO watch: restarting web: src/app.py changed']);
  });
});

test('a FATAL program gets one fresh start per change; a program stopped by request stays stopped', async () => {
  const dir = workDir('src');
  await withDaemon(dir, {
    programs: `
[program:needsfix]
command = /bin/sh -c 'test -f %(dir)s/src/fixed || exit 1; exec sleep 1000'
startsecs = 0
startretries = 0
autorestart = false
watch = %(dir)s/src
watch_delay = 100

[program:parked]
command = sleep 1000
startsecs = 0
watch = %(dir)s/src
watch_delay = 100
`,
  }, async (d) => {
    await d.waitForState('needsfix', ['EXITED', 'FATAL']);
    await d.waitForState('parked', 'RUNNING');
    await d.call('supervisor.stopProcess', 'parked');
    await watching(d, 'needsfix');
    await watching(d, 'parked');
    writeFileSync(path.join(dir, 'src/fixed'), '');
    await d.waitForState('needsfix', 'RUNNING');
    assert.equal(logLines(d, 'watch: starting needsfix (it was ').length, 1, d.mainLog());
    await nthLine(d, 'watch: parked: ', 1);
    assert.match(logLines(d, 'watch: parked: ')[0] ?? '', /DEBG watch: parked: .*src\/fixed changed; nothing to do in state STOPPED$/);
    assert.equal((await d.info('parked')).statename, 'STOPPED');
  });
});

test('a numprocs pool restarts one process at a time', async () => {
  const dir = workDir('src');
  await withDaemon(dir, {
    programs: `
[program:pool]
command = sleep 1000
process_name = %(program_name)s_%(process_num)d
numprocs = 2
startsecs = 0
watch = %(dir)s/src
watch_delay = 100
`,
  }, async (d) => {
    const a = await d.waitForState('pool:pool_0', 'RUNNING');
    const b = await d.waitForState('pool:pool_1', 'RUNNING');
    await watching(d, 'pool');
    writeFileSync(path.join(dir, 'src/x.py'), '');
    await newPid(d, 'pool:pool_0', a.pid);
    await newPid(d, 'pool:pool_1', b.pid);
    const lines = d.mainLog().split('\n').filter((l) => /watch: restarting|spawned: 'pool_|stopped: pool_/.test(l)).map((l) => l.slice(24));
    // Logged in order: the second is only touched once the first runs again.
    assert.deepEqual(lines.slice(2).map((l) => l.replace(/ with pid \d+| \(terminated by SIGTERM\)|: \/.*x\.py changed$/g, '')), [
      'INFO watch: restarting pool:pool_0',
      'WARN stopped: pool_0',
      "INFO spawned: 'pool_0'",
      'INFO watch: restarting pool:pool_1',
      'WARN stopped: pool_1',
      "INFO spawned: 'pool_1'",
    ]);
  });
});

test('watch_config: a [program:new] appended to an included file is added and started', async () => {
  const dir = workDir('conf.d');
  writeFileSync(path.join(dir, 'conf.d/base.conf'), '[program:old]\ncommand = sleep 1000\nstartsecs = 0\n');
  await withDaemon(dir, {
    supervisordExtra: 'watch_config = true\n',
    programs: `
[include]
files = conf.d/*.conf
`,
  }, async (d) => {
    await d.waitForState('old', 'RUNNING');
    await d.waitFor('the config watch', async () => logLines(d, 'watch_config: watching supervisord.conf conf.d/base.conf').length > 0);
    appendFileSync(path.join(dir, 'conf.d/base.conf'), '\n[program:new]\ncommand = sleep 1000\nstartsecs = 0\n');
    await d.waitForState('new', 'RUNNING');
    assert.deepEqual(logLines(d, 'watch_config:').slice(1).map((l) => l.slice(24)), ['INFO watch_config: conf.d/base.conf changed: adding new']);
    assert.equal((await d.info('old')).statename, 'RUNNING', 'an unchanged group is left alone');
    // A new file in the include folder counts too, and a broken edit changes nothing but says why.
    writeFileSync(path.join(dir, 'conf.d/more.conf'), '[program:more]\ncommand = sleep 1000\nstartsecs = nope\n');
    await nthLine(d, 'ERRO watch_config: conf.d/more.conf changed, but the config has errors; nothing applied:', 1);
    await nthLine(d, 'ERRO watch_config: conf.d/more.conf:3 [program:more] startsecs: expected an integer, got "nope"', 1);
    writeFileSync(path.join(dir, 'conf.d/more.conf'), '[program:more]\ncommand = sleep 1000\nstartsecs = 0\n');
    await d.waitForState('more', 'RUNNING');
  });
});

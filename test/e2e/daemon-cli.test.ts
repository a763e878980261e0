// tssupervisord as a command: usage, --check, broken configs, daemonizing, a second daemon, signals.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { binDir } from '../helpers/paths.js';
import { daemonPreamble, startDaemon, isAlive } from '../helpers/daemon.js';
import { createRpcClient } from '../../src/rpc/client.js';
import { tempDir } from '../helpers/temp-dir.js';

const daemon = path.join(binDir, 'tssupervisord');
const run = (args: string[], cwd?: string) =>
  spawnSync(process.execPath, [daemon, ...args], { encoding: 'utf8', cwd, timeout: 30_000 });

function tempConf(body: string): { dir: string; conf: string } {
  const dir = tempDir('tss-cli-');
  const conf = path.join(dir, 'supervisord.conf');
  writeFileSync(conf, daemonPreamble(dir) + body);
  return { dir, conf };
}

test('-h prints the usage, -v the version, a bad option is a usage error (exit 2)', () => {
  const help = run(['-h']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /supervisord -- run a set of applications as daemons\./);
  assert.match(help.stdout, /-l\/--logfile FILENAME -- use FILENAME as logfile path/);
  const version = run(['-v']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const bad = run(['-x']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^Error: option -x not recognized\nFor help, use tssupervisord -h\n$/);
  const positional = run(['foo']);
  assert.equal(positional.status, 2);
  assert.match(positional.stderr, /Error: positional arguments are not supported: \['foo'\]/);
});

test('a broken config stops the daemon before anything runs: one file:line line per problem, exit 2', () => {
  const { dir, conf } = tempConf(`
[program:web]
command = /bin/sh -c 'touch ${'%(here)s'}/should-not-exist'
startsecs = abc
autorestart = sometimes
`);
  const r = run(['-n', '-c', conf]);
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.ok(lines.some((l) => l.includes(`${conf}:`) && l.includes('[program:web] startsecs')), r.stderr);
  assert.ok(lines.some((l) => l.includes('[program:web] autorestart')), r.stderr);
  assert.equal(existsSync(path.join(dir, 'should-not-exist')), false);
  assert.equal(existsSync(path.join(dir, 'supervisor.sock')), false);
});

test('--check prints the resolved processes and exits 0, or 2 for a broken config; it starts nothing', () => {
  const ok = tempConf('[program:web]\ncommand = /bin/sleep 100\nnumprocs = 2\nprocess_name = web_%(process_num)d\n');
  const good = run(['-c', ok.conf, '--check']);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /web_0/);
  assert.match(good.stdout, /web_1/);
  assert.equal(existsSync(path.join(ok.dir, 'supervisord.pid')), false);
  const broken = tempConf('[program:web]\ncommand = /bin/sleep 100\nstartretries = many\n');
  const bad = run(['-c', broken.conf, '--check']);
  assert.equal(bad.status, 2);
  assert.match(bad.stdout + bad.stderr, /startretries/);
});

test('without -n the command returns once the daemon is up; the pidfile holds the daemon pid', async () => {
  const { dir, conf } = tempConf('[program:sleeper]\ncommand = sleep 1000\nstartsecs = 0\n');
  const r = run(['-c', conf], dir);
  assert.equal(r.status, 0, r.stderr);
  const pid = Number(readFileSync(path.join(dir, 'supervisord.pid'), 'utf8'));
  assert.ok(isAlive(pid));
  const rpc = createRpcClient({ serverUrl: `unix://${dir}/supervisor.sock` });
  try {
    assert.equal(await rpc.call('supervisor.getPID'), pid);
    // A second daemon on the same socket refuses to start, and says why.
    const second = run(['-n', '-c', conf], dir);
    assert.equal(second.status, 2);
    assert.match(second.stderr, /Another program is already listening/);
    assert.equal(await rpc.call('supervisor.shutdown'), true);
  } finally {
    rpc.close();
  }
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
  assert.equal(isAlive(pid), false);
  assert.equal(existsSync(path.join(dir, 'supervisord.pid')), false, 'pidfile removed at exit');
  assert.equal(existsSync(path.join(dir, 'supervisor.sock')), false, 'socket removed at exit');
});

test('SIGHUP restarts every program in the same daemon process; SIGUSR2 reopens the logs', async () => {
  const d = await startDaemon({ programs: '[program:a]\ncommand = sleep 1000\nstartsecs = 0\nstdout_logfile = %(dir)s/a.log\n' });
  try {
    const before = await d.waitForState('a', 'RUNNING');
    process.kill(d.child.pid!, 'SIGHUP');
    const after = await d.waitFor('a restarted', async () => {
      const info = await d.info('a');
      return info.statename === 'RUNNING' && info.pid !== before.pid ? info : undefined;
    });
    assert.notEqual(after.pid, before.pid);
    assert.equal(await d.call('supervisor.getPID'), d.child.pid);
    assert.match(d.mainLog(), /WARN received SIGHUP indicating restart request/);
    renameSync(path.join(d.dir, 'supervisord.log'), path.join(d.dir, 'supervisord.log.old'));
    process.kill(d.child.pid!, 'SIGUSR2');
    await d.waitFor('a fresh main log', async () => d.mainLog().includes('supervisord logreopen'));
  } finally {
    await d.stop();
  }
});

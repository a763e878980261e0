// The process lifecycle end to end: a real tssupervisord, real children, the real socket.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, constants as fsConstants, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { CI_SLACK, startDaemon, isAlive, type DaemonHandle } from '../helpers/daemon.js';
import { tempDir } from '../helpers/temp-dir.js';

const spawnCount = (d: DaemonHandle, name: string) =>
  d.mainLog().split('\n').filter((l) => l.includes(`spawned: '${name}' with pid`)).length;

test('autostart, RUNNING after startsecs, environment, logs, orderly shutdown leaves nothing behind', async () => {
  const d = await startDaemon({
    programs: `
[program:env]
command = /bin/sh -c 'echo "$SUPERVISOR_ENABLED $SUPERVISOR_PROCESS_NAME $SUPERVISOR_GROUP_NAME $SUPERVISOR_SERVER_URL $GREETING"; exec sleep 1000'
startsecs = 0
environment = GREETING="hi there"
stdout_logfile = %(dir)s/env.out

[program:tree]
command = /bin/sh -c 'sleep 1000 & sleep 1000 & wait'
startsecs = 0
stopasgroup = true
`,
  });
  try {
    const env = await d.waitForState('env', 'RUNNING');
    const tree = await d.waitForState('tree', 'RUNNING');
    await d.waitFor('env output', async () => readFileSync(`${d.dir}/env.out`, 'utf8').includes('hi there'));
    assert.equal(readFileSync(`${d.dir}/env.out`, 'utf8'), `1 env env unix://${d.socket} hi there\n`);
    assert.match(d.mainLog(), new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO spawned: 'env' with pid ${env.pid}$`, 'm'));
    assert.match(d.mainLog(), /INFO success: env entered RUNNING state, process has stayed up for > than 0 seconds \(startsecs\)/);
    const pgid = readFileSync(`/proc/${tree.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2];
    assert.equal(Number(pgid), tree.pid, 'each child leads its own process group');
    const grandchildren = readFileSync(`/proc/${tree.pid}/task/${tree.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    assert.equal(grandchildren.length, 2);
    await d.stop();
    for (const pid of [env.pid, tree.pid, ...grandchildren]) assert.equal(isAlive(pid), false, `pid ${pid} outlived the daemon`);
  } finally {
    await d.stop();
  }
});

test('AUTO logs: made after the autostart burst without being asked for; output from before lands in them', async () => {
  const d = await startDaemon({
    programs: `
[program:quiet]
command = sleep 1000
startsecs = 0

[program:early]
command = /bin/sh -c 'echo early; echo oops >&2; exec sleep 1000'
startsecs = 0
`,
  });
  try {
    // Nothing has asked for a path yet (the helper only called getState): the daemon made them on its own.
    const autoLogs = () => readdirSync(d.dir).filter((f) => /^(quiet|early)-std(out|err)---supervisor-[a-z0-9_]{8}\.log$/.test(f));
    await d.waitFor('4 AUTO log files', async () => autoLogs().length === 4);
    const early = await d.waitForState('early', 'RUNNING');
    await d.waitFor('early output', async () => readFileSync(early.stdout_logfile, 'utf8') === 'early\n');
    assert.equal(readFileSync(early.stderr_logfile, 'utf8'), 'oops\n');
    const quiet = await d.info('quiet');
    assert.deepEqual(autoLogs().map((f) => `${d.dir}/${f}`).sort(), [early.stdout_logfile, early.stderr_logfile, quiet.stdout_logfile, quiet.stderr_logfile].sort());
    assert.equal(statSync(quiet.stdout_logfile).mode & 0o777, 0o600);
  } finally {
    await d.stop();
  }
});

test('a child that dies inside startsecs is a failed start even when logging its output takes longer', async () => {
  // Its stdout log is a FIFO whose reader reads nothing: the last output cannot be logged, and its exit is
  // reported only after the flush limit (5 s), well past startsecs. Decided as of the reap: FATAL, one spawn.
  const dir = tempDir('tss-');
  const fifo = `${dir}/stuck.fifo`;
  execFileSync('mkfifo', [fifo]);
  const reader = openSync(fifo, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  const d = await startDaemon({
    dir,
    programs: `
[program:burst]
command = /bin/sh -c 'head -c 200000 /dev/zero; exit 3'
stdout_logfile = ${fifo}
startsecs = 1
startretries = 0
`,
  });
  try {
    const info = await d.waitForState('burst', 'FATAL', 20_000 * CI_SLACK);
    assert.equal(info.spawnerr, 'Exited too quickly (process log may have details)');
    assert.equal(spawnCount(d, 'burst'), 1);
    assert.doesNotMatch(d.mainLog(), /success: burst entered RUNNING/);
  } finally {
    closeSync(reader);
    await d.stop();
  }
});

test('a too-quick exit is BACKOFF even with code 0; retries then FATAL after startretries+1 spawns', async () => {
  const d = await startDaemon({
    programs: `
[program:quick]
command = /bin/sh -c 'exit 0'
startsecs = 1
startretries = 1
`,
  });
  try {
    const info = await d.waitForState('quick', 'FATAL');
    assert.equal(info.description, 'Exited too quickly (process log may have details)');
    assert.equal(spawnCount(d, 'quick'), 2);
    assert.match(d.mainLog(), /WARN exited: quick \(exit status 0; not expected\)/);
    assert.match(d.mainLog(), /INFO gave up: quick entered FATAL state, too many start retries too quickly/);
    // FATAL is startable again: a fresh start gives a fresh round of failures.
    await assert.rejects(d.call('supervisor.startProcess', 'quick'), /SPAWN_ERROR: quick/);
  } finally {
    await d.stop();
  }
});

test('a missing command gives supervisord\'s spawnerr and goes FATAL without forking', async () => {
  const d = await startDaemon({
    programs: `
[program:ghost]
command = /nonexistent/binary --flag
startretries = 0
`,
  });
  try {
    const info = await d.waitForState('ghost', 'FATAL');
    assert.equal(info.description, "can't find command '/nonexistent/binary'");
    assert.match(d.mainLog(), /INFO spawnerr: can't find command '\/nonexistent\/binary'/);
    assert.equal(spawnCount(d, 'ghost'), 0);
  } finally {
    await d.stop();
  }
});

test('autorestart=unexpected restarts a SIGKILLed process at once; an expected exit stays EXITED', async () => {
  const d = await startDaemon({
    programs: `
[program:victim]
command = sleep 1000
startsecs = 0

[program:clean]
command = /bin/sh -c 'sleep 0.2; exit 0'
startsecs = 0
`,
  });
  try {
    const first = await d.waitForState('victim', 'RUNNING');
    process.kill(first.pid, 'SIGKILL');
    const second = await d.waitFor('a new pid', async () => {
      const info = await d.info('victim');
      return info.statename === 'RUNNING' && info.pid !== first.pid ? info : undefined;
    });
    assert.notEqual(second.pid, first.pid);
    assert.match(d.mainLog(), /WARN exited: victim \(terminated by SIGKILL; not expected\)/);
    const clean = await d.waitForState('clean', 'EXITED');
    assert.equal(clean.exitstatus, 0);
    assert.equal(spawnCount(d, 'clean'), 1);
  } finally {
    await d.stop();
  }
});

test('stop escalates to SIGKILL after stopwaitsecs for a child that ignores SIGTERM', async () => {
  const d = await startDaemon({
    programs: `
[program:stubborn]
command = /bin/sh -c 'trap "" TERM; echo ready; while :; do sleep 0.1; done'
startsecs = 0
stopwaitsecs = 1
stdout_logfile = %(dir)s/stubborn.out
`,
  });
  try {
    await d.waitForState('stubborn', 'RUNNING');
    await d.waitFor('ready', async () => readFileSync(`${d.dir}/stubborn.out`, 'utf8').includes('ready'));
    const started = Date.now();
    assert.equal(await d.call('supervisor.stopProcess', 'stubborn'), true);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 900, `stop returned after ${elapsed} ms, before stopwaitsecs`);
    assert.match(d.mainLog(), /WARN killing 'stubborn' \(\d+\) with SIGKILL/);
    assert.match(d.mainLog(), /WARN stopped: stubborn \(terminated by SIGKILL\)/);
    assert.equal((await d.info('stubborn')).statename, 'STOPPED');
  } finally {
    await d.stop();
  }
});

test('backoff waits grow 1 s, 2 s between attempts', async () => {
  const d = await startDaemon({
    programs: `
[program:flappy]
command = /bin/sh -c 'exit 3'
startsecs = 1
startretries = 2
`,
  });
  try {
    await d.waitForState('flappy', 'FATAL', 20_000);
    const times = d
      .mainLog()
      .split('\n')
      .filter((l) => l.includes("spawned: 'flappy'"))
      .map((l) => Date.parse(l.slice(0, 19).replace(' ', 'T')) + Number(l.slice(20, 23)));
    assert.equal(times.length, 3);
    const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
    assert.ok(gaps[0]! >= 1000 && gaps[0]! < 1500, `first wait ${gaps[0]} ms`);
    assert.ok(gaps[1]! >= 2000 && gaps[1]! < 2500, `second wait ${gaps[1]} ms`);
  } finally {
    await d.stop();
  }
});

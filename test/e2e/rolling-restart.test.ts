// restart --rolling / tssupervisor.restartRolling with plain shell programs: the order of the steps, the
// stop at the first process that does not come back, and the errors (unknown group, a roll already
// running, a server that has no rolling restart).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startDaemon, type DaemonHandle } from '../helpers/daemon.js';
import { binDir } from '../helpers/paths.js';

const run = promisify(execFile);

/** A pool whose member N refuses to start while %(dir)s/broken-N exists. */
const POOL = `
[program:pool]
command = /bin/sh -c 'test -e %(dir)s/broken-%(process_num)d && exit 1; exec sleep 1000'
process_name = pool_%(process_num)d
numprocs = 3
startsecs = 1
startretries = 0
`;

/** stdout and exit status; stderr (expected empty) goes into a failed assertion's message only. */
async function ctl(d: DaemonHandle, ...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(binDir, 'tssupervisorctl'), '-c', d.confPath, ...args]);
    assert.equal(stderr, '');
    return { stdout, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    assert.equal(e.stderr, '', `tssupervisorctl ${args.join(' ')} wrote to stderr`);
    return { stdout: e.stdout, code: e.code };
  }
}

const pids = async (d: DaemonHandle) => Promise.all([0, 1, 2].map(async (n) => (await d.info(`pool:pool_${n}`)).pid));

test('restart --rolling: one process at a time, stopping at the first that does not come back', async () => {
  const d = await startDaemon({ programs: POOL });
  try {
    for (const n of [0, 1, 2]) await d.waitForState(`pool:pool_${n}`, 'RUNNING');
    const before = await pids(d);

    const ok = await ctl(d, 'restart', '--rolling', 'pool');
    assert.deepEqual(ok, {
      stdout: 'pool:pool_0: stopped\npool:pool_0: started\npool:pool_1: stopped\npool:pool_1: started\npool:pool_2: stopped\npool:pool_2: started\n',
      code: 0,
    });
    const middle = await pids(d);
    for (const n of [0, 1, 2]) assert.notEqual(middle[n], before[n]);

    writeFileSync(path.join(d.dir, 'broken-1'), '');
    const failed = await ctl(d, 'restart', '--rolling', 'pool:*');
    assert.deepEqual(failed, {
      stdout: 'pool:pool_0: stopped\npool:pool_0: started\npool:pool_1: stopped\npool:pool_1: ERROR (spawn error)\n',
      code: 7,
    });
    const after = await pids(d);
    assert.notEqual(after[0], middle[0]);
    assert.equal(after[2], middle[2], 'pool_2 is left alone once pool_1 failed');
    assert.equal((await d.info('pool:pool_2')).statename, 'RUNNING');
    assert.match(d.mainLog(), /WARN rolling restart of pool stopped: pool_1 did not come back \(SPAWN_ERROR: pool:pool_1\)/);

    const json = await ctl(d, 'restart', '--rolling', '--json', 'nosuch');
    assert.equal(json.code, 1);
    const records = JSON.parse(json.stdout) as { fault: string; message: string }[];
    assert.deepEqual(records.map((r) => [r.fault, r.message]), [['BAD_NAME', 'nosuch: ERROR (no such group)']]);

    const none = await ctl(d, 'restart', '--rolling');
    assert.equal(none.code, 1);
    assert.match(none.stdout, /^Error: restart --rolling requires a group name\nrestart --rolling <gname>/);
  } finally {
    await d.stop();
  }
});

test('restartRolling over the API: the steps as structs; a second roll of the same group is refused meanwhile', async () => {
  const d = await startDaemon({ programs: POOL.replace('numprocs = 3', 'numprocs = 2') });
  try {
    for (const n of [0, 1]) await d.waitForState(`pool:pool_${n}`, 'RUNNING');
    const first = d.call<Record<string, unknown>[]>('tssupervisor.restartRolling', 'pool:*');
    await d.waitFor('the roll to start', async () => d.mainLog().includes('rolling restart of pool: pool_0, pool_1'));
    await assert.rejects(d.call('tssupervisor.restartRolling', 'pool'), /FAILED: pool: a rolling restart is already under way/);
    const steps = await first;
    assert.deepEqual(
      steps.map((s) => [s.group, s.name, s.action, s.status, s.description]),
      [
        ['pool', 'pool_0', 'stop', 80, 'OK'],
        ['pool', 'pool_0', 'start', 80, 'OK'],
        ['pool', 'pool_1', 'stop', 80, 'OK'],
        ['pool', 'pool_1', 'start', 80, 'OK'],
      ],
    );
    await assert.rejects(d.call('tssupervisor.restartRolling', 'nosuch:*'), /BAD_NAME: nosuch:\*/);
  } finally {
    await d.stop();
  }
});

test('restart --rolling against real supervisord says the server has no rolling restart', async (t) => {
  if (!existsSync('/usr/bin/supervisord')) {
    t.skip('supervisor not installed: not checked against real supervisord');
    return;
  }
  const d = await startDaemon({ programs: POOL.replace('numprocs = 3', 'numprocs = 1'), impl: 'supervisord' });
  try {
    const out = await ctl(d, 'restart', '--rolling', 'pool:*');
    assert.deepEqual(out, { stdout: "pool:*: ERROR (this server has no rolling restart: tssupervisor.restartRolling is tssupervisord's)\n", code: 1 });
  } finally {
    await d.stop();
  }
});

// The same lifecycle stories under real supervisord and under tssupervisord: the same final state, the
// same number of spawns, the same spawnerr — and ours is never slower to get there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startDaemon, type DaemonHandle } from '../helpers/daemon.js';

const haveOracle = existsSync('/usr/bin/supervisord');

interface Outcome {
  statename: string;
  spawns: number;
  spawnerr: string;
  exitstatus: number;
  ms: number;
}

interface Scenario {
  name: string;
  programs: string;
  /** Drives the story and resolves when it has reached its end state. */
  run(d: DaemonHandle): Promise<unknown>;
}

const countSpawns = (d: DaemonHandle, name: string) =>
  d.mainLog().split('\n').filter((l) => l.includes(`spawned: '${name}' with pid`)).length;

async function play(impl: 'ours' | 'supervisord', s: Scenario): Promise<Outcome> {
  const d = await startDaemon({ impl, programs: s.programs });
  try {
    const t0 = Date.now();
    await s.run(d);
    const ms = Date.now() - t0;
    const info = await d.info('p');
    return { statename: info.statename, spawns: countSpawns(d, 'p'), spawnerr: info.spawnerr, exitstatus: info.exitstatus, ms };
  } finally {
    await d.stop();
  }
}

const scenarios: Scenario[] = [
  {
    name: 'a too-quick exit retried startretries times, then FATAL',
    // startsecs well above 1 s: supervisord notices an exit only on its next tick, and a slow tick on a
    // loaded machine must not turn a too-quick exit into a RUNNING one.
    programs: "[program:p]\ncommand = /bin/sh -c 'exit 0'\nstartsecs = 3\nstartretries = 2\n",
    run: (d) => d.waitForState('p', 'FATAL', 30_000),
  },
  {
    name: 'a missing command',
    programs: '[program:p]\ncommand = /nonexistent/binary\nstartretries = 1\n',
    run: (d) => d.waitForState('p', 'FATAL', 30_000),
  },
  {
    name: 'a crash after startsecs is restarted (autorestart=unexpected), then stopped',
    programs: "[program:p]\ncommand = /bin/sh -c 'sleep 1.5; exit 1'\nstartsecs = 1\n",
    run: async (d) => {
      await d.waitFor('a second spawn', async () => countSpawns(d, 'p') >= 2 && (await d.info('p')).statename === 'RUNNING');
      await d.call('supervisor.stopProcess', 'p');
    },
  },
  {
    name: 'an expected exit stays EXITED',
    programs: "[program:p]\ncommand = /bin/sh -c 'sleep 1.2; exit 2'\nstartsecs = 1\nexitcodes = 0,2\n",
    run: (d) => d.waitForState('p', 'EXITED', 30_000),
  },
  {
    name: 'a child ignoring SIGTERM is SIGKILLed after stopwaitsecs',
    programs: "[program:p]\ncommand = /bin/sh -c 'trap \"\" TERM; while :; do sleep 0.1; done'\nstartsecs = 1\nstopwaitsecs = 1\n",
    run: async (d) => {
      await d.waitForState('p', 'RUNNING', 30_000);
      await d.call('supervisor.stopProcess', 'p');
    },
  },
  {
    name: 'a manual start after FATAL gives a fresh round of attempts',
    programs: "[program:p]\ncommand = /bin/sh -c 'exit 1'\nstartsecs = 3\nstartretries = 0\n",
    run: async (d) => {
      await d.waitForState('p', 'FATAL', 30_000);
      await d.call('supervisor.startProcess', 'p').catch(() => undefined);
      await d.waitForState('p', 'FATAL', 30_000);
    },
  },
];

for (const scenario of scenarios) {
  test(`same outcome as supervisord: ${scenario.name}`, { skip: haveOracle ? false : 'supervisord is not installed (apt-get install -y supervisor)' }, async () => {
    const [theirs, ours] = await Promise.all([play('supervisord', scenario), play('ours', scenario)]);
    assert.deepEqual(
      { statename: ours.statename, spawns: ours.spawns, spawnerr: ours.spawnerr, exitstatus: ours.exitstatus },
      { statename: theirs.statename, spawns: theirs.spawns, spawnerr: theirs.spawnerr, exitstatus: theirs.exitstatus },
    );
    // "Never slower", with room for scheduling noise on a loaded CI machine.
    assert.ok(ours.ms <= theirs.ms + 250, `ours took ${ours.ms} ms, supervisord ${theirs.ms} ms`);
  });
}

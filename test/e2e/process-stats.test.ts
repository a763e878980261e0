// tssupervisor.getProcessStats against a real daemon: CPU/RSS sampled in the daemon, restarts counted
// from the daemon's own state changes (so they include the ones before any client connected).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDaemon } from '../helpers/daemon.js';

interface Stats {
  group: string;
  name: string;
  pid: number;
  cpu: number;
  rss: number;
  restarts: number;
}

test('getProcessStats: rss of a live pid, -1 for a stopped one, restarts counted since the daemon started', async () => {
  const d = await startDaemon({
    programs: `
[program:sleeper]
command = sleep 1000
startsecs = 0

[program:idle]
command = sleep 1000
autostart = false

[group:pool]
programs = member

[program:member]
command = sleep 1000
startsecs = 0
`,
  });
  try {
    await d.waitForState('sleeper', 'RUNNING');
    await d.waitForState('pool:member', 'RUNNING');
    await d.call('supervisor.stopProcess', 'sleeper');
    await d.call('supervisor.startProcess', 'sleeper');
    const first = await d.info('sleeper');
    process.kill(first.pid, 'SIGKILL'); // autorestart=unexpected brings it back
    const back = await d.waitFor('sleeper restarted with a new pid', async () => {
      const info = await d.info('sleeper');
      return info.statename === 'RUNNING' && info.pid !== first.pid ? info : undefined;
    });
    const all = await d.call<Stats[]>('tssupervisor.getProcessStats', []);
    assert.deepEqual(all.map((s) => `${s.group}:${s.name}`), ['idle:idle', 'pool:member', 'sleeper:sleeper']);
    const named = await d.call<Stats[]>('tssupervisor.getProcessStats', ['sleeper', 'idle', 'pool:member', 'nosuch']);
    const [sleeper, idle, member] = named;
    assert.equal(named.length, 3, 'unknown names are left out');
    assert.equal(sleeper?.pid, back.pid);
    assert.ok((sleeper?.rss ?? 0) > 0, `rss of a live sleep: ${sleeper?.rss}`);
    assert.ok((sleeper?.cpu ?? -1) >= 0);
    await d.waitFor('two restarts counted', async () => {
      const [s] = await d.call<Stats[]>('tssupervisor.getProcessStats', ['sleeper']);
      return s?.restarts === 2;
    });
    assert.deepEqual([idle?.pid, idle?.cpu, idle?.rss, idle?.restarts], [0, -1, -1, 0]);
    assert.equal(member?.restarts, 0);
    await assert.rejects(d.call('tssupervisor.getProcessStats', ['a'], 'extra'), /INCORRECT_PARAMETERS/);
  } finally {
    await d.stop();
  }
});

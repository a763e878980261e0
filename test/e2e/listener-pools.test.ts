// Listener pools beyond a single listener, under real supervisord 4.2.5 and tssupervisord at once: a pool
// of two listeners, a pool added and removed at run time through each daemon's own ctl, and a pool across
// a SIGHUP reload. The listener is Python's supervisor.childutils (test/fixtures/events/pool-listener.py).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { isAlive, type DaemonHandle } from '../helpers/daemon.js';
import { binDir, fixturesDir } from '../helpers/paths.js';
import { readRecords, withBoth, type Impl } from '../helpers/both-daemons.js';

const LISTENER = `/usr/bin/python3 ${path.join(fixturesDir, 'events', 'pool-listener.py')}`;
const CTL: Record<Impl, readonly string[]> = {
  supervisord: ['/usr/bin/supervisorctl'],
  ours: [process.execPath, path.join(binDir, 'tssupervisorctl')],
};

interface Received {
  readonly listener: string;
  readonly headers: Record<string, string>;
  readonly payload: string;
}

const received = (file: string): Received[] => readRecords<Received>(file);

/** `EVENTNAME payload`, pids reduced to present/0, so both daemons' stories compare as text. */
function normalise(r: Received): string {
  return `${r.headers.eventname} ${r.payload.replace(/pid:[1-9]\d*/, 'pid:PID').replace('\n', '|')}`.trimEnd();
}

const remoteData = (r: Received) => (r.headers.eventname === 'REMOTE_COMMUNICATION' ? r.payload.split('\n')[1] : undefined);

const untilReceived = (d: DaemonHandle, file: string, what: string, done: (events: Received[]) => boolean) =>
  d.waitFor(what, async () => done(received(file)) || undefined, 20_000);

const send = (d: DaemonHandle, data: string) => d.call('supervisor.sendRemoteCommEvent', 'test', data);

async function ctl(d: DaemonHandle, impl: Impl, ...args: string[]): Promise<string> {
  const [cmd, ...pre] = CTL[impl] as [string, ...string[]];
  const { stdout } = await promisify(execFile)(cmd, [...pre, '-c', d.confPath, ...args], { timeout: 30_000 });
  return stdout;
}

describe('listener pools under both daemons', { concurrency: true }, () => {
  test('numprocs = 2: one event to exactly one listener, a busy listener\'s next event goes to the other, both get events', async () => {
    const programs = `
[eventlistener:pool]
command = ${LISTENER} %(dir)s/pool.jsonl --hold %(dir)s/release-%(process_num)s
process_name = %(program_name)s_%(process_num)s
numprocs = 2
events = REMOTE_COMMUNICATION
buffer_size = 20
startsecs = 0
`;
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
    const results = await withBoth(programs, async (d) => {
      const file = `${d.dir}/pool.jsonl`;
      await d.waitForState('pool:pool_0', 'RUNNING');
      await d.waitForState('pool:pool_1', 'RUNNING');
      await send(d, 'one');
      await untilReceived(d, file, '"one" taken', (e) => e.length === 1);
      const first = received(file)[0] as Received;
      // That listener holds "one" (BUSY): "two" can only go to the other.
      await send(d, 'two');
      await untilReceived(d, file, '"two" taken', (e) => e.length === 2);
      const second = received(file)[1] as Received;
      // Both BUSY now: these wait in the buffer until the listeners are released.
      await send(d, 'three');
      await send(d, 'four');
      writeFileSync(`${d.dir}/release-0`, '');
      writeFileSync(`${d.dir}/release-1`, '');
      for (const word of words.slice(4)) await send(d, word);
      await untilReceived(d, file, 'all eight taken', (e) => e.length === words.length);
      const events = received(file);
      const byPoolSerial = [...events].sort((a, b) => Number(a.headers.poolserial) - Number(b.headers.poolserial));
      return {
        firstTwoApart: first.listener !== second.listener,
        firstTwo: [first, second].map(remoteData),
        listeners: [...new Set(events.map((e) => e.listener))].sort(),
        pools: [...new Set(events.map((e) => e.headers.pool))],
        // The multiset the pool received (each event once), in the order the pool took them.
        inPoolOrder: byPoolSerial.map((e) => `${e.headers.poolserial} ${remoteData(e)}`),
        serialsDistinct: new Set(events.map((e) => e.headers.serial)).size,
      };
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours, {
      firstTwoApart: true,
      firstTwo: ['one', 'two'],
      listeners: ['pool_0', 'pool_1'],
      pools: ['pool'],
      inPoolOrder: words.map((w, i) => `${i} ${w}`),
      serialsDistinct: words.length,
    });
  });

  test('a pool added at run time (ctl update) receives events; removed, it takes none; added again, it starts afresh', async () => {
    const programs = `
[program:app]
command = /bin/sleep 1000
startsecs = 0
`;
    const section = `
[eventlistener:late]
command = ${LISTENER} %(dir)s/late.jsonl
events = REMOTE_COMMUNICATION,PROCESS_GROUP
buffer_size = 3
startsecs = 0
`;
    const results = await withBoth(programs, async (d, impl) => {
      const file = `${d.dir}/late.jsonl`;
      const base = readFileSync(d.confPath, 'utf8');
      const withPool = base + section.replaceAll('%(dir)s', d.dir);
      const outputs: string[] = [];
      writeFileSync(d.confPath, withPool);
      outputs.push(await ctl(d, impl, 'update'));
      const { pid } = await d.waitForState('late', 'RUNNING');
      await send(d, 'hello');
      await untilReceived(d, file, '"hello"', (e) => e.some((x) => remoteData(x) === 'hello'));

      writeFileSync(d.confPath, base);
      outputs.push(await ctl(d, impl, 'update'));
      await d.waitFor('the removed listener to be gone', async () => !isAlive(pid));
      // More than buffer_size events while the pool is gone: a leaked subscription would buffer (and
      // overflow) them, and hand them to the pool added next.
      for (const word of ['gone-1', 'gone-2', 'gone-3', 'gone-4']) await send(d, word);

      writeFileSync(d.confPath, withPool);
      outputs.push(await ctl(d, impl, 'update'));
      await d.waitForState('late', 'RUNNING');
      await send(d, 'back');
      await untilReceived(d, file, '"back"', (e) => e.some((x) => remoteData(x) === 'back'));
      const events = received(file);
      const log = d.mainLog();
      assert.doesNotMatch(log, /overflowed/, impl);
      return {
        outputs,
        events: events.map(normalise),
        // The new pool counts its own serials from 0 again.
        poolSerials: events.map((e) => Number(e.headers.poolserial)),
      };
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours, {
      outputs: ['late: added process group\n', 'late: stopped\nlate: removed process group\n', 'late: added process group\n'],
      events: [
        'PROCESS_GROUP_ADDED groupname:late|',
        'REMOTE_COMMUNICATION type:test|hello',
        'PROCESS_GROUP_ADDED groupname:late|',
        'REMOTE_COMMUNICATION type:test|back',
      ],
      poolSerials: [0, 1, 0, 1],
    });
  });

  test('SIGHUP reload: the pool is made again in the same daemon and receives the start-up events anew', async () => {
    const programs = `
[eventlistener:rec]
command = ${LISTENER} %(dir)s/rec.jsonl
events = SUPERVISOR_STATE_CHANGE,PROCESS_GROUP,PROCESS_STATE,REMOTE_COMMUNICATION
buffer_size = 50
startsecs = 0

[program:app]
command = /bin/sleep 1000
startsecs = 0
`;
    const results = await withBoth(programs, async (d, impl) => {
      const file = `${d.dir}/rec.jsonl`;
      const count = (events: Received[], line: string) => events.filter((e) => normalise(e) === line).length;
      const appRunning = 'PROCESS_STATE_RUNNING processname:app groupname:app from_state:STARTING pid:PID';
      await untilReceived(d, file, 'app RUNNING', (e) => count(e, appRunning) === 1);
      await send(d, 'before');
      await untilReceived(d, file, '"before"', (e) => e.some((x) => remoteData(x) === 'before'));
      const before = received(file);
      // READY again after its last answer, so the stop's first event goes straight to it.
      const readyCount = () => (d.mainLog().match(/ rec: ACKNOWLEDGED -> READY$/gm) ?? []).length;
      await d.waitFor('the listener READY again', async () => readyCount() === before.length + 1);
      const daemonPid = await d.call<number>('supervisor.getPID');
      process.kill(daemonPid, 'SIGHUP');
      await untilReceived(d, file, 'app RUNNING after the reload', (e) => count(e, appRunning) === 2);
      await d.waitForState('rec', 'RUNNING');
      await send(d, 'after');
      await untilReceived(d, file, '"after"', (e) => e.some((x) => remoteData(x) === 'after'));
      assert.equal(await d.call<number>('supervisor.getPID'), daemonPid, `${impl}: the same daemon process`);
      const after = received(file).slice(before.length);
      // The old pool's last events, then the new pool's, whose serials start again from 0.
      const reborn = after.findIndex((e) => e.headers.poolserial === '0');
      assert.ok(reborn > 0, `${impl}: the new pool's events follow the old pool's: ${JSON.stringify(after.map((e) => [e.headers.poolserial, normalise(e)]))}`);
      const [oldPool, newPool] = [after.slice(0, reborn), after.slice(reborn)];
      const lastSerialBefore = Math.max(...before.map((e) => Number(e.headers.serial)));
      return {
        // Once the stop begins, how many more events the old listener answers before its own SIGTERM is a
        // race in both daemons (supervisord's loop vs the listener's answer); the first one is not.
        oldPoolFirst: oldPool.map(normalise)[0],
        oldPoolOnlyStopEvents: oldPool.every((e) => /^(SUPERVISOR_STATE_CHANGE_STOPPING|PROCESS_STATE_STOPP(ING|ED))$/.test(e.headers.eventname ?? '')),
        // The listener's own state events depend on when it came up relative to the rest; left out.
        newPool: newPool.filter((e) => !e.payload.startsWith('processname:rec ')).map(normalise),
        // The global serial goes on across the reload.
        serialGoesOn: Number(newPool[0]?.headers.serial) > lastSerialBefore,
      };
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours, {
      oldPoolFirst: 'SUPERVISOR_STATE_CHANGE_STOPPING',
      oldPoolOnlyStopEvents: true,
      newPool: [
        'PROCESS_GROUP_ADDED groupname:rec|',
        'PROCESS_GROUP_ADDED groupname:app|',
        'SUPERVISOR_STATE_CHANGE_RUNNING',
        'PROCESS_STATE_STARTING processname:app groupname:app from_state:STOPPED tries:0',
        'PROCESS_STATE_RUNNING processname:app groupname:app from_state:STARTING pid:PID',
        'REMOTE_COMMUNICATION type:test|after',
      ],
      serialGoesOn: true,
    });
  });
});

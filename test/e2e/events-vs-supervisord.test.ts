// Event listeners written for supervisord, unchanged (Python, supervisor.childutils from Debian's package),
// under real supervisord 4.2.5 and under tssupervisord: the same stories must give the same events.
// Independent stories run in parallel, and each runs both daemons at once.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DaemonHandle } from '../helpers/daemon.js';
import { fixturesDir } from '../helpers/paths.js';
import { readRecords, withBoth } from '../helpers/both-daemons.js';

const LISTENER = `/usr/bin/python3 ${path.join(fixturesDir, 'events', 'record-listener.py')}`;
const COMM_WRITER = `/usr/bin/python3 ${path.join(fixturesDir, 'events', 'comm-writer.py')}`;

interface Received {
  readonly headers: Record<string, string>;
  readonly payload: string;
  readonly answer: string;
}

const received = (file: string): Received[] => readRecords<Received>(file);

/** The first line of a payload as `key:value` tokens. */
function tokens(payload: string): Record<string, string> {
  const first = payload.split('\n', 1)[0] as string;
  return Object.fromEntries(first.split(' ').filter(Boolean).map((t) => [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)]));
}

/** What must match between the two daemons: the type and every payload token, pids only as present/0. */
function normalise(r: Received): string {
  const t = tokens(r.payload);
  if (t.pid !== undefined) t.pid = t.pid === '0' ? '0' : 'PID';
  return `${r.headers.eventname} ${Object.entries(t).map(([k, v]) => `${k}:${v}`).join(' ')}`;
}

/** Checks every envelope: header fields, len = payload length in code points, serials rising. */
function assertEnvelopes(events: readonly Received[], pool: string): void {
  let lastPoolSerial = -1;
  for (const e of events) {
    assert.equal(e.headers.ver, '3.0');
    assert.equal(e.headers.server, 'supervisor');
    assert.equal(e.headers.pool, pool);
    assert.equal(Number(e.headers.len), [...e.payload].length);
    const poolSerial = Number(e.headers.poolserial);
    assert.ok(poolSerial >= lastPoolSerial, `poolserial ${poolSerial} after ${lastPoolSerial}`);
    lastPoolSerial = poolSerial;
  }
}

const untilReceived = (d: DaemonHandle, file: string, what: string, done: (events: Received[]) => boolean) =>
  d.waitFor(what, async () => done(received(file)) || undefined, 20_000);

describe('event listeners under both daemons', { concurrency: true }, () => {
  test('start, stop, start, crash to FATAL, remove: the same PROCESS_STATE, PROCESS_GROUP and SUPERVISOR_STATE events', async () => {
    const programs = `
[eventlistener:rec]
command = ${LISTENER} %(dir)s/events.jsonl
events = PROCESS_STATE,PROCESS_GROUP,SUPERVISOR_STATE_CHANGE
buffer_size = 50
startsecs = 0

[program:app]
command = /bin/sh -c 'while [ ! -e %(dir)s/crash ]; do sleep 0.1; done; exit 1'
startsecs = 1
startretries = 1
`;
    const results = await withBoth(programs, async (d) => {
      const file = `${d.dir}/events.jsonl`;
      await d.waitForState('app', 'RUNNING');
      await d.call('supervisor.stopProcess', 'app');
      await d.call('supervisor.startProcess', 'app');
      writeFileSync(`${d.dir}/crash`, '');
      await d.waitForState('app', 'FATAL', 20_000);
      await d.call('supervisor.removeProcessGroup', 'app');
      await untilReceived(d, file, 'PROCESS_GROUP_REMOVED', (events) => events.some((e) => e.headers.eventname === 'PROCESS_GROUP_REMOVED'));
      const events = received(file);
      assertEnvelopes(events, 'rec');
      // The listener's own state events depend on when it came up relative to the program; leave them out.
      return events.filter((e) => tokens(e.payload).processname !== 'rec').map(normalise);
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours, [
      'PROCESS_GROUP_ADDED groupname:rec',
      'PROCESS_GROUP_ADDED groupname:app',
      'SUPERVISOR_STATE_CHANGE_RUNNING ',
      'PROCESS_STATE_STARTING processname:app groupname:app from_state:STOPPED tries:0',
      'PROCESS_STATE_RUNNING processname:app groupname:app from_state:STARTING pid:PID',
      'PROCESS_STATE_STOPPING processname:app groupname:app from_state:RUNNING pid:PID',
      'PROCESS_STATE_STOPPED processname:app groupname:app from_state:STOPPING pid:PID',
      'PROCESS_STATE_STARTING processname:app groupname:app from_state:STOPPED tries:0',
      'PROCESS_STATE_RUNNING processname:app groupname:app from_state:STARTING pid:PID',
      'PROCESS_STATE_EXITED processname:app groupname:app from_state:RUNNING expected:0 pid:PID',
      'PROCESS_STATE_STARTING processname:app groupname:app from_state:EXITED tries:0',
      'PROCESS_STATE_BACKOFF processname:app groupname:app from_state:STARTING tries:1',
      'PROCESS_STATE_STARTING processname:app groupname:app from_state:BACKOFF tries:1',
      'PROCESS_STATE_BACKOFF processname:app groupname:app from_state:STARTING tries:2',
      'PROCESS_STATE_FATAL processname:app groupname:app from_state:BACKOFF',
      'PROCESS_GROUP_REMOVED groupname:app',
    ]);
  });

  test('capture mode, PROCESS_LOG, REMOTE_COMMUNICATION and TICK_5 events, and what reaches the log files', async () => {
    const programs = `
[eventlistener:rec]
command = ${LISTENER} %(dir)s/events.jsonl
events = PROCESS_COMMUNICATION,PROCESS_LOG,REMOTE_COMMUNICATION,TICK_5
startsecs = 0

[program:comm]
command = ${COMM_WRITER}
stdout_capture_maxbytes = 1KB
stderr_capture_maxbytes = 1KB
stdout_events_enabled = true
stderr_events_enabled = true
stdout_logfile = %(dir)s/comm.out
stderr_logfile = %(dir)s/comm.err
startsecs = 0
`;
    const results = await withBoth(programs, async (d) => {
      const file = `${d.dir}/events.jsonl`;
      const count = (type: string) => received(file).filter((e) => e.headers.eventname === type).length;
      await untilReceived(d, file, 'both communication events', () => count('PROCESS_COMMUNICATION_STDOUT') + count('PROCESS_COMMUNICATION_STDERR') === 2);
      assert.equal(await d.call('supervisor.sendRemoteCommEvent', 'greeting', 'héllo\nworld'), true);
      await untilReceived(d, file, 'REMOTE_COMMUNICATION and a TICK_5', () => count('REMOTE_COMMUNICATION') === 1 && count('TICK_5') >= 1);
      await untilReceived(d, file, 'the last log events', () => count('PROCESS_LOG_STDOUT') >= 3 && count('PROCESS_LOG_STDERR') >= 2);
      const events = received(file);
      assertEnvelopes(events, 'rec');
      const tick = events.find((e) => e.headers.eventname === 'TICK_5') as Received;
      assert.match(tick.payload, /^when:\d+$/);
      assert.equal(Number(tick.payload.slice(5)) % 5, 0, 'TICK_5 names a multiple of 5 s');
      const remote = events.find((e) => e.headers.eventname === 'REMOTE_COMMUNICATION') as Received;
      assert.equal(remote.payload, 'type:greeting\nhéllo\nworld');
      // Per channel (the order between stdout and stderr depends on which pipe is read first).
      const channel = (suffix: string) =>
        events
          .filter((e) => e.headers.eventname?.endsWith(suffix) && e.headers.eventname !== 'TICK_5')
          .map((e) => `${e.headers.eventname} ${e.payload.replace(/pid:\d+/, 'pid:PID')}`);
      return {
        stdout: channel('_STDOUT'),
        stderr: channel('_STDERR'),
        out: readFileSync(`${d.dir}/comm.out`, 'utf8'),
        err: readFileSync(`${d.dir}/comm.err`, 'utf8'),
      };
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours.stdout, [
      'PROCESS_LOG_STDOUT processname:comm groupname:comm pid:PID channel:stdout\nbefore the message\n',
      'PROCESS_LOG_STDOUT processname:comm groupname:comm pid:PID channel:stdout\nhello from stdout',
      'PROCESS_COMMUNICATION_STDOUT processname:comm groupname:comm pid:PID\nhello from stdout',
      'PROCESS_LOG_STDOUT processname:comm groupname:comm pid:PID channel:stdout\nafter the message, long enough to be logged at once\n',
    ]);
    assert.equal(results.ours.out, 'before the message\nafter the message, long enough to be logged at once\n');
    assert.equal(results.ours.err, 'plain stderr line, long enough to be logged at once\n');
  });

  test('overflow drops the oldest event; FAIL and a listener dying while busy re-queue the event with its serials', async () => {
    const programs = `
[eventlistener:small]
command = ${LISTENER} %(dir)s/small.jsonl
events = PROCESS_GROUP_ADDED
buffer_size = 2
startsecs = 1
; supervisord hands a rejected event to every pool holding a process of the same priority as the
; rejecting one (it compares processes by priority), even a pool not subscribed to it; we do not.
priority = 5

[eventlistener:flaky]
command = ${LISTENER} %(dir)s/flaky.jsonl --fail 1 --die-once %(dir)s/died
events = PROCESS_STATE_RUNNING
startsecs = 0
priority = 6

[program:a]
command = /bin/sleep 1000
startsecs = 0

[program:b]
command = /bin/sleep 1000
startsecs = 0
`;
    const results = await withBoth(programs, async (d, impl) => {
      await untilReceived(d, `${d.dir}/small.jsonl`, 'the two events kept', (e) => e.length === 2);
      await untilReceived(d, `${d.dir}/flaky.jsonl`, 'the re-queued event answered OK', (e) => e.filter((x) => x.answer === 'OK').length >= 1);
      await d.waitFor('the main log lines', async () => /WARN flaky: event was rejected/.test(d.mainLog()) || undefined);
      const log = d.mainLog();
      assert.match(log, /ERRO pool small event buffer overflowed, discarding event \d+/, impl);
      // Four groups were added before the listener could take anything: the two oldest were dropped.
      const small = received(`${d.dir}/small.jsonl`).map((e) => tokens(e.payload).groupname);
      const flaky = received(`${d.dir}/flaky.jsonl`);
      const first = flaky[0] as Received;
      // The same event, with the same serials, is seen by each attempt until one answers OK.
      const attempts = flaky.filter((e) => e.headers.serial === first.headers.serial);
      for (const a of attempts) assert.equal(a.headers.poolserial, first.headers.poolserial);
      return { small, answers: attempts.map((a) => a.answer) };
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours.small, ['a', 'b']);
    assert.deepEqual(results.ours.answers, ['DIED', 'FAIL', 'OK']);
  });
  test('protocol violations: the same warnings, UNKNOWN for good, and the protocol bytes in stdout_logfile', async () => {
    const programs = `
[eventlistener:garbled]
command = /bin/sh -c 'printf "READY\\n"; read line; printf "garbage\\n"; exec sleep 1000'
events = PROCESS_GROUP_ADDED
startsecs = 0
stdout_logfile = %(dir)s/garbled.out

[eventlistener:early]
command = /bin/sh -c 'printf "hello world\\n"; exec sleep 1000'
events = PROCESS_GROUP_ADDED
startsecs = 0
priority = 5
`;
    const warnings = /WARN (garbled|early): .*/g;
    const results = await withBoth(programs, async (d) => {
      await d.waitFor('both listeners UNKNOWN', async () => (d.mainLog().match(/has entered the UNKNOWN state/g) ?? []).length === 2 || undefined);
      return {
        warnings: (d.mainLog().match(warnings) ?? []).sort(),
        stdout: readFileSync(`${d.dir}/garbled.out`, 'utf8'),
      };
    });
    assert.deepEqual(results.ours, results.supervisord);
    assert.deepEqual(results.ours, {
      warnings: [
        'WARN early: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol',
        "WARN garbled: bad result line: 'garbage'",
        'WARN garbled: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol',
      ],
      stdout: 'READY\ngarbage\n',
    });
  });
});

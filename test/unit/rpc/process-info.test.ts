// getProcessInfo structs and descriptions, with expectations taken from supervisord 4.2.5
// (rpcinterface._interpretProcessInfo and Python's timedelta/strftime formatting).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INITIAL_SNAPSHOT, type ProcessSnapshot } from '../../../src/core/machine.js';
import { describeProcess, formatStopTime, formatUptime, processInfo, type ProcessInfoSource } from '../../../src/rpc/process-info.js';

// Local time is part of the contract (`Nov 21 04:00 PM`); pin it so the expectations hold anywhere.
process.env.TZ = 'UTC';

const NOW = Date.UTC(2026, 10, 21, 16, 0, 30); // Nov 21 2026 16:00:30 UTC

function source(patch: Partial<ProcessSnapshot>, logs: { stdout?: string | null; stderr?: string | null } = {}): ProcessInfoSource {
  return {
    config: { name: 'web' },
    group: 'site',
    snapshot: { ...INITIAL_SNAPSHOT, ...patch },
    logs: { path: (channel) => (channel === 'stdout' ? (logs.stdout ?? null) : (logs.stderr ?? null)) },
  };
}

test('a process never started: zeros, empty strings, "Not started"', () => {
  assert.deepEqual(processInfo(source({}), NOW), {
    name: 'web',
    group: 'site',
    start: 0,
    stop: 0,
    now: NOW / 1000,
    state: 0,
    statename: 'STOPPED',
    spawnerr: '',
    exitstatus: 0,
    logfile: '',
    stdout_logfile: '',
    stderr_logfile: '',
    pid: 0,
    description: 'Not started',
  });
});

test('RUNNING: pid and uptime, seconds truncated; logfile aliases stdout_logfile', () => {
  const info = processInfo(
    source({ state: 'RUNNING', pid: 4242, laststartWall: NOW - 7_900 }, { stdout: '/var/log/web.out', stderr: '/var/log/web.err' }),
    NOW,
  );
  assert.equal(info.start, Math.trunc((NOW - 7_900) / 1000));
  assert.equal(info.description, 'pid 4242, uptime 0:00:08');
  assert.equal(info.logfile, '/var/log/web.out');
  assert.equal(info.stdout_logfile, '/var/log/web.out');
  assert.equal(info.stderr_logfile, '/var/log/web.err');
});

test('uptime is formatted like Python timedelta, days included; a clock set back shows 0:00:00', () => {
  assert.equal(formatUptime(0), '0:00:00');
  assert.equal(formatUptime(7), '0:00:07');
  assert.equal(formatUptime(12 * 3600 + 3 * 60 + 44), '12:03:44');
  assert.equal(formatUptime(86_400 + 2 * 3600 + 3 * 60 + 4), '1 day, 2:03:04');
  assert.equal(formatUptime(3 * 86_400 + 1), '3 days, 0:00:01');
  assert.equal(formatUptime(-5), '0:00:00');
  const back = processInfo(source({ state: 'RUNNING', pid: 1, laststartWall: NOW + 60_000 }), NOW);
  assert.equal(back.description, 'pid 1, uptime 0:00:00');
});

test('FATAL and BACKOFF show spawnerr, or a hint to tail the log when there is none', () => {
  const fatal = processInfo(source({ state: 'FATAL', spawnerr: "can't find command '/nope'" }), NOW);
  assert.equal(fatal.description, "can't find command '/nope'");
  assert.equal(fatal.spawnerr, "can't find command '/nope'");
  assert.equal(processInfo(source({ state: 'BACKOFF', spawnerr: null }), NOW).description, 'unknown error (try "tail web")');
  assert.equal(processInfo(source({ state: 'BACKOFF', spawnerr: 'Exited too quickly (process log may have details)' }), NOW).description,
    'Exited too quickly (process log may have details)');
});

test('STOPPED and EXITED after a start show the stop time as %b %d %I:%M %p in local time', () => {
  const stopped = processInfo(source({ state: 'EXITED', laststartWall: NOW - 60_000, laststopWall: NOW, exitstatus: 3, spawnerr: 'Bad exit code 3' }), NOW);
  assert.equal(stopped.description, 'Nov 21 04:00 PM');
  assert.equal(stopped.exitstatus, 3);
  assert.equal(stopped.spawnerr, 'Bad exit code 3');
  assert.equal(formatStopTime(Date.UTC(2026, 0, 5, 0, 7) / 1000), 'Jan 05 12:07 AM');
  assert.equal(formatStopTime(Date.UTC(2026, 6, 9, 12, 59) / 1000), 'Jul 09 12:59 PM');
  assert.equal(formatStopTime(Date.UTC(2026, 11, 31, 23, 1) / 1000), 'Dec 31 11:01 PM');
  // Started but never reaped (stopped out of BACKOFF): supervisord formats a stop time of 0.
  assert.equal(processInfo(source({ state: 'STOPPED', laststartWall: NOW, laststopWall: 0 }), NOW).description, 'Jan 01 12:00 AM');
});

test('STARTING, STOPPING and UNKNOWN have no description; a signal death has exitstatus -1', () => {
  for (const state of ['STARTING', 'STOPPING', 'UNKNOWN'] as const) {
    assert.equal(describeProcess({ name: 'web', start: 1, stop: 2, now: 3, statename: state, spawnerr: '', pid: 9 }), '');
  }
  assert.equal(processInfo(source({ state: 'STOPPED', laststartWall: NOW, laststopWall: NOW, exitstatus: -1 }), NOW).exitstatus, -1);
});

test('times beyond the 32-bit XML-RPC int are capped, as supervisord capped_int does', () => {
  const far = 2 ** 33 * 1000;
  const info = processInfo(source({ state: 'RUNNING', pid: 2, laststartWall: far, laststopWall: far }), far);
  assert.equal(info.start, 2 ** 31 - 1);
  assert.equal(info.stop, 2 ** 31 - 1);
  assert.equal(info.now, 2 ** 31 - 1);
  assert.equal(processInfo(source({ laststartWall: -far }), NOW).start, -(2 ** 31));
});

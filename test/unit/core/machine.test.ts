import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INITIAL_SNAPSHOT,
  TOO_QUICK,
  step,
  type Effect,
  type MachineEvent,
  type Mood,
  type ProcessPolicy,
  type ProcessSnapshot,
} from '../../../src/core/machine.js';

const webPolicy: ProcessPolicy = {
  name: 'web',
  startsecs: 1,
  startretries: 3,
  autorestart: 'unexpected',
  exitcodes: [0],
  stopsignal: 15,
  stopwaitsecs: 10,
  stopasgroup: false,
  killasgroup: false,
};

/** Drives the machine like the runner does, with a hand-moved clock. */
class Harness {
  now = 1_000_000;
  snap: ProcessSnapshot = INITIAL_SNAPSHOT;
  effects: Effect[] = [];
  mood: Mood = 'RUNNING';
  constructor(public policy: ProcessPolicy = webPolicy) {}
  feed(event: MachineEvent): Effect[] {
    const r = step(this.snap, event, { now: this.now, wallNow: this.now, mood: this.mood, policy: this.policy });
    this.snap = r.snapshot;
    this.effects.push(...r.effects);
    return [...r.effects];
  }
  advance(ms: number): Effect[] {
    this.now += ms;
    return this.snap.delay !== 0 && this.now >= this.snap.delay ? this.feed({ type: 'deadline' }) : [];
  }
  states(): string[] {
    return this.effects.flatMap((e) => (e.type === 'state' ? [e.to] : []));
  }
  logs(): string[] {
    return this.effects.flatMap((e) => (e.type === 'log' ? [`${e.level} ${e.message}`] : []));
  }
}
const states = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'state' ? [e.to] : []));

test('start → STARTING → RUNNING exactly at startsecs', () => {
  const h = new Harness();
  assert.deepEqual(states(h.feed({ type: 'start' })), ['STARTING']);
  assert.ok(h.effects.some((e) => e.type === 'spawn'));
  h.feed({ type: 'spawned', pid: 42 });
  assert.equal(h.snap.delay, h.snap.laststart + 1000);
  assert.deepEqual(h.advance(999), []);
  assert.deepEqual(states(h.advance(1)), ['RUNNING']);
  assert.deepEqual(h.logs(), [
    "info spawned: 'web' with pid 42",
    'info success: web entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)',
  ]);
});

test('startsecs=0 promotes at once, and an exit is never too quick', () => {
  const h = new Harness({ ...webPolicy, startsecs: 0 });
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 1 });
  assert.deepEqual(states(h.advance(0)), ['RUNNING']);
  const fx = h.feed({ type: 'exited', code: 3, signal: null });
  assert.deepEqual(states(fx), ['EXITED', 'STARTING']);
});

test('exit inside startsecs is a failed start even with code 0; backoff waits 1 s, 2 s, 3 s, then FATAL', () => {
  const h = new Harness();
  const delays: number[] = [];
  h.feed({ type: 'start' });
  for (let attempt = 1; attempt <= 4; attempt++) {
    h.feed({ type: 'spawned', pid: 100 + attempt });
    h.advance(100);
    h.feed({ type: 'exited', code: 0, signal: null });
    if (attempt <= 3) {
      assert.equal(h.snap.state, 'BACKOFF');
      assert.equal(h.snap.spawnerr, TOO_QUICK);
      assert.equal(h.snap.exitstatus, null);
      delays.push(h.snap.delay - h.now);
      assert.deepEqual(h.advance(h.snap.delay - h.now - 1), []);
      assert.deepEqual(states(h.advance(1)), ['STARTING']);
    }
  }
  assert.deepEqual(delays, [1000, 2000, 3000]);
  assert.equal(h.snap.state, 'FATAL');
  assert.equal(h.snap.backoff, 0);
  assert.ok(h.logs().includes('warn exited: web (exit status 0; not expected)'));
  assert.ok(h.logs().includes('info gave up: web entered FATAL state, too many start retries too quickly'));
  const tries = h.effects.flatMap((e) => (e.type === 'state' && e.to === 'BACKOFF' ? [e.tries] : []));
  assert.deepEqual(tries, [1, 2, 3, 4]);
});

test('startretries=0 goes FATAL after the first failure; retries happen even with autorestart=false', () => {
  const h = new Harness({ ...webPolicy, startretries: 0, autorestart: false });
  h.feed({ type: 'start' });
  h.feed({ type: 'spawnFailed', spawnerr: "can't find command 'nope'" });
  assert.deepEqual(h.states(), ['STARTING', 'BACKOFF', 'FATAL']);
  const h2 = new Harness({ ...webPolicy, startretries: 1, autorestart: false });
  h2.feed({ type: 'start' });
  h2.feed({ type: 'spawnFailed', spawnerr: 'x' });
  assert.deepEqual(states(h2.advance(1000)), ['STARTING']);
});

test('autorestart=unexpected restarts at once on a bad exit code and on a signal death, not on an expected code', () => {
  for (const [code, signal, restarts] of [
    [1, null, true],
    [null, 'SIGKILL', true],
    [0, null, false],
  ] as const) {
    const h = new Harness();
    h.feed({ type: 'start' });
    h.feed({ type: 'spawned', pid: 7 });
    h.advance(1000);
    const fx = h.feed({ type: 'exited', code, signal });
    assert.deepEqual(states(fx), restarts ? ['EXITED', 'STARTING'] : ['EXITED']);
    assert.equal(fx.some((e) => e.type === 'spawn'), restarts);
  }
});

test('autorestart true/false and the exited log lines', () => {
  const t = new Harness({ ...webPolicy, autorestart: true });
  t.feed({ type: 'start' });
  t.feed({ type: 'spawned', pid: 7 });
  t.advance(1500);
  assert.deepEqual(states(t.feed({ type: 'exited', code: 0, signal: null })), ['EXITED', 'STARTING']);
  assert.ok(t.logs().includes('info exited: web (exit status 0; expected)'));
  const f = new Harness({ ...webPolicy, autorestart: false });
  f.feed({ type: 'start' });
  f.feed({ type: 'spawned', pid: 7 });
  f.advance(1500);
  assert.deepEqual(states(f.feed({ type: 'exited', code: null, signal: 'SIGKILL' })), ['EXITED']);
  assert.equal(f.snap.exitstatus, -1);
  assert.equal(f.snap.spawnerr, 'Bad exit code -1');
  assert.ok(f.logs().includes('warn exited: web (terminated by SIGKILL; not expected)'));
});

test('an exit after startsecs but before the promotion is RUNNING then EXITED', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 9 });
  h.now += 1200; // the deadline has not been delivered yet
  assert.deepEqual(states(h.feed({ type: 'exited', code: 1, signal: null })), ['RUNNING', 'EXITED', 'STARTING']);
});

test('a child reaped inside startsecs is a failed start even when its exit (output still draining) comes after', () => {
  const h = new Harness({ ...webPolicy, startretries: 0 });
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 7 });
  h.advance(10);
  const reapedWall = h.now;
  const reaped = h.feed({ type: 'reaped' });
  assert.deepEqual(reaped, [{ type: 'timer', at: null }], 'the promotion is called off');
  h.advance(5000);
  assert.deepEqual(h.feed({ type: 'deadline' }), [], 'a timer that fires anyway promotes no dead child');
  assert.deepEqual(states(h.feed({ type: 'exited', code: 3, signal: null })), ['BACKOFF', 'FATAL']);
  assert.equal(h.snap.spawnerr, TOO_QUICK);
  assert.equal(h.snap.reapedAt, 0);
  assert.equal(h.snap.laststopWall, reapedWall, 'the stop time is the reap time, as in supervisord');
  assert.equal(h.effects.filter((e) => e.type === 'spawn').length, 1, 'no second spawn');
});

test('a child reaped after startsecs is RUNNING then EXITED, however late its exit is reported', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 8 });
  assert.deepEqual(states(h.advance(1000)), ['RUNNING']);
  h.advance(500);
  h.feed({ type: 'reaped' });
  h.advance(3000);
  assert.deepEqual(states(h.feed({ type: 'exited', code: 3, signal: null })), ['EXITED', 'STARTING']);
  // A reap without a child (a late duplicate) changes nothing.
  const idle = new Harness();
  assert.deepEqual(idle.feed({ type: 'reaped' }), []);
  assert.equal(idle.snap.reapedAt, 0);
});

test('stop sends stopsignal, escalates to SIGKILL every stopwaitsecs, ends STOPPED and never restarts', () => {
  const h = new Harness({ ...webPolicy, stopasgroup: true, killasgroup: true });
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 5 });
  h.advance(1000);
  const fx = h.feed({ type: 'stop' });
  assert.deepEqual(states(fx), ['STOPPING']);
  assert.deepEqual(fx.filter((e) => e.type === 'kill'), [{ type: 'kill', signal: 15, group: true }]);
  assert.deepEqual(
    h.advance(10_000).filter((e) => e.type === 'kill'),
    [{ type: 'kill', signal: 9, group: true }],
  );
  assert.equal(h.advance(10_000).filter((e) => e.type === 'kill').length, 1, 'SIGKILL is repeated');
  const end = h.feed({ type: 'exited', code: null, signal: 'SIGKILL' });
  assert.deepEqual(states(end), ['STOPPED']);
  assert.ok(h.logs().includes("warn killing 'web' (5) with SIGKILL"));
  assert.ok(h.logs().includes('warn stopped: web (terminated by SIGKILL)'));
  assert.equal(end.some((e) => e.type === 'spawn'), false);
});

test('stopped with an expected exit code logs at info', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 5 });
  h.feed({ type: 'stop' });
  h.feed({ type: 'exited', code: 0, signal: null });
  assert.ok(h.logs().includes('info stopped: web (exit status 0)'));
});

test('stop from BACKOFF is immediate and keeps the backoff count; FATAL is startable again', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawnFailed', spawnerr: 'x' });
  const fx = h.feed({ type: 'stop' });
  assert.deepEqual(states(fx), ['STOPPED']);
  assert.equal(fx.some((e) => e.type === 'kill'), false);
  assert.equal(h.snap.backoff, 1);
  const f = new Harness({ ...webPolicy, startretries: 0 });
  f.feed({ type: 'start' });
  f.feed({ type: 'spawnFailed', spawnerr: 'x' });
  assert.equal(f.snap.state, 'FATAL');
  assert.deepEqual(states(f.feed({ type: 'start' })), ['STARTING']);
});

test('no restart and no backoff retry while shutting down; giveUp turns BACKOFF into FATAL silently', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 3 });
  h.advance(1000);
  h.mood = 'SHUTDOWN';
  assert.deepEqual(states(h.feed({ type: 'exited', code: 1, signal: null })), ['EXITED']);
  const b = new Harness();
  b.feed({ type: 'start' });
  b.feed({ type: 'spawnFailed', spawnerr: 'x' });
  b.mood = 'SHUTDOWN';
  assert.deepEqual(b.advance(5000), []);
  assert.deepEqual(states(b.feed({ type: 'giveUp' })), ['FATAL']);
  assert.equal(b.logs().some((l) => l.includes('gave up')), false);
});

test('a kill error other than ESRCH means UNKNOWN', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 3 });
  h.feed({ type: 'stop' });
  assert.deepEqual(states(h.feed({ type: 'killFailed', error: 'EPERM' })), ['UNKNOWN']);
  assert.equal(h.snap.killing, false);
});

test('start while a pid exists does nothing but warn', () => {
  const h = new Harness();
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 3 });
  assert.deepEqual(h.feed({ type: 'start' }), [{ type: 'log', level: 'warn', message: "process 'web' already running" }]);
});

test('state effects carry from, pid, tries and expected for the event bus', () => {
  const h = new Harness({ ...webPolicy, autorestart: false });
  h.feed({ type: 'start' });
  h.feed({ type: 'spawned', pid: 77 });
  h.advance(1000);
  h.feed({ type: 'exited', code: 0, signal: null });
  const last = h.effects.filter((e) => e.type === 'state').at(-1);
  assert.deepEqual(last, { type: 'state', from: 'RUNNING', to: 'EXITED', pid: 77, tries: 0, expected: true });
});

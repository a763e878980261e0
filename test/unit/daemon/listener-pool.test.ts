// The listener pool's glue without real processes: fake listener processes (state changes, stdin
// writes) and bytes fed as if read from their stdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventListenerPoolConfig } from '../../../src/config/types.js';
import { SerialCounter, type QueuedEvent } from '../../../src/core/event-pool.js';
import { remoteCommunicationEvent } from '../../../src/core/event-types.js';
import type { ProcessStateName } from '../../../src/core/states.js';
import { ListenerPool, DEFAULT_RESULT_HANDLER } from '../../../src/daemon/events/listener-pool.js';
import type { Logger } from '../../../src/daemon/logger.js';
import type { ManagedProcess } from '../../../src/daemon/managed-process.js';

type Change = (p: unknown, from: ProcessStateName, to: ProcessStateName) => void;

class FakeListener {
  state: ProcessStateName = 'STOPPED';
  readonly written: string[] = [];
  private readonly listeners = new Set<Change>();
  readonly stdin = { destroyed: false, write: (s: string) => this.written.push(s) > 0 };
  constructor(readonly config: { name: string }) {}
  onChange(l: Change) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  go(...states: ProcessStateName[]) {
    for (const to of states) {
      const from = this.state;
      this.state = to;
      for (const l of this.listeners) l(this, from, to);
    }
  }
}

function setup(names: string[], bufferSize = 10) {
  const lines: string[] = [];
  const log = Object.fromEntries(
    ['crit', 'error', 'warn', 'info', 'debug', 'trace', 'blather'].map((level) => [level, (m: string) => lines.push(`${level} ${m}`)]),
  ) as unknown as Logger;
  const config = { kind: 'eventlistener', name: 'pool', events: ['EVENT'], bufferSize, resultHandler: DEFAULT_RESULT_HANDLER } as unknown as EventListenerPoolConfig;
  const pool = new ListenerPool(config, { log, server: 'supervisor', debugEnabled: () => false });
  const procs = names.map((name) => new FakeListener({ name }));
  pool.attach(procs as unknown as ManagedProcess[]);
  const serials = new SerialCounter();
  const send = (data: string): QueuedEvent => {
    const queued = { event: remoteCommunicationEvent('t', data), serial: serials.next(), poolSerials: new Map<string, number>() };
    pool.accept(queued);
    return queued;
  };
  const say = (p: FakeListener, text: string) => pool.stdout(p.config.name, Buffer.from(text));
  return { pool, procs, send, say, lines };
}

const settle = () => new Promise((r) => setImmediate(r));

test('events wait for a RUNNING and READY listener, then go one at a time, oldest first', async () => {
  const { procs, send, say } = setup(['l1']);
  const l1 = procs[0] as FakeListener;
  send('a');
  send('b');
  l1.go('STARTING');
  say(l1, 'READY\n');
  await settle();
  assert.deepEqual(l1.written, [], 'STARTING listeners get nothing');
  l1.go('RUNNING');
  await settle();
  assert.deepEqual(l1.written, ['ver:3.0 server:supervisor serial:0 pool:pool poolserial:0 eventname:REMOTE_COMMUNICATION len:8\ntype:t\na']);
  say(l1, 'RESULT 2\nOK');
  await settle();
  assert.equal(l1.written.length, 1, 'not READY again yet');
  say(l1, 'READY\n');
  await settle();
  assert.match(l1.written[1] ?? '', /serial:1 .*\ntype:t\nb$/);
});

test('FAIL puts the event back at the head; the next READY gets it again with the same serials', async () => {
  const { procs, send, say, lines } = setup(['l1']);
  const l1 = procs[0] as FakeListener;
  l1.go('STARTING', 'RUNNING');
  send('a');
  send('b');
  say(l1, 'READY\n');
  await settle();
  say(l1, 'RESULT 4\nFAILREADY\n');
  await settle();
  assert.equal(l1.written[1], l1.written[0]);
  assert.ok(lines.includes('warn l1: event was rejected'));
  assert.ok(lines.includes('debug rebuffering event 0 for pool pool (buf size=1, max=10)'));
});

test('a listener that dies while BUSY gives the event back; another READY listener takes it', async () => {
  const { procs, send, say } = setup(['l1', 'l2']);
  const [l1, l2] = procs as [FakeListener, FakeListener];
  for (const l of [l1, l2]) l.go('STARTING', 'RUNNING');
  say(l1, 'READY\n');
  send('a');
  await settle();
  assert.equal(l1.written.length, 1);
  say(l2, 'READY\n');
  await settle();
  assert.equal(l2.written.length, 0, 'nothing else to send');
  l1.go('EXITED');
  await settle();
  assert.equal(l2.written[0], l1.written[0]);
  // The restarted l1 starts a new conversation: it must say READY again.
  l1.go('STARTING', 'RUNNING');
  send('b');
  say(l2, 'RESULT 2\nOK');
  await settle();
  assert.equal(l1.written.length, 1);
  say(l1, 'READY\n');
  await settle();
  assert.match(l1.written[1] ?? '', /\ntype:t\nb$/);
});

test('protocol violations: UNKNOWN with supervisord\'s warnings, the event re-queued on a bad result line', async () => {
  const { procs, send, say, lines } = setup(['l1']);
  const l1 = procs[0] as FakeListener;
  l1.go('STARTING', 'RUNNING');
  say(l1, 'READY\n');
  send('a');
  await settle();
  say(l1, 'RESULT x\n');
  assert.deepEqual(lines.filter((l) => !l.startsWith('debug event')), [
    'debug l1: ACKNOWLEDGED -> READY',
    "warn l1: bad result line: 'RESULT x'",
    'debug l1: BUSY -> UNKNOWN',
    'warn l1: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol',
    'debug rebuffering event 0 for pool pool (buf size=0, max=10)',
  ]);
});

test('overflow drops the oldest with supervisord\'s error line', () => {
  const { send, lines } = setup(['l1'], 1);
  send('a');
  send('b');
  assert.deepEqual(lines, ['error pool pool event buffer overflowed, discarding event 0']);
});

// ProgramWatch with fake processes, a fake file watcher and a manual clock: what a burst does while a
// restart is under way, the flap guard, and a pool whose first restarted process does not come up.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcessConfig } from '../../../../src/config/types.js';
import type { ProcessStateName } from '../../../../src/core/states.js';
import type { ManagedProcess } from '../../../../src/daemon/managed-process.js';
import type { Logger } from '../../../../src/daemon/logger.js';
import { ProgramWatch } from '../../../../src/daemon/watch/program-watch.js';
import type { FsWatchOptions } from '../../../../src/daemon/watch/fs-watcher.js';
import { ManualClock } from '../../core/manual-clock.js';

class FakeProcess {
  state: ProcessStateName = 'RUNNING';
  readonly calls: string[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly namespec: string,
    readonly config: Partial<ProcessConfig>,
  ) {}

  stop(): void {
    this.calls.push('stop');
    this.set('STOPPING');
  }

  start(): void {
    this.calls.push('start');
    this.set('STARTING');
  }

  signal(n: number): string | null {
    this.calls.push(`signal ${n}`);
    return null;
  }

  set(state: ProcessStateName): void {
    this.state = state;
    for (const w of [...this.waiters]) w();
  }

  waitFor(done: (p: FakeProcess) => boolean): Promise<void> {
    if (done(this)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!done(this)) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(names: string[], config: Partial<ProcessConfig> = {}) {
  const clock = new ManualClock();
  const lines: string[] = [];
  const log = Object.fromEntries(['crit', 'error', 'warn', 'info', 'debug', 'trace', 'blather'].map((l) => [l, (m: string) => lines.push(`${l} ${m}`)])) as unknown as Logger;
  const procs = names.map((n) => new FakeProcess(n, { watch: ['/app/src'], watchIgnore: [], watchDelay: 100, watchSignal: null, directory: '/app', ...config }));
  let fs: FsWatchOptions | null = null;
  const watch = new ProgramWatch('web', procs as unknown as ManagedProcess[], {
    clock,
    log,
    mood: () => 'RUNNING',
    watchFiles: (opts) => {
      fs = opts;
      return { ready: Promise.resolve(), close: async () => undefined };
    },
  });
  const change = (file: string) => fs?.onChange('change', file);
  return { clock, lines, procs, watch, change };
}

test('changes during a restart give exactly one more round once it is over', async () => {
  const { clock, lines, procs, watch, change } = setup(['web']);
  const [p] = procs as [FakeProcess];
  await watch.start();
  change('/app/src/a.py');
  clock.advance(100);
  assert.deepEqual(p.calls, ['stop']);
  change('/app/src/b.py');
  clock.advance(100);
  change('/app/src/c.py');
  clock.advance(100);
  p.set('STOPPED');
  await settle();
  p.set('RUNNING');
  await settle();
  assert.deepEqual(p.calls, ['stop', 'start', 'stop'], 'the pending round starts after the first');
  p.set('STOPPED');
  await settle();
  p.set('RUNNING');
  await settle();
  assert.deepEqual(lines.filter((l) => l.includes('restarting')), [
    'info watch: restarting web: src/a.py changed',
    'info watch: restarting web: src/b.py changed (and 1 more)',
  ]);
  await watch.close();
});

test('ignored and unmatched paths never reach the batcher', async () => {
  const { clock, procs, watch, change } = setup(['web'], { watch: ['/app/src/**/*.py'], watchIgnore: ['gen'] });
  await watch.start();
  for (const f of ['/app/src/x.txt', '/app/src/gen/y.py', '/app/src/node_modules/z.py', '/app/other.py']) change(f);
  clock.advance(1000);
  assert.deepEqual(procs[0]?.calls, []);
  await watch.close();
});

test('the flap guard stops a restart loop and says why', async () => {
  const { clock, lines, procs, watch, change } = setup(['web']);
  const [p] = procs as [FakeProcess];
  await watch.start();
  for (let i = 0; i < 11; i++) {
    change(`/app/src/f${i}.py`);
    clock.advance(100);
    p.set('STOPPED');
    await settle();
    p.set('RUNNING');
    await settle();
  }
  assert.equal(p.calls.filter((c) => c === 'start').length, 10);
  assert.match(lines.at(-1) ?? '', /^warn watch: web was restarted 10 times in 30 s by changes; ignoring changes for 30 s/);
  await watch.close();
});

test('watch_signal signals a RUNNING process; a pool stops its round when a restarted process does not come up', async () => {
  const signalled = setup(['web'], { watchSignal: 1 });
  await signalled.watch.start();
  signalled.change('/app/src/a.py');
  signalled.clock.advance(100);
  await settle();
  assert.deepEqual(signalled.procs[0]?.calls, ['signal 1']);
  assert.deepEqual(signalled.lines.slice(-1), ['info watch: sent SIGHUP to web: src/a.py changed']);
  await signalled.watch.close();

  const pool = setup(['web:web_0', 'web:web_1']);
  const [a, b] = pool.procs as [FakeProcess, FakeProcess];
  await pool.watch.start();
  pool.change('/app/src/a.py');
  pool.clock.advance(100);
  a.set('STOPPED');
  await settle();
  a.set('BACKOFF');
  await settle();
  assert.deepEqual([a.calls, b.calls], [['stop', 'start'], []]);
  assert.match(pool.lines.at(-1) ?? '', /^warn watch: web:web_0 did not reach RUNNING after the change; the other 1 process\(es\) of web keep running as they are$/);
  await pool.watch.close();
});

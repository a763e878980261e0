// The result arrays of the group/"all" calls: order and contents, as supervisord builds them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fault } from '../../../src/core/faults.js';
import type { ManagedProcess } from '../../../src/daemon/managed-process.js';
import { forEachProcess } from '../../../src/rpc/group-results.js';
import type { Outcome } from '../../../src/rpc/process-actions.js';

function fake(name: string, group = 'g'): ManagedProcess {
  return { config: { name }, group } as unknown as ManagedProcess;
}

function deferred(): { outcome: Outcome; resolve(): void; reject(f: Fault): void } {
  let resolve!: () => void;
  let reject!: (f: Fault) => void;
  const waiting = new Promise<true>((res, rej) => {
    resolve = () => res(true);
    reject = rej;
  });
  return { outcome: { waiting }, resolve, reject };
}

test('immediate entries first in process order; filtered processes get no entry; namespecs as supervisord writes them', async () => {
  const seen: string[] = [];
  const procs = [fake('a'), fake('b'), fake('c'), fake('solo', 'solo')];
  const results = await forEachProcess(
    procs,
    (p) => p.config.name !== 'b',
    (p, spec) => {
      seen.push(spec);
      if (p.config.name === 'c') throw new Fault('SPAWN_ERROR', spec);
      return true;
    },
  );
  assert.deepEqual(seen, ['g:a', 'g:c', 'solo']);
  assert.deepEqual(results, [
    { name: 'a', group: 'g', status: 80, description: 'OK' },
    { name: 'c', group: 'g', status: 50, description: 'SPAWN_ERROR: g:c' },
    { name: 'solo', group: 'solo', status: 80, description: 'OK' },
  ]);
});

test('waits are reported after the immediate entries; those finishing together in process order, later ones after', async () => {
  const waits = new Map([['x', deferred()], ['y', deferred()], ['z', deferred()]]);
  const procs = [fake('x'), fake('now'), fake('y'), fake('z')];
  const running = forEachProcess(procs, () => true, (p) => waits.get(p.config.name)?.outcome ?? true);
  // z and y finish in the same moment (z first), x a good while later.
  waits.get('z')?.resolve();
  waits.get('y')?.reject(new Fault('ABNORMAL_TERMINATION', 'g:y'));
  setTimeout(() => waits.get('x')?.resolve(), 200);
  assert.deepEqual(await running, [
    { name: 'now', group: 'g', status: 80, description: 'OK' },
    { name: 'y', group: 'g', status: 40, description: 'ABNORMAL_TERMINATION: g:y' },
    { name: 'z', group: 'g', status: 80, description: 'OK' },
    { name: 'x', group: 'g', status: 80, description: 'OK' },
  ]);
});

test('a wait that fails with something other than a Fault (the client left) fails the whole call', async () => {
  const gone = new Error('client left');
  const outcome: Outcome = { waiting: Promise.reject(gone) };
  await assert.rejects(forEachProcess([fake('a')], () => true, () => outcome), gone);
});

test('no process passes the filter: an empty array', async () => {
  assert.deepEqual(await forEachProcess([fake('a')], () => false, () => true), []);
});

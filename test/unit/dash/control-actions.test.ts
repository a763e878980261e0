import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runControl } from '../../../src/dash/control-actions.js';
import { Fault } from '../../../src/core/faults.js';

type Handler = (params: readonly unknown[]) => unknown;

function fakeDaemon(handlers: Record<string, Handler>) {
  const calls: string[] = [];
  const call = async <T>(method: string, params: readonly unknown[]): Promise<T> => {
    calls.push(`${method}(${params.map((p) => JSON.stringify(p)).join(', ')})`);
    const handler = handlers[method];
    if (!handler) throw new Fault('UNKNOWN_METHOD');
    return handler(params) as T;
  };
  return { call, calls };
}

test('a single process: success and faults worded as supervisorctl words them', async () => {
  const ok = fakeDaemon({ 'supervisor.startProcess': () => true });
  assert.deepEqual(await runControl(ok.call, 'start', { kind: 'process', namespec: 'site:web' }), { text: 'site:web: started', error: false });
  assert.deepEqual(ok.calls, ['supervisor.startProcess("site:web", true)']);
  const bad = fakeDaemon({ 'supervisor.startProcess': () => { throw new Fault('SPAWN_ERROR', 'web'); } });
  assert.deepEqual(await runControl(bad.call, 'start', { kind: 'process', namespec: 'web' }), { text: 'web: ERROR (spawn error)', error: true });
  const notRunning = fakeDaemon({ 'supervisor.stopProcess': () => { throw new Fault('NOT_RUNNING', 'web'); } });
  assert.deepEqual(await runControl(notRunning.call, 'stop', { kind: 'process', namespec: 'web' }), { text: 'web: ERROR (not running)', error: true });
});

test('restart is stop then start; a process that was not running is simply started', async () => {
  const d = fakeDaemon({
    'supervisor.stopProcess': () => { throw new Fault('NOT_RUNNING', 'web'); },
    'supervisor.startProcess': () => true,
  });
  assert.deepEqual(await runControl(d.call, 'restart', { kind: 'process', namespec: 'web' }), { text: 'web: started', error: false });
  assert.deepEqual(d.calls, ['supervisor.stopProcess("web", true)', 'supervisor.startProcess("web", true)']);
});

test('a group uses the group calls and lists each member\'s result; signals name the signal', async () => {
  const d = fakeDaemon({
    'supervisor.stopProcessGroup': () => [{ name: 'api', group: 'site', status: 80, description: 'OK' }, { name: 'web', group: 'site', status: 70, description: 'NOT_RUNNING' }],
    'supervisor.signalProcessGroup': () => [{ name: 'api', group: 'site', status: 80, description: 'OK' }],
    'supervisor.signalAllProcesses': () => [],
  });
  assert.deepEqual(await runControl(d.call, 'stop', { kind: 'group', group: 'site' }), { text: 'site:api: stopped\nsite:web: ERROR (not running)', error: true });
  assert.deepEqual(await runControl(d.call, 'signal', { kind: 'group', group: 'site' }, 'HUP'), { text: 'site:api: signalled', error: false });
  assert.equal(d.calls[1], 'supervisor.signalProcessGroup("site", "HUP")');
  assert.deepEqual(await runControl(d.call, 'signal', { kind: 'all' }, 'USR1'), { text: 'nothing to signal', error: false });
});

test('a lost connection is an error line, not a crash', async () => {
  const d = fakeDaemon({ 'supervisor.startAllProcesses': () => { throw new Error('refused connection'); } });
  assert.deepEqual(await runControl(d.call, 'start', { kind: 'all' }), { text: 'all: ERROR (refused connection)', error: true });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fault } from '../../../src/core/faults.js';
import { dispatch, type CallContext, type DispatchOutcome, type MethodSpec, type MethodTable } from '../../../src/rpc/method-table.js';

const ctx: CallContext = { transport: 'xmlrpc', signal: new AbortController().signal };

function fakeTable(): { table: MethodTable; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const spec = (signature: string[], call: MethodSpec['call'], minParams?: number): MethodSpec => ({
    signature,
    help: 'help text',
    call: (params, c) => {
      calls.push([...params]);
      return call(params, c);
    },
    ...(minParams === undefined ? {} : { minParams }),
  });
  const table = new Map<string, MethodSpec>([
    ['supervisor.getState', spec(['struct'], () => ({ statecode: 1, statename: 'RUNNING' }))],
    ['supervisor.startProcess', spec(['boolean', 'string', 'boolean'], ([, wait]) => wait ?? true, 1)],
    ['supervisor.readLog', spec(['string', 'int', 'int'], ([offset, length]) => `${String(offset)}/${String(length)}`)],
    ['supervisor.getProcessInfo', spec(['struct', 'string'], ([name]) => {
      throw new Fault('BAD_NAME', String(name));
    })],
    ['supervisor.broken', spec(['string'], () => {
      throw new RangeError('bug');
    })],
    ['supervisor.slow', spec(['int'], async () => {
      await new Promise((r) => setImmediate(r));
      return 42;
    })],
    ['supervisor._secret', spec(['string'], () => 'leaked')],
  ]);
  return { table, calls };
}

function faultOf(outcome: DispatchOutcome): string {
  assert.equal(outcome.kind, 'fault', JSON.stringify(outcome));
  return outcome.kind === 'fault' ? outcome.fault.faultString : '';
}

test('resolves a two-segment name and returns the handler value, awaiting promises', async () => {
  const { table } = fakeTable();
  assert.deepEqual(await dispatch(table, 'supervisor.getState', [], ctx), { kind: 'result', value: { statecode: 1, statename: 'RUNNING' } });
  assert.deepEqual(await dispatch(table, 'supervisor.slow', [], ctx), { kind: 'result', value: 42 });
});

test('names that are not exactly namespace.method, private or unknown are UNKNOWN_METHOD', async () => {
  const { table, calls } = fakeTable();
  for (const name of ['supervisor.getState.x', 'supervisor', '', '.getState', 'supervisor._secret', 'nosuch.getState', 'supervisor.nosuch', 'supervisor.__proto__', 'supervisor.constructor']) {
    assert.equal(faultOf(await dispatch(table, name, [], ctx)), 'UNKNOWN_METHOD', name);
  }
  assert.deepEqual(calls, []);
});

test('arity: too many or too few params are INCORRECT_PARAMETERS; minParams allows defaults', async () => {
  const { table } = fakeTable();
  assert.equal(faultOf(await dispatch(table, 'supervisor.getState', [1], ctx)), 'INCORRECT_PARAMETERS');
  assert.equal(faultOf(await dispatch(table, 'supervisor.startProcess', [], ctx)), 'INCORRECT_PARAMETERS');
  assert.equal(faultOf(await dispatch(table, 'supervisor.startProcess', ['a', true, 3], ctx)), 'INCORRECT_PARAMETERS');
  assert.deepEqual(await dispatch(table, 'supervisor.startProcess', ['a'], ctx), { kind: 'result', value: true });
  assert.deepEqual(await dispatch(table, 'supervisor.startProcess', ['a', false], ctx), { kind: 'result', value: false });
});

test('types are checked against the signature; 0/1 pass as booleans', async () => {
  const { table, calls } = fakeTable();
  assert.equal(faultOf(await dispatch(table, 'supervisor.readLog', ['0', 10], ctx)), 'INCORRECT_PARAMETERS');
  assert.equal(faultOf(await dispatch(table, 'supervisor.readLog', [1.5, 10], ctx)), 'INCORRECT_PARAMETERS');
  assert.equal(faultOf(await dispatch(table, 'supervisor.startProcess', [7], ctx)), 'INCORRECT_PARAMETERS');
  assert.equal(faultOf(await dispatch(table, 'supervisor.startProcess', ['a', 'yes'], ctx)), 'INCORRECT_PARAMETERS');
  assert.deepEqual(await dispatch(table, 'supervisor.startProcess', ['a', 0], ctx), { kind: 'result', value: false });
  assert.deepEqual(calls, [['a', false]]);
  assert.deepEqual(await dispatch(table, 'supervisor.readLog', [-5, 0], ctx), { kind: 'result', value: '-5/0' });
});

test('a thrown Fault is a fault; anything else is an error outcome', async () => {
  const { table } = fakeTable();
  assert.equal(faultOf(await dispatch(table, 'supervisor.getProcessInfo', ['x'], ctx)), 'BAD_NAME: x');
  const broken = await dispatch(table, 'supervisor.broken', [], ctx);
  assert.equal(broken.kind, 'error');
  assert.ok(broken.kind === 'error' && broken.error instanceof RangeError);
});

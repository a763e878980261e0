import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Fault } from '../../../src/core/faults.js';
import { dispatch, type CallContext, type MethodSpec } from '../../../src/rpc/method-table.js';
import { withSystemMethods } from '../../../src/rpc/system-methods.js';

const ctx: CallContext = { transport: 'xmlrpc', signal: new AbortController().signal };

function fakeTable(log: string[] = []) {
  return withSystemMethods(
    new Map<string, MethodSpec>([
      ['supervisor.getAPIVersion', { signature: ['string'], help: 'api help', call: () => '3.0' }],
      ['supervisor.getProcessInfo', {
        signature: ['struct', 'string'],
        help: 'info help',
        call: ([name]) => {
          throw new Fault('BAD_NAME', String(name));
        },
      }],
      ['supervisor.startProcess', {
        signature: ['boolean', 'string', 'boolean'],
        minParams: 1,
        help: 'start help',
        call: async ([name]) => {
          log.push(`start ${String(name)} begin`);
          await new Promise((r) => setTimeout(r, 20));
          log.push(`start ${String(name)} end`);
          return true;
        },
      }],
      ['supervisor.stopProcess', {
        signature: ['boolean', 'string', 'boolean'],
        minParams: 1,
        help: 'stop help',
        call: ([name]) => {
          log.push(`stop ${String(name)}`);
          return true;
        },
      }],
      ['supervisor.broken', { signature: ['string'], help: 'broken', call: () => { throw new TypeError('oops'); } }],
      ['supervisor.untyped', { signature: [], help: 'no tags', call: () => 'x' }],
    ]),
  );
}

async function result(name: string, params: unknown[], log?: string[]): Promise<unknown> {
  const outcome = await dispatch(fakeTable(log), name, params, ctx);
  assert.equal(outcome.kind, 'result', JSON.stringify(outcome));
  return outcome.kind === 'result' ? outcome.value : undefined;
}

async function fault(name: string, params: unknown[]): Promise<string> {
  const outcome = await dispatch(fakeTable(), name, params, ctx);
  assert.equal(outcome.kind, 'fault', JSON.stringify(outcome));
  return outcome.kind === 'fault' ? outcome.fault.faultString : '';
}

test('listMethods: sorted names of every namespace including system', async () => {
  assert.deepEqual(await result('system.listMethods', []), [
    'supervisor.broken',
    'supervisor.getAPIVersion',
    'supervisor.getProcessInfo',
    'supervisor.startProcess',
    'supervisor.stopProcess',
    'supervisor.untyped',
    'system.listMethods',
    'system.methodHelp',
    'system.methodSignature',
    'system.multicall',
  ]);
});

test('methodHelp and methodSignature; unknown or untagged is SIGNATURE_UNSUPPORTED', async () => {
  assert.equal(await result('system.methodHelp', ['supervisor.getAPIVersion']), 'api help');
  assert.deepEqual(await result('system.methodSignature', ['supervisor.startProcess']), ['boolean', 'string', 'boolean']);
  assert.deepEqual(await result('system.methodSignature', ['system.multicall']), ['array', 'array']);
  assert.equal(await fault('system.methodHelp', ['supervisor.nosuch']), 'SIGNATURE_UNSUPPORTED');
  assert.equal(await fault('system.methodSignature', ['nosuch']), 'SIGNATURE_UNSUPPORTED');
  assert.equal(await fault('system.methodSignature', ['supervisor.untyped']), 'SIGNATURE_UNSUPPORTED');
  assert.equal(await fault('system.methodHelp', []), 'INCORRECT_PARAMETERS');
  assert.equal(await result('supervisor.untyped', [1, 2]), 'x');
});

test('multicall returns bare values and fault structs, exactly as supervisord 4.2.5', async () => {
  // The same calls as the payload captured from real supervisord (see captured-payloads.ts).
  const value = await result('system.multicall', [[
    { methodName: 'supervisor.getAPIVersion', params: [] },
    { methodName: 'supervisor.getProcessInfo', params: ['nosuch'] },
    { methodName: 'system.multicall' },
    { params: [] },
    { methodName: 'supervisor.getAPIVersion' },
  ]]);
  assert.deepEqual(value, [
    '3.0',
    { faultCode: 10, faultString: 'BAD_NAME: nosuch' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
    '3.0',
  ]);
});

test('multicall: resolution rules, arity, unexpected errors and malformed entries', async () => {
  const value = await result('system.multicall', [[
    { methodName: 'supervisor.getAPIVersion.x' },
    { methodName: 'supervisor.getAPIVersion', params: [1] },
    { methodName: 'supervisor.broken' },
    'not a struct',
    { methodName: 'supervisor.getAPIVersion', params: 'abc' },
  ]]);
  assert.deepEqual(value, [
    { faultCode: 1, faultString: 'UNKNOWN_METHOD' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS' },
    { faultCode: 30, faultString: 'FAILED: TypeError:oops' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: call is not a struct' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: params is not an array' },
  ]);
  assert.equal(await fault('system.multicall', ['not an array']), 'INCORRECT_PARAMETERS');
  assert.deepEqual(await result('system.multicall', [[]]), []);
});

test('multicall awaits each call before starting the next', async () => {
  const log: string[] = [];
  const value = await result('system.multicall', [[
    { methodName: 'supervisor.startProcess', params: ['a'] },
    { methodName: 'supervisor.stopProcess', params: ['a'] },
    { methodName: 'supervisor.startProcess', params: ['b', true] },
  ]], log);
  assert.deepEqual(value, [true, true, true]);
  assert.deepEqual(log, ['start a begin', 'start a end', 'stop a', 'start b begin', 'start b end']);
});

// `status` asks its upcheck and getAllProcessInfo in one system.multicall. Whatever the server answers, the
// output and the exit status must be those of the two separate requests (supervisorctl's way), and a server
// without system.multicall must still be asked the old way.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fault } from '../../../src/core/faults.js';
import { fakeCtl, fault, info, transportError, type FakeMethod } from './fake-ctl.js';

const ALL = [info('cat', 'cat', 'RUNNING'), info('grp', 'ga', 'RUNNING'), info('grp', 'gb', 'STOPPED')];

/** The same methods plus system.multicall as servers answer it: bare results, faults as structs. */
function withMulticall(methods: Record<string, FakeMethod>): Record<string, FakeMethod> {
  const call = async (name: string, params: unknown[]): Promise<unknown> => {
    const handler = methods[name] ?? (name === 'supervisor.getVersion' ? () => '3.0' : undefined);
    if (!handler) throw new Fault('UNKNOWN_METHOD');
    return handler(...params);
  };
  const multicall: FakeMethod = async (calls) => {
    const results: unknown[] = [];
    for (const { methodName, params } of calls as Array<{ methodName: string; params: unknown[] }>) {
      try {
        results.push(await call(methodName, params));
      } catch (err) {
        if (!(err instanceof Fault)) throw err; // a transport failure fails the whole request
        results.push({ faultCode: err.code, faultString: err.faultString });
      }
    }
    return results;
  };
  return { ...methods, 'system.multicall': multicall };
}

const SERVERS: Record<string, Record<string, FakeMethod>> = {
  'all running and stopped': { 'supervisor.getAllProcessInfo': () => ALL },
  'API version 2.0': { 'supervisor.getVersion': () => '2.0', 'supervisor.getAllProcessInfo': () => ALL },
  'no supervisor namespace': { 'supervisor.getVersion': () => { throw fault('UNKNOWN_METHOD'); } },
  'getVersion fails otherwise': { 'supervisor.getVersion': () => { throw fault('FAILED', 'broken'); } },
  'getAllProcessInfo fails': { 'supervisor.getAllProcessInfo': () => { throw fault('SHUTDOWN_STATE'); } },
  'socket missing': { 'supervisor.getVersion': () => { throw transportError('ENOENT'); } },
  'connection refused': { 'supervisor.getVersion': () => { throw transportError('ECONNREFUSED'); } },
  '401': { 'supervisor.getVersion': () => { throw transportError('UNAUTHORIZED', 401); } },
  'HTTP 500': { 'supervisor.getVersion': () => { throw transportError('HTTP', 500); } },
};

const LINES = ['status', 'status cat nosuch grp:*', 'status --json', 'status all'];

test('status through one multicall answers exactly as through two requests', async () => {
  for (const [server, methods] of Object.entries(SERVERS)) {
    for (const line of LINES) {
      const argv = ['-s', 'unix:///run/x.sock', 'status'];
      const two = fakeCtl(methods, argv);
      const one = fakeCtl(withMulticall(methods), argv);
      const expected = await two.run(line);
      assert.deepEqual(await one.run(line), expected, `${server}: ${line}`);
      assert.equal(one.stderr(), two.stderr(), `${server}: ${line} (stderr)`);
      // 401 and HTTP errors repeat the command (supervisorctl's second attempt) or fall back to two requests.
      if (!['401', 'HTTP 500'].includes(server)) {
        assert.deepEqual(one.calls.map(([method]) => method), ['system.multicall'], `${server}: ${line} (one request)`);
      }
    }
  }
});

test('a server without system.multicall is asked getVersion, then getAllProcessInfo', async () => {
  const f = fakeCtl({ 'supervisor.getAllProcessInfo': () => ALL });
  assert.equal((await f.run('status cat')).exit, 0);
  assert.deepEqual(f.calls.map(([method]) => method), ['system.multicall', 'supervisor.getVersion', 'supervisor.getAllProcessInfo']);
});

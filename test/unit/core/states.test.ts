import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessStates, processStateName, RUNNING_STATES, STOPPED_STATES } from '../../../src/core/states.js';
import { Fault, faultName } from '../../../src/core/faults.js';

test('state codes are supervisord\'s', () => {
  assert.deepEqual(ProcessStates, { STOPPED: 0, STARTING: 10, RUNNING: 20, BACKOFF: 30, STOPPING: 40, EXITED: 100, FATAL: 200, UNKNOWN: 1000 });
  assert.equal(processStateName(30), 'BACKOFF');
  assert.equal(processStateName(7), undefined);
  assert.ok(RUNNING_STATES.has('BACKOFF') && !RUNNING_STATES.has('STOPPING') && !STOPPED_STATES.has('STOPPING'));
});

test('fault strings are NAME or NAME: detail', () => {
  assert.equal(new Fault('BAD_NAME', 'nosuch').faultString, 'BAD_NAME: nosuch');
  assert.equal(new Fault('SHUTDOWN_STATE').faultString, 'SHUTDOWN_STATE');
  assert.equal(new Fault('SPAWN_ERROR', 'x').code, 50);
  assert.equal(faultName(12345), 'UNKNOWN');
});

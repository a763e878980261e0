import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchAction } from '../../../src/core/watch-policy.js';
import { ProcessStates, type ProcessStateName } from '../../../src/core/states.js';

test('what a change does, by state, with and without watch_signal', () => {
  const table = Object.fromEntries(
    (Object.keys(ProcessStates) as ProcessStateName[]).map((s) => [s, [watchAction(s, false), watchAction(s, true)]]),
  );
  assert.deepEqual(table, {
    STOPPED: ['none', 'none'], // stopped by request (or autostart=false): a change is not a start request
    STARTING: ['restart', 'restart'], // too early for a signal handler
    RUNNING: ['restart', 'signal'],
    BACKOFF: ['none', 'none'], // the scheduled retry runs the new code, after its delay
    STOPPING: ['none', 'none'],
    EXITED: ['start', 'start'], // one fresh try per burst, like nodemon after a crash
    FATAL: ['start', 'start'],
    UNKNOWN: ['none', 'none'],
  });
});

// Golden strings produced by supervisord 4.2.5's own event classes (supervisor.events, and the pool's
// envelope) for the same inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  envelope,
  isSubtypeOf,
  processCommunicationEvent,
  processGroupEvent,
  processLogEvent,
  processStateEvent,
  remoteCommunicationEvent,
  subscriptionMatches,
  supervisorStateEvent,
  tickEvent,
  timeslice,
  type ProcessStateChange,
} from '../../../src/core/event-types.js';
import { pyBytesRepr } from '../../../src/core/py-bytes.js';

const change = (c: Partial<ProcessStateChange>): ProcessStateChange => ({
  group: 'grp', name: 'web', from: 'STOPPED', to: 'STARTING', pid: 0, tries: 0, expected: true, ...c,
});

test('process state payloads carry exactly the fields supervisord gives each state', () => {
  const cases: [Partial<ProcessStateChange>, string, string][] = [
    [{ from: 'STOPPED', to: 'STARTING', tries: 0 }, 'PROCESS_STATE_STARTING', 'processname:web groupname:grp from_state:STOPPED tries:0'],
    [{ from: 'BACKOFF', to: 'STARTING', tries: 2 }, 'PROCESS_STATE_STARTING', 'processname:web groupname:grp from_state:BACKOFF tries:2'],
    [{ from: 'STARTING', to: 'RUNNING', pid: 4242 }, 'PROCESS_STATE_RUNNING', 'processname:web groupname:grp from_state:STARTING pid:4242'],
    [{ from: 'STARTING', to: 'BACKOFF', tries: 3 }, 'PROCESS_STATE_BACKOFF', 'processname:web groupname:grp from_state:STARTING tries:3'],
    [{ from: 'RUNNING', to: 'STOPPING', pid: 4242 }, 'PROCESS_STATE_STOPPING', 'processname:web groupname:grp from_state:RUNNING pid:4242'],
    [{ from: 'RUNNING', to: 'EXITED', pid: 4242, expected: false }, 'PROCESS_STATE_EXITED', 'processname:web groupname:grp from_state:RUNNING expected:0 pid:4242'],
    [{ from: 'RUNNING', to: 'EXITED', pid: 4242, expected: true }, 'PROCESS_STATE_EXITED', 'processname:web groupname:grp from_state:RUNNING expected:1 pid:4242'],
    [{ from: 'STOPPING', to: 'STOPPED', pid: 4242 }, 'PROCESS_STATE_STOPPED', 'processname:web groupname:grp from_state:STOPPING pid:4242'],
    [{ from: 'BACKOFF', to: 'STOPPED', pid: 0, tries: 1 }, 'PROCESS_STATE_STOPPED', 'processname:web groupname:grp from_state:BACKOFF pid:0'],
    [{ from: 'BACKOFF', to: 'FATAL', tries: 4 }, 'PROCESS_STATE_FATAL', 'processname:web groupname:grp from_state:BACKOFF'],
    [{ from: 'RUNNING', to: 'UNKNOWN', pid: 4242 }, 'PROCESS_STATE_UNKNOWN', 'processname:web groupname:grp from_state:RUNNING'],
  ];
  for (const [c, type, payload] of cases) assert.deepEqual(processStateEvent(change(c)), { type, payload });
});

test('log, communication, remote, supervisor, group and tick payloads', () => {
  assert.deepEqual(processLogEvent('grp', 'web', 99, 'stdout', Buffer.from('hi\n')), {
    type: 'PROCESS_LOG_STDOUT', payload: 'processname:web groupname:grp pid:99 channel:stdout\nhi\n',
  });
  assert.equal(processLogEvent('grp', 'web', 99, 'stderr', Buffer.from([0x61, 0xff, 0x27, 0x62])).payload,
    'processname:web groupname:grp pid:99 channel:stderr\nUndecodable: b"a\\xff\'b"');
  assert.deepEqual(processCommunicationEvent('grp', 'web', 99, 'stdout', Buffer.from('café')), {
    type: 'PROCESS_COMMUNICATION_STDOUT', payload: 'processname:web groupname:grp pid:99\ncafé',
  });
  assert.deepEqual(remoteCommunicationEvent('t', 'dé'), { type: 'REMOTE_COMMUNICATION', payload: 'type:t\ndé' });
  assert.deepEqual(supervisorStateEvent('RUNNING'), { type: 'SUPERVISOR_STATE_CHANGE_RUNNING', payload: '' });
  assert.deepEqual(processGroupEvent('ADDED', 'grp'), { type: 'PROCESS_GROUP_ADDED', payload: 'groupname:grp\n' });
  assert.deepEqual(processGroupEvent('REMOVED', 'grp'), { type: 'PROCESS_GROUP_REMOVED', payload: 'groupname:grp\n' });
  assert.deepEqual(tickEvent(60, 1795296240), { type: 'TICK_60', payload: 'when:1795296240' });
});

test('the envelope counts len in code points while the payload stays as it is', () => {
  const text = envelope(remoteCommunicationEvent('t', 'dé'), { server: 'supervisor', serial: 7, pool: 'listen', poolSerial: 3 });
  assert.equal(text, 'ver:3.0 server:supervisor serial:7 pool:listen poolserial:3 eventname:REMOTE_COMMUNICATION len:9\ntype:t\ndé');
  // An astral character is one code point (two UTF-16 units, four UTF-8 bytes).
  assert.match(envelope({ type: 'REMOTE_COMMUNICATION', payload: '😀' }, { server: 's', serial: 0, pool: 'p', poolSerial: 0 }), / len:1\n/);
});

test('subscriptions: a type receives its subtypes, EVENT receives everything, siblings nothing', () => {
  assert.equal(isSubtypeOf('PROCESS_STATE_RUNNING', 'PROCESS_STATE'), true);
  assert.equal(isSubtypeOf('PROCESS_STATE_RUNNING', 'EVENT'), true);
  assert.equal(isSubtypeOf('TICK_60', 'TICK'), true);
  assert.equal(isSubtypeOf('TICK_60', 'TICK_5'), false);
  assert.equal(isSubtypeOf('PROCESS_LOG_STDOUT', 'PROCESS_COMMUNICATION'), false);
  assert.equal(isSubtypeOf('PROCESS_STATE', 'PROCESS_STATE_RUNNING'), false);
  // supervisord queues an event once per matching entry of events= (PROCESS_STATE and PROCESS_STATE_RUNNING: twice).
  assert.equal(subscriptionMatches('PROCESS_STATE_RUNNING', ['PROCESS_STATE', 'PROCESS_STATE_RUNNING']), 2);
  assert.equal(subscriptionMatches('TICK_5', ['PROCESS_STATE']), 0);
});

test('timeslice is the start of the wall-clock slice, as supervisord computes it', () => {
  assert.equal(timeslice(5, 1795296204.9), 1795296200);
  assert.equal(timeslice(5, 1795296205), 1795296205);
  assert.equal(timeslice(3600, 1795296205.5), 1795294800);
});

test('bytes are shown as Python repr shows them', () => {
  assert.equal(pyBytesRepr(Buffer.from('READY\n')), "b'READY\\n'");
  assert.equal(pyBytesRepr(Buffer.from("a'b")), 'b"a\'b"');
  assert.equal(pyBytesRepr(Buffer.from('a\'"b')), "b'a\\'\"b'");
  assert.equal(pyBytesRepr(Buffer.from([0, 0xff, 0x5c, 0x20, 9, 13, 10, 0x7f])), "b'\\x00\\xff\\\\ \\t\\r\\n\\x7f'");
});

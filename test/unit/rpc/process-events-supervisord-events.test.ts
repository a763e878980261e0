// The JSON event stream carries the events that exist for supervisord's listeners too (one bus).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventBus } from '../../../src/core/events.js';
import { processEventSource } from '../../../src/rpc/process-events.js';
import type { Supervisor } from '../../../src/daemon/supervisor.js';

test('capture-mode messages and ticks reach the JSON event stream', () => {
  const bus = new EventBus();
  const supervisor = { state: 'RUNNING', groups: () => [], group: () => undefined } as unknown as Supervisor;
  const got: unknown[] = [];
  const { close } = processEventSource({ supervisor, bus }).subscribe((e) => got.push(e));
  bus.emit('process-comm', { group: 'g', name: 'p', channel: 'stdout', pid: 7, data: Buffer.from('hi') });
  bus.emit('process-comm', { group: 'g', name: 'p', channel: 'stderr', pid: 7, data: Buffer.from([0xff]) });
  bus.emit('tick', { period: 5, when: 1795296200 });
  close();
  bus.emit('tick', { period: 5, when: 1795296205 });
  assert.deepEqual(got, [
    { type: 'process-comm', group: 'g', name: 'p', channel: 'stdout', pid: 7, text: 'hi' },
    { type: 'process-comm', group: 'g', name: 'p', channel: 'stderr', pid: 7, base64: '/w==' },
    { type: 'tick', period: 5, when: 1795296200 },
  ]);
});

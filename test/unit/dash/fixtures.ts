// Small builders for the dashboard model tests: process infos and a state fed through the reducer.

import { ProcessStates, type ProcessStateName } from '../../../src/core/states.js';
import { updateAll } from '../../../src/dash/model/reducer.js';
import { initialState } from '../../../src/dash/model/state.js';
import type { DashState, Effect, Message, ProcessInfo } from '../../../src/dash/model/types.js';

export function info(group: string, name: string, statename: ProcessStateName = 'RUNNING', pid = 0): ProcessInfo {
  return {
    group,
    name,
    statename,
    state: ProcessStates[statename],
    pid: pid || (statename === 'RUNNING' ? 100 + name.length : 0),
    start: 1_000,
    stop: 0,
    now: 1_060,
    spawnerr: '',
    exitstatus: 0,
    description: statename === 'FATAL' ? "can't find command 'x'" : '',
  };
}

export function snapshot(processes: ProcessInfo[]): Message {
  return { type: 'snapshot', supervisor: { statename: 'RUNNING' }, processes };
}

export const key = (k: string): Message => ({ type: 'key', key: k });
export const keys = (...ks: string[]): Message[] => ks.map(key);

/** A connected dashboard that received `processes`, with a viewport of the given size. */
export function connected(processes: ProcessInfo[], viewport = { tableRows: 20, logRows: 10 }, capacity?: number): DashState {
  return run(initialState(capacity), [
    { type: 'connection', status: 'connected', detail: '' },
    { type: 'viewport', viewport },
    snapshot(processes),
  ]).state;
}

export function run(state: DashState, msgs: Message[]): { state: DashState; effects: Effect[] } {
  const step = updateAll(state, msgs, 1_060_000);
  return { state: step.state, effects: [...step.effects] };
}

export function logLine(group: string, name: string, text: string, channel: 'stdout' | 'stderr' = 'stdout'): Message {
  return { type: 'process-log', group, name, channel, text };
}

// The state a dashboard starts from, before the first snapshot arrives.

import { createLogBuffer } from './log-buffer.js';
import type { DashState } from './types.js';

/** Lines kept per process and channel (pm2 monit keeps 200 in total). */
export const DEFAULT_LOG_LINES = 5000;

export function initialState(logCapacity = DEFAULT_LOG_LINES): DashState {
  return {
    connection: { status: 'connecting', detail: '' },
    daemon: { identification: '', version: '', statename: '' },
    processes: new Map(),
    stats: new Map(),
    clockSkew: 0,
    collapsed: new Set(),
    filter: '',
    selected: null,
    tableTop: 0,
    viewport: { tableRows: 10, logRows: 10 },
    focus: 'table',
    overlay: null,
    log: { mode: 'process', channel: 'stdout', follow: true, anchor: 0, search: '', match: null },
    logs: new Map(),
    // The merged view holds every process's lines: twice the room of one process.
    merged: { stdout: createLogBuffer(logCapacity * 2), stderr: createLogBuffer(logCapacity * 2) },
    logCapacity,
    copyMode: false,
    message: null,
    quitting: false,
  };
}

// The log pane's position: following the newest line, or anchored at an absolute line that stays on
// screen while output keeps arriving. Scrolling down to the end resumes following.

import { rowsOf } from './rows.js';
import { createLogBuffer, type LogBuffer } from './log-buffer.js';
import { compilePattern, findMatch } from './search.js';
import type { DashState, LogPane } from './types.js';

const EMPTY = createLogBuffer(1);

/** The process whose log the pane shows (the selected process row), or null. */
export function logSubject(state: DashState): string | null {
  if (state.log.mode === 'merged') return null;
  const row = rowsOf(state).find((r) => r.key === state.selected);
  return row?.kind === 'process' ? row.namespec : null;
}

export function currentBuffer(state: DashState): LogBuffer {
  if (state.log.mode === 'merged') return state.merged[state.log.channel];
  const subject = logSubject(state);
  return (subject === null ? undefined : state.logs.get(subject)?.[state.log.channel]) ?? EMPTY;
}

/** The absolute index of the line at the bottom of the pane. */
export function bottomLine(state: DashState): number {
  const buf = currentBuffer(state);
  return state.log.follow ? buf.end - 1 : Math.min(state.log.anchor, buf.end - 1);
}

function withLog(state: DashState, log: Partial<LogPane>): DashState {
  return { ...state, log: { ...state.log, ...log } };
}

/** Moves the bottom of the pane by `delta` lines (negative = back in time). */
export function scrollLog(state: DashState, delta: number): DashState {
  const buf = currentBuffer(state);
  if (buf.end === buf.first) return state;
  const lowest = Math.min(buf.end - 1, buf.first + Math.max(0, state.viewport.logRows - 1));
  const anchor = Math.max(lowest, bottomLine(state) + delta);
  if (anchor >= buf.end - 1) return withLog(state, { follow: true, anchor: buf.end - 1 });
  return withLog(state, { follow: false, anchor });
}

export function logPage(state: DashState): number {
  return Math.max(1, state.viewport.logRows - 1);
}

export function scrollToTop(state: DashState): DashState {
  const buf = currentBuffer(state);
  return scrollLog(state, -(bottomLine(state) - buf.first + 1));
}

export function setFollow(state: DashState, follow: boolean): DashState {
  return withLog(state, { follow, anchor: bottomLine(state) });
}

/** Jumps to a match: from the bottom of the pane upwards for a new search, `down`/`up` for n / N. */
export function jumpToMatch(state: DashState, direction: 'up' | 'down', fresh = false): DashState {
  const re = compilePattern(state.log.search);
  if (re === null) return state;
  const buf = currentBuffer(state);
  const from = fresh ? bottomLine(state) + 1 : (state.log.match ?? bottomLine(state) + (direction === 'up' ? 1 : 0));
  const match = findMatch(buf, re, from, direction);
  if (match === null) return { ...withLog(state, { match: null }), message: { text: `pattern not found: ${state.log.search}`, error: true } };
  const half = Math.floor(Math.max(1, state.viewport.logRows) / 2);
  const anchor = Math.min(buf.end - 1, match + half);
  return { ...withLog(state, { match, follow: false, anchor }), message: null };
}

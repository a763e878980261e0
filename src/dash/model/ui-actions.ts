// What each keymap action does to the state, and which daemon calls it asks for.

import type { ActionName } from './keymap.js';
import { jumpToMatch, logPage, scrollLog, scrollToTop, setFollow } from './log-pane.js';
import { rowsOf, selectedRow, type Row } from './rows.js';
import { moveSelection, selectIndex, selectedIndex } from './selection.js';
import type { DashState, Effect, Operation, Target } from './types.js';

export interface Step {
  readonly state: DashState;
  readonly effects: readonly Effect[];
}

const just = (state: DashState): Step => ({ state, effects: [] });

export function targetOf(row: Row | undefined): Target | null {
  if (row === undefined) return null;
  return row.kind === 'group' ? { kind: 'group', group: row.group } : { kind: 'process', namespec: row.namespec };
}

function onSelected(state: DashState, op: Operation): Step {
  const target = targetOf(selectedRow(state));
  if (target === null) return just({ ...state, message: { text: 'nothing selected', error: true } });
  if (op === 'signal') return just({ ...state, overlay: { kind: 'signals', index: 0, target } });
  return { state: { ...state, message: null }, effects: [{ kind: 'control', op, target }] };
}

function onAll(state: DashState, op: Operation): Step {
  const target: Target = { kind: 'all' };
  // Stopping or restarting everything is one key away from an accident: ask first.
  if (op === 'start') return { state, effects: [{ kind: 'control', op, target }] };
  return just({ ...state, overlay: { kind: 'confirm', op, target } });
}

function toggleGroup(state: DashState): Step {
  const row = selectedRow(state);
  if (row === undefined) return just(state);
  const group = row.kind === 'group' ? row.group : row.member ? row.info.group : null;
  if (group === null) return just(state);
  const collapsed = new Set(state.collapsed);
  if (collapsed.has(group)) collapsed.delete(group);
  else collapsed.add(group);
  const next = { ...state, collapsed, selected: `g:${group}` };
  return just(selectIndex(next, rowsOf(next).findIndex((r) => r.key === next.selected)));
}

function log(state: DashState, patch: Partial<DashState['log']>): DashState {
  return { ...state, log: { ...state.log, ...patch } };
}

/** Switching what the pane shows starts at the newest line of the new buffer. */
function showLog(state: DashState, patch: Partial<DashState['log']>): DashState {
  return log(state, { ...patch, follow: true, match: null });
}

export function applyAction(state: DashState, action: ActionName): Step {
  switch (action) {
    case 'select-up': return just(moveSelection(state, -1));
    case 'select-down': return just(moveSelection(state, 1));
    case 'select-page-up': return just(moveSelection(state, -Math.max(1, state.viewport.tableRows - 1)));
    case 'select-page-down': return just(moveSelection(state, Math.max(1, state.viewport.tableRows - 1)));
    case 'select-first': return just(selectIndex(state, 0));
    case 'select-last': return just(selectIndex(state, rowsOf(state).length - 1));
    case 'filter': return just({ ...state, overlay: { kind: 'prompt', purpose: 'filter', text: state.filter } });
    case 'clear-filter': return just(state.filter === '' ? { ...state, message: null } : keepSelection(state, ''));
    case 'toggle-group': return toggleGroup(state);
    case 'start': return onSelected(state, 'start');
    case 'stop': return onSelected(state, 'stop');
    case 'restart': return onSelected(state, 'restart');
    case 'signal-menu': return onSelected(state, 'signal');
    case 'start-all': return onAll(state, 'start');
    case 'stop-all': return onAll(state, 'stop');
    case 'restart-all': return onAll(state, 'restart');
    case 'focus-log': return just({ ...state, focus: 'log' });
    case 'focus-table': return just({ ...state, focus: 'table', copyMode: false });
    case 'scroll-up': return just(scrollLog(state, -1));
    case 'scroll-down': return just(scrollLog(state, 1));
    case 'page-up': return just(scrollLog(state, -logPage(state)));
    case 'page-down': return just(scrollLog(state, logPage(state)));
    case 'log-top': return just(scrollToTop(state));
    case 'log-bottom': return just(setFollow(state, true));
    case 'search': return just({ ...state, overlay: { kind: 'prompt', purpose: 'search', text: '' } });
    case 'next-match': return just(jumpToMatch(state, 'down'));
    case 'prev-match': return just(jumpToMatch(state, 'up'));
    case 'toggle-channel': return just(showLog(state, { channel: state.log.channel === 'stdout' ? 'stderr' : 'stdout' }));
    case 'toggle-merged': return just(showLog(state, { mode: state.log.mode === 'merged' ? 'process' : 'merged' }));
    case 'follow': return just(setFollow(state, !state.log.follow));
    case 'copy-mode': return just({ ...state, copyMode: !state.copyMode, focus: state.copyMode ? state.focus : 'log' });
    case 'help': return just({ ...state, overlay: { kind: 'help' } });
    case 'quit': return { state: { ...state, quitting: true }, effects: [{ kind: 'quit' }] };
  }
}

/** A new filter keeps the selected row when it still matches, else selects the first match. */
export function keepSelection(state: DashState, filter: string): DashState {
  const next = { ...state, filter };
  const index = selectedIndex(next);
  if (index !== -1) return selectIndex(next, index);
  const first = rowsOf(next).findIndex((row) => row.kind === 'process');
  return selectIndex({ ...next, selected: null }, Math.max(0, first));
}

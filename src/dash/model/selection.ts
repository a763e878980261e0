// Which table row is selected and which rows are on screen. Only the rows in the viewport are drawn,
// so the first visible row is part of the state and follows the selection.

import { rowsOf } from './rows.js';
import type { DashState } from './types.js';

function clampTop(top: number, index: number, rows: number, total: number): number {
  const height = Math.max(1, rows);
  let next = top;
  if (index < next) next = index;
  if (index >= next + height) next = index - height + 1;
  return Math.max(0, Math.min(next, Math.max(0, total - height)));
}

export function selectIndex(state: DashState, index: number): DashState {
  const rows = rowsOf(state);
  if (rows.length === 0) return state.selected === null && state.tableTop === 0 ? state : { ...state, selected: null, tableTop: 0 };
  const i = Math.max(0, Math.min(rows.length - 1, index));
  const selected = rows[i]?.key ?? null;
  const tableTop = clampTop(state.tableTop, i, state.viewport.tableRows, rows.length);
  if (selected === state.selected && tableTop === state.tableTop) return state;
  return { ...state, selected, tableTop };
}

export function selectedIndex(state: DashState): number {
  return rowsOf(state).findIndex((row) => row.key === state.selected);
}

export function moveSelection(state: DashState, delta: number): DashState {
  const current = selectedIndex(state);
  return selectIndex(state, current === -1 ? 0 : current + delta);
}

/** After the rows changed: keep the selected row if it is still there, else the first process. */
export function reconcileSelection(state: DashState): DashState {
  const current = selectedIndex(state);
  if (current !== -1) return selectIndex(state, current);
  return selectFirstProcess(state);
}

export function selectFirstProcess(state: DashState): DashState {
  const rows = rowsOf(state);
  const first = rows.findIndex((row) => row.kind === 'process');
  return selectIndex(state, first === -1 ? 0 : first);
}

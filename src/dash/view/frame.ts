// state + terminal size → the frame the terminal draws. Pure: everything on screen comes from here.

import { rowsOf } from '../model/rows.js';
import type { DashState, Viewport } from '../model/types.js';
import type { Frame } from './blessed-screen.js';
import { footerLines, overlayFrame } from './footer-frame.js';
import { computeLayout, type Layout } from './layout.js';
import { logLabel, logLines } from './log-frame.js';
import { headerLine, tableLines } from './table-frame.js';
import type { Theme } from './theme.js';

export function layoutFor(state: DashState, size: { width: number; height: number }): Layout {
  return computeLayout(size.width, size.height, rowsOf(state).length, state.copyMode);
}

export function viewportOf(layout: Layout): Viewport {
  return { tableRows: layout.tableRows, logRows: layout.logRows };
}

export function buildFrame(state: DashState, size: { width: number; height: number }, theme: Theme, nowMs: number): Frame {
  const layout = layoutFor(state, size);
  const table = layout.tableHeight > 0 ? tableLines(state, layout.width - 2, theme, nowMs) : { headings: '', lines: [] };
  const rows = rowsOf(state);
  const position = rows.length > layout.tableRows ? ` ${state.tableTop + 1}-${Math.min(rows.length, state.tableTop + layout.tableRows)} of ${rows.length} ` : '';
  return {
    layout,
    header: headerLine(state, theme),
    table: { label: ` processes${position ? ` ·${position}` : ' '}`, headings: table.headings, lines: table.lines, focused: state.focus === 'table' },
    log: { label: logLabel(state), lines: logLines(state, layout.logRows, layout.logCols, theme), focused: state.focus === 'log' },
    footer: footerLines(state, layout.width, theme),
    overlay: overlayFrame(state, theme, { width: layout.width, rows: layout.footerTop - 1 }),
    mouse: !state.copyMode,
  };
}

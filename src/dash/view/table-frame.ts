// The header line and the process table as text with blessed tags. Only the rows in the viewport are
// formatted: 500 processes cost the same as 20 per frame.

import { rowsOf, stateCounts, type GroupRow, type ProcessRow } from '../model/rows.js';
import type { DashState, ProcessInfo, ProcessStats } from '../model/types.js';
import { escapeTags, STATE_COLOURS, type Theme } from './theme.js';

const STATE_ORDER = ['RUNNING', 'STARTING', 'BACKOFF', 'STOPPING', 'EXITED', 'STOPPED', 'FATAL', 'UNKNOWN'];

function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}~` : text.padEnd(width);
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.trunc(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(s / 86_400);
  const hms = `${Math.floor((s % 86_400) / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  return days > 0 ? `${days}d ${pad(Math.floor((s % 86_400) / 3600))}h` : hms;
}

export function formatBytes(bytes: number): string {
  if (bytes < 0) return '-';
  const units = ['B', 'K', 'M', 'G', 'T'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)}${units[unit]}`;
}

interface Columns {
  readonly name: number;
  readonly desc: number;
}

const FIXED = [9, 7, 10, 4, 6, 7]; // state pid uptime restarts cpu rss

function columns(width: number, longest: number): Columns {
  const fixed = FIXED.reduce((a, b) => a + b + 1, 0) + 2;
  const name = Math.max(10, Math.min(longest + 1, 32, width - fixed - 8));
  return { name, desc: Math.max(0, width - fixed - name - 1) };
}

export function columnHeadings(width: number, longest: number): string {
  const c = columns(width, longest);
  const cells = [fit('NAME', c.name), fit('STATE', 9), 'PID'.padStart(7), 'UPTIME'.padStart(10), 'RST'.padStart(4), 'CPU%'.padStart(6), 'RSS'.padStart(7), fit('DESCRIPTION', c.desc)];
  return `  ${cells.join(' ')}`;
}

function processLine(row: ProcessRow, stats: ProcessStats | undefined, c: Columns, nowServer: number, theme: Theme): string {
  const info: ProcessInfo = row.info;
  const running = info.statename === 'RUNNING';
  const name = row.member ? `  ${info.name}` : row.namespec;
  const live = stats !== undefined && stats.pid === info.pid && info.pid > 0;
  const nameCell = escapeTags(fit(name, c.name));
  const state = theme.fg(fit(info.statename, 9), STATE_COLOURS[info.statename] ?? 'white');
  if (info.pid <= 0) {
    // Without a pid the number columns are empty: the description (often the spawn error) gets them.
    const room = FIXED.slice(1).reduce((a, b) => a + b + 1, 0) + c.desc;
    return [nameCell, state, escapeTags(fit(info.description, room))].join(' ');
  }
  const cells = [
    nameCell,
    state,
    String(info.pid).padStart(7),
    (running ? formatDuration(nowServer - info.start) : '-').padStart(10),
    (stats ? String(stats.restarts) : '-').padStart(4),
    (live && stats.cpu >= 0 ? stats.cpu.toFixed(1) : '-').padStart(6),
    (live ? formatBytes(stats.rss) : '-').padStart(7),
    // RUNNING's description is pid and uptime, which have their own columns (and tick here).
    escapeTags(fit(running ? '' : info.description, c.desc)),
  ];
  return cells.join(' ');
}

function groupLine(row: GroupRow, state: DashState, width: number, theme: Theme): string {
  const counts = new Map<string, number>();
  for (const info of state.processes.values()) if (info.group === row.group) counts.set(info.statename, (counts.get(info.statename) ?? 0) + 1);
  const summary = STATE_ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`).join(', ');
  const size = row.shown === row.size ? `${row.size}` : `${row.shown}/${row.size}`;
  const text = fit(`${row.collapsed ? '▸' : '▾'} [group:${row.group}] ${size} processes: ${summary}`, width);
  return theme.bold(escapeTags(text));
}

/** The table's lines for the visible window, the selected one inverted, plus the column headings. */
export function tableLines(state: DashState, width: number, theme: Theme, nowMs: number): { headings: string; lines: string[] } {
  const rows = rowsOf(state);
  const visible = rows.slice(state.tableTop, state.tableTop + state.viewport.tableRows);
  let longest = 4;
  for (const row of visible) if (row.kind === 'process') longest = Math.max(longest, row.member ? row.info.name.length + 2 : row.namespec.length);
  const c = columns(width, longest);
  const nowServer = Math.floor(nowMs / 1000) + state.clockSkew;
  const lines = visible.map((row) => {
    const selected = row.key === state.selected;
    const marker = selected ? (state.focus === 'table' ? '› ' : '· ') : '  ';
    const body = row.kind === 'group' ? groupLine(row, state, width - 2, theme) : processLine(row, state.stats.get(row.namespec), c, nowServer, theme);
    return selected ? theme.inverse(`${marker}${body}`) : `${marker}${body}`;
  });
  if (rows.length === 0) lines.push(state.filter !== '' ? `  no process matches "${escapeTags(state.filter)}"` : '  no processes');
  return { headings: theme.bold(columnHeadings(width, longest)), lines };
}

/** `example · tssupervisord 4.2.5 · RUNNING   3 RUNNING  1 FATAL` */
export function headerLine(state: DashState, theme: Theme): string {
  const d = state.daemon;
  const ident = [d.identification || 'tssupervisor', d.version ? `version ${d.version}` : '', d.statename].filter((s) => s !== '');
  const counts = stateCounts(state.processes);
  const perState = STATE_ORDER.filter((s) => counts.has(s)).map((s) => theme.fg(`${counts.get(s)} ${s}`, STATE_COLOURS[s] ?? 'white'));
  const filter = state.filter !== '' ? `   filter: ${escapeTags(state.filter)}` : '';
  return `${theme.bold(escapeTags(ident.join(' · ')))}   ${perState.join('  ')}${filter}`;
}

// The log pane's text for one frame: the lines that end at the pane's bottom line, wrapped to its
// width, with search hits highlighted. Only what fits is formatted.

import { cleanLine, lineAt, lineCount } from '../model/log-buffer.js';
import { bottomLine, currentBuffer, logSubject } from '../model/log-pane.js';
import { selectedRow } from '../model/rows.js';
import { compilePattern, matchPosition, matchRanges } from '../model/search.js';
import type { DashState } from '../model/types.js';
import { escapeTags, type Theme } from './theme.js';

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

/** A line's text with [start, end) ranges highlighted, tags escaped everywhere else. */
function highlight(text: string, ranges: ReadonlyArray<[number, number]>, mark: (s: string) => string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    const s = Math.max(start, at);
    if (end <= s || s >= text.length) continue;
    out += escapeTags(text.slice(at, s)) + mark(escapeTags(text.slice(s, Math.min(end, text.length))));
    at = Math.min(end, text.length);
  }
  return out + escapeTags(text.slice(at));
}

function wrapLine(line: string, cols: number, re: RegExp | null, mark: (s: string) => string): string[] {
  const text = expandTabs(line);
  const ranges = re === null ? [] : matchRanges(re, text);
  const pieces: string[] = [];
  for (let at = 0; at < Math.max(1, text.length); at += cols) {
    const piece = text.slice(at, at + cols);
    const local = ranges.map(([s, e]): [number, number] => [s - at, e - at]).filter(([s, e]) => e > 0 && s < piece.length);
    pieces.push(highlight(piece, local, mark));
  }
  return pieces;
}

export function logLines(state: DashState, rows: number, cols: number, theme: Theme): string[] {
  const buf = currentBuffer(state);
  const re = compilePattern(state.log.search);
  const out: string[] = [];
  const bottom = bottomLine(state);
  if (state.log.follow && state.log.mode === 'process' && buf.partial !== '') {
    out.push(...wrapLine(cleanLine(buf.partial), cols, re, theme.hit));
  }
  for (let i = bottom; i >= buf.first && out.length < rows; i--) {
    const current = i === state.log.match;
    const mark = current ? (s: string) => theme.inverse(theme.bold(s)) : theme.hit;
    out.unshift(...wrapLine(lineAt(buf, i) ?? '', cols, re, mark));
  }
  if (out.length === 0) out.push(theme.fg(emptyHint(state), 'gray'));
  return out.slice(-rows);
}

function emptyHint(state: DashState): string {
  if (state.log.mode === 'merged') return `(no ${state.log.channel} output from any process since the dashboard connected)`;
  if (logSubject(state) === null) return '(select a process to see its log; a for all processes merged)';
  return `(no ${state.log.channel} output yet)`;
}

export function logLabel(state: DashState): string {
  const buf = currentBuffer(state);
  const row = selectedRow(state);
  const subject = state.log.mode === 'merged' ? 'all processes' : (logSubject(state) ?? (row?.kind === 'group' ? `[group:${row.group}]` : '-'));
  const position = state.log.follow ? 'following' : `paused at ${bottomLine(state) - buf.first + 1}/${lineCount(buf)} (f follows)`;
  let search = '';
  const re = compilePattern(state.log.search);
  if (re !== null) {
    const where = state.log.match === null ? '' : (() => {
      const { nth, total } = matchPosition(buf, re, state.log.match);
      return ` ${nth}/${total}`;
    })();
    search = ` · /${state.log.search}${where}`;
  }
  return escapeTags(` ${subject} · ${state.log.channel} · ${position}${search} `);
}

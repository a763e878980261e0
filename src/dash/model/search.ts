// Search inside a log: a pattern is a regular expression when it parses as one, else literal text;
// it ignores case unless it contains a capital letter (smart case, as in less -i / vim).

import { lineAt, type LogBuffer } from './log-buffer.js';

export function compilePattern(pattern: string): RegExp | null {
  if (pattern === '') return null;
  const flags = /\p{Lu}/u.test(pattern) ? 'gu' : 'giu';
  try {
    return new RegExp(pattern, flags);
  } catch {
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  }
}

export function lineMatches(re: RegExp, line: string): boolean {
  re.lastIndex = 0;
  const hit = re.test(line);
  re.lastIndex = 0;
  return hit;
}

/** Start/end offsets of every match in a line (empty matches skipped), for highlighting. */
export function matchRanges(re: RegExp, line: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (const m of line.matchAll(re)) {
    if (m[0].length > 0 && m.index !== undefined) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/**
 * The nearest matching line strictly after (`down`) or before (`up`) `from`, wrapping around the
 * buffer once; null when no line matches.
 */
export function findMatch(buf: LogBuffer, re: RegExp, from: number, direction: 'up' | 'down'): number | null {
  const total = buf.end - buf.first;
  if (total <= 0) return null;
  const step = direction === 'down' ? 1 : -1;
  const startAt = Math.min(Math.max(from, buf.first - 1), buf.end);
  for (let i = 1; i <= total + 1; i++) {
    const offset = (startAt + step * i - buf.first) % total;
    const index = buf.first + (offset < 0 ? offset + total : offset);
    const line = lineAt(buf, index);
    if (line !== undefined && lineMatches(re, line)) return index;
  }
  return null;
}

/** How many lines match, and which one of them `index` is (1-based), for "match 3/17". */
export function matchPosition(buf: LogBuffer, re: RegExp, index: number): { nth: number; total: number } {
  let nth = 0;
  let total = 0;
  for (let i = buf.first; i < buf.end; i++) {
    const line = lineAt(buf, i);
    if (line !== undefined && lineMatches(re, line)) {
      total++;
      if (i <= index) nth = total;
    }
  }
  return { nth, total };
}

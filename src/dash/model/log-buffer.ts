// A bounded log of lines for one process channel (or the merged view). Lines keep absolute indexes
// (they do not shift when old lines are dropped), so a scroll position or a search match stays put
// while new output arrives. Storage is shared between successive states and only ever appended to;
// appending to an older state copies first, so every state keeps seeing exactly its own lines.

export interface LogBuffer {
  readonly store: readonly string[];
  /** Absolute index of store[0]. */
  readonly base: number;
  /** Absolute index of the oldest line kept. */
  readonly first: number;
  /** One past the absolute index of the newest complete line. */
  readonly end: number;
  /** Output after the last newline, shown as the last line until it is completed. */
  readonly partial: string;
  readonly capacity: number;
}

/** Longer lines are cut here (a runaway line without newlines must not stall the screen). */
export const MAX_LINE_CHARS = 16_384;

export function createLogBuffer(capacity: number): LogBuffer {
  return { store: [], base: 0, first: 0, end: 0, partial: '', capacity: Math.max(1, capacity) };
}

export function lineCount(buf: LogBuffer): number {
  return buf.end - buf.first;
}

export function lineAt(buf: LogBuffer, index: number): string | undefined {
  if (index < buf.first || index >= buf.end) return undefined;
  return buf.store[index - buf.base];
}

/** Complete lines with absolute indexes in [from, to), clamped to what is kept. */
export function linesBetween(buf: LogBuffer, from: number, to: number): string[] {
  const start = Math.max(from, buf.first);
  const stop = Math.min(to, buf.end);
  if (stop <= start) return [];
  return buf.store.slice(start - buf.base, stop - buf.base);
}

// Colour and cursor sequences are dropped: the pane is plain text (and must stay copyable).
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;
const ANY_CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

/** One display line from raw output: no escapes, no control characters; a carriage return keeps what was drawn last. */
export function cleanLine(raw: string): string {
  // Most lines have nothing to clean: one scan finds out (ESC and CR are control characters too).
  if (!ANY_CONTROL.test(raw)) return raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)} [cut]` : raw;
  let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const cr = line.lastIndexOf('\r');
  if (cr !== -1) line = line.slice(cr + 1);
  line = line.replace(ANSI, '').replace(CONTROL, '');
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} [cut]` : line;
}

function withLines(buf: LogBuffer, lines: readonly string[], partial: string): LogBuffer {
  if (lines.length === 0) return partial === buf.partial ? buf : { ...buf, partial };
  // Another state already appended to this storage: copy, so neither sees the other's lines.
  let store = buf.store.length === buf.end - buf.base ? (buf.store as string[]) : buf.store.slice(0, buf.end - buf.base);
  let base = buf.base;
  store.push(...lines);
  const end = buf.end + lines.length;
  const first = Math.max(buf.first, end - buf.capacity);
  if (first - base > buf.capacity) {
    store = store.slice(first - base); // compact once the dropped part is as large as what is kept
    base = first;
  }
  return { store, base, first, end, partial, capacity: buf.capacity };
}

/** Appends lines that are already clean and complete (the merged view takes them from the per-process buffers). */
export function appendLines(buf: LogBuffer, lines: readonly string[]): LogBuffer {
  return withLines(buf, lines, buf.partial);
}

/** Appends a chunk of output; returns the new buffer and the lines this chunk completed. */
export function appendText(buf: LogBuffer, text: string): { buffer: LogBuffer; completed: string[] } {
  const parts = (buf.partial + text).split('\n');
  let partial = parts.pop() ?? '';
  if (partial.length > MAX_LINE_CHARS) {
    parts.push(partial);
    partial = '';
  }
  const completed = parts.map(cleanLine);
  return { buffer: withLines(buf, completed, partial), completed };
}

/**
 * Puts earlier output (the log file's tail, fetched after subscribing) in front of what the stream
 * delivered since. The tail usually also holds the first streamed lines: the longest overlap between
 * the tail's end and the buffer's start is dropped. Absolute indexes of existing lines do not change.
 */
export function prependHistory(buf: LogBuffer, text: string): LogBuffer {
  const history = text.split('\n');
  if (history.at(-1) === '') history.pop();
  const lines = history.map(cleanLine);
  const current = linesBetween(buf, buf.first, buf.end);
  let overlap = Math.min(lines.length, current.length);
  while (overlap > 0 && !sameRun(lines, lines.length - overlap, current, overlap)) overlap--;
  const room = Math.max(0, buf.capacity - current.length);
  const older = lines.slice(0, lines.length - overlap);
  const kept = older.slice(Math.max(0, older.length - room));
  const first = buf.first - kept.length;
  return { ...buf, store: [...kept, ...current], base: first, first };
}

function sameRun(a: readonly string[], from: number, b: readonly string[], length: number): boolean {
  for (let i = 0; i < length; i++) if (a[from + i] !== b[i]) return false;
  return true;
}

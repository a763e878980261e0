// Converters of our own `watch*` options (not supervisord's): lists of paths or globs, and a delay.

import { fail, ok, quote, type Converted } from './convert.js';
import { pyInt } from './py.js';

/** Space- or comma-separated paths or globs (so a path cannot contain either); empty text = none. */
export function toWatchList(raw: string): Converted<string[]> {
  return ok(raw.split(/[\s,]+/u).filter((piece) => piece !== ''));
}

/** Milliseconds, an integer ≥ 0. */
export function toWatchDelay(raw: string): Converted<number> {
  const n = pyInt(raw);
  if (n === null || n < 0) return fail(`expected a delay in milliseconds (an integer, 0 or more), got ${quote(raw)}`);
  return ok(n);
}

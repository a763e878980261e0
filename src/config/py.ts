// Small Python-compatibility helpers. supervisord's config semantics are defined by Python's str methods
// (strip, split, lower, isspace), int() and repr(); these reproduce exactly the parts that the config
// loader depends on, so that values and messages match the oracle character for character.

/** The characters Python's `str.isspace()` accepts (JavaScript's `\s` differs: it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PY_WHITESPACE = new Set(
  '\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
);

export function isPySpace(ch: string): boolean {
  return PY_WHITESPACE.has(ch);
}

/** Printable ASCII is never whitespace: the common case, decided without the set (the ctl parses its config cold). */
function isPlainAscii(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

export function pyStrip(s: string): string {
  if (s.length === 0 || (isPlainAscii(s.charCodeAt(0)) && isPlainAscii(s.charCodeAt(s.length - 1)))) return s;
  let start = 0;
  let end = s.length;
  while (start < end && PY_WHITESPACE.has(s[start] as string)) start++;
  while (end > start && PY_WHITESPACE.has(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

export function pyRstrip(s: string): string {
  if (s.length === 0 || isPlainAscii(s.charCodeAt(s.length - 1))) return s;
  let end = s.length;
  while (end > 0 && PY_WHITESPACE.has(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

/** `str.split()` without arguments: split on runs of whitespace, no empty pieces. */
export function pySplitWhitespace(s: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of s) {
    if (PY_WHITESPACE.has(ch)) {
      if (current !== '') out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/** Index of the first non-whitespace character (Python's `re.compile(r"\S").search`), or -1. */
export function firstNonSpace(s: string): number {
  if (s.length > 0 && isPlainAscii(s.charCodeAt(0))) return 0;
  for (let i = 0; i < s.length; i++) if (!PY_WHITESPACE.has(s[i] as string)) return i;
  return -1;
}

/** Python `int(s)` in base 10: surrounding whitespace, one sign, digits with single `_` between them. */
export function pyInt(s: string): number | null {
  const m = /^([+-]?)(\d+(?:_\d+)*)$/.exec(pyStrip(s));
  if (!m) return null;
  const value = Number((m[2] as string).replaceAll('_', ''));
  return m[1] === '-' ? -value : value;
}

/** Python `int(s, 8)`: like pyInt, plus an optional `0o` prefix. */
export function pyOctal(s: string): number | null {
  const m = /^([+-]?)(?:0[oO]_?)?([0-7]+(?:_[0-7]+)*)$/.exec(pyStrip(s));
  if (!m) return null;
  const value = parseInt((m[2] as string).replaceAll('_', ''), 8);
  return m[1] === '-' ? -value : value;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Non-printable per Python's `str.isprintable()`: categories C* and Z* except the ASCII space. */
const NOT_PRINTABLE = /[\p{C}\p{Z}]/u;

/** Python `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as CPython does. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += escapeCodePoint(ch.codePointAt(0) as number);
    else out += ch;
  }
  return out + quote;
}

/** Python's default string ordering (by code point; JavaScript's `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

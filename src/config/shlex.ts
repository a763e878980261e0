// Python's shlex as supervisord uses it, in two dialects:
// - `shlexSplit`: POSIX `shlex.split(command)` — how `command=` becomes argv at spawn time (quotes,
//   backslashes; no variables, no globbing, no `~`; `#` is an ordinary character).
// - `parseKeyValuePairs`: 4.2.5's `environment=` parser — a NON-POSIX shlex tokeniser (quotes stay in
//   the token and are stripped from both ends afterwards; `#` starts a comment; only letters, digits and
//   `_/.+-():` make words) consumed in groups of four tokens: KEY `=` VALUE separator.

const WHITESPACE = ' \t\r\n';
const QUOTES = '\'"';

export type ShlexResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** POSIX `shlex.split`. Errors carry Python's texts: `No closing quotation`, `No escaped character`. */
export function shlexSplit(text: string): ShlexResult<string[]> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote === "'") {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\') {
        if (i + 1 >= text.length) return { ok: false, error: 'No escaped character' };
        const next = text[++i] as string;
        // Inside double quotes only `"` and `\` are escaped; the backslash stays before anything else.
        word += next === '"' || next === '\\' ? next : `\\${next}`;
      } else word += ch;
    } else if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (ch === '\\') {
      if (i + 1 >= text.length) return { ok: false, error: 'No escaped character' };
      word += text[++i];
      inWord = true;
    } else if (QUOTES.includes(ch)) {
      quote = ch;
      inWord = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote !== null) return { ok: false, error: 'No closing quotation' };
  if (inWord) words.push(word);
  return { ok: true, value: words };
}

const WORD_CHARS = new Set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():');

/** Python's non-POSIX `list(shlex.shlex(text))` with supervisord's extra word characters. */
export function shlexTokensNonPosix(text: string): ShlexResult<string[]> {
  const tokens: string[] = [];
  const chars = [...text];
  let i = 0;
  const skipComment = (): void => {
    while (i < chars.length && chars[i] !== '\n') i++;
    i++; // the newline itself
  };
  while (i < chars.length) {
    const ch = chars[i++] as string;
    if (WHITESPACE.includes(ch)) continue;
    if (ch === '#') {
      skipComment();
      continue;
    }
    if (QUOTES.includes(ch)) {
      let token = ch;
      for (;;) {
        if (i >= chars.length) return { ok: false, error: 'No closing quotation' };
        const c = chars[i++] as string;
        token += c;
        if (c === ch) break;
      }
      tokens.push(token);
      continue;
    }
    if (!WORD_CHARS.has(ch)) {
      tokens.push(ch); // any other character is a token of its own
      continue;
    }
    let token = ch;
    while (i < chars.length) {
      const c = chars[i] as string;
      if (WHITESPACE.includes(c)) break;
      if (c === '#') {
        skipComment(); // a comment inside a word: the word goes on after the end of the line
        continue;
      }
      if (!WORD_CHARS.has(c) && !QUOTES.includes(c)) break;
      token += c;
      i++;
    }
    tokens.push(token);
  }
  return { ok: true, value: tokens };
}

/**
 * `KEY=val,KEY2="v,2"` → `{KEY: 'val', KEY2: 'v,2'}` exactly as supervisord 4.2.5 reads `environment=`.
 * The error text carries supervisord's: `Unexpected end of key/value pairs in value '<v>'`.
 */
export function parseKeyValuePairs(text: string): ShlexResult<Record<string, string>> {
  const tokens = shlexTokensNonPosix(text);
  if (!tokens.ok) return tokens;
  const pairs: Record<string, string> = {};
  const list = tokens.value;
  for (let i = 0; i < list.length; i += 4) {
    const [key, eq, value] = list.slice(i, i + 3);
    if (key === undefined || eq !== '=' || value === undefined) {
      return { ok: false, error: `Unexpected end of key/value pairs in value '${text}'` };
    }
    pairs[key] = stripQuotes(value);
  }
  return { ok: true, value: pairs };
}

/** Python `s.strip('\'"')`. */
function stripQuotes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && QUOTES.includes(s[start] as string)) start++;
  while (end > start && QUOTES.includes(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

// supervisord's `%(name)s` expansion: Python's `value % names` with a mapping (printf flags, width,
// precision, `%%`), and the two failure kinds supervisord reports — a name that is not available for
// that option, and a badly formed format. Which names are available where is decided by the loader
// (see schema.ts); this module only formats.
//
// One deliberate difference: Python accepts one conversion without a name (`%s`) and inserts the whole
// table of names there (`%d`, `%x`… fail with a type error). That is never what a config author meant,
// so every conversion without a `(name)` is reported as badly formatted.

import { compareCodePoints, pyRepr } from './py.js';

export type ExpansionValue = string | number;
export type Expansions = ReadonlyMap<string, ExpansionValue>;

export type FormatResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly kind: 'unknown-name'; readonly name: string }
  | { readonly ok: false; readonly kind: 'bad-format'; readonly detail: string };

class FormatError extends Error {}
class UnknownName extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conversion: string;
}

/** Python `format % mapping`. Never throws. */
export function pyFormat(format: string, names: Expansions): FormatResult {
  if (!format.includes('%')) return { ok: true, value: format };
  try {
    return { ok: true, value: formatAll(format, names) };
  } catch (error) {
    if (error instanceof UnknownName) return { ok: false, kind: 'unknown-name', name: error.key };
    if (error instanceof FormatError) return { ok: false, kind: 'bad-format', detail: error.message };
    throw error;
  }
}

/**
 * Expand one option value; on failure return supervisord's exact message, e.g.
 * `Format string 'echo 50%' for 'program:x.command' is badly formatted: incomplete format`, or
 * `Format string '%(foo)s' for 'program:x.command' contains names ('foo') which cannot be expanded.
 * Available names: ENV_HOME, group_name, here, …` (the label is supervisord's: `section.option`, or just
 * the option for environment, process_name and the second expansion of log file names).
 */
export function expandValue(value: string, names: Expansions, label: string): { ok: true; value: string } | { ok: false; message: string } {
  const result = pyFormat(value, names);
  if (result.ok) return result;
  const head = `Format string ${pyRepr(value)} for ${pyRepr(label)}`;
  if (result.kind === 'unknown-name') {
    const available = [...names.keys()].sort(compareCodePoints).join(', ');
    return { ok: false, message: `${head} contains names (${pyRepr(result.name)}) which cannot be expanded. Available names: ${available}` };
  }
  return { ok: false, message: `${head} is badly formatted: ${result.detail}` };
}

function formatAll(format: string, names: Expansions): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct === -1) return out + format.slice(i);
    out += format.slice(i, pct);
    i = pct + 1;
    if (i >= format.length) throw new FormatError('incomplete format');
    if (format[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    let value: ExpansionValue | undefined;
    if (format[i] === '(') {
      const [key, end] = readKey(format, i + 1);
      if (!names.has(key)) throw new UnknownName(key);
      value = names.get(key);
      i = end;
    }
    const spec: Spec = { flags: '', width: null, precision: null, conversion: '' };
    while (i < format.length && '-+ #0'.includes(format[i] as string)) spec.flags += format[i++];
    [spec.width, i] = readNumber(format, i);
    if (format[i] === '.') [spec.precision, i] = readNumber(format, i + 1, 0);
    while (i < format.length && 'hlL'.includes(format[i] as string)) i++;
    if (i >= format.length) throw new FormatError('incomplete format');
    spec.conversion = format[i] as string;
    if (!'diouxXeEfFgGcrsa'.includes(spec.conversion)) {
      const code = spec.conversion.charCodeAt(0).toString(16);
      throw new FormatError(`unsupported format character ${pyRepr(spec.conversion)} (0x${code}) at index ${i}`);
    }
    if (value === undefined) {
      throw new FormatError(`${pyRepr(format.slice(pct, i + 1))} at index ${pct} is a conversion without a (name), such as %(name)${spec.conversion}`);
    }
    out += convertOne(value, spec);
    i++;
  }
  return out;
}

function readKey(format: string, start: number): [string, number] {
  let depth = 1;
  for (let i = start; i < format.length; i++) {
    if (format[i] === '(') depth++;
    else if (format[i] === ')' && --depth === 0) return [format.slice(start, i), i + 1];
  }
  throw new FormatError('incomplete format key');
}

function readNumber(format: string, start: number, empty: number | null = null): [number | null, number] {
  if (format[start] === '*') throw new FormatError('not enough arguments for format string (a width or precision written as * cannot come from a name)');
  let i = start;
  while (i < format.length && (format[i] as string) >= '0' && (format[i] as string) <= '9') i++;
  return [i === start ? empty : Number(format.slice(start, i)), i];
}

function typeName(value: ExpansionValue): string {
  return typeof value === 'number' ? 'int' : 'str';
}

function convertOne(value: ExpansionValue, spec: Spec): string {
  const c = spec.conversion;
  if (c === 's' || c === 'r' || c === 'a') {
    let text = typeof value === 'number' ? String(value) : c === 's' ? value : pyRepr(value);
    if (c === 'a') text = text.replace(/[^\x00-\x7f]/gu, (ch) => asciiEscape(ch.codePointAt(0) as number));
    if (spec.precision !== null) text = [...text].slice(0, spec.precision).join('');
    return pad(text, spec);
  }
  if (c === 'c') {
    if (typeof value === 'string') {
      if ([...value].length !== 1) throw new FormatError('%c requires int or char');
      return pad(value, spec);
    }
    if (value < 0 || value >= 0x110000) throw new FormatError('%c arg not in range(0x110000)');
    return pad(String.fromCodePoint(value), spec);
  }
  if (typeof value !== 'number') {
    if ('diu'.includes(c)) throw new FormatError(`%${c} format: a real number is required, not ${typeName(value)}`);
    if ('oxX'.includes(c)) throw new FormatError(`%${c} format: an integer is required, not ${typeName(value)}`);
    throw new FormatError(`must be real number, not ${typeName(value)}`);
  }
  return 'diuoxX'.includes(c) ? formatInteger(value, spec) : formatFloat(value, spec);
}

function asciiEscape(cp: number): string {
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

function signOf(negative: boolean, flags: string): string {
  if (negative) return '-';
  if (flags.includes('+')) return '+';
  return flags.includes(' ') ? ' ' : '';
}

function formatInteger(n: number, spec: Spec): string {
  const c = spec.conversion;
  const base = c === 'o' ? 8 : c === 'x' || c === 'X' ? 16 : 10;
  let digits = Math.abs(Math.trunc(n)).toString(base);
  if (c === 'X') digits = digits.toUpperCase();
  if (spec.precision !== null) digits = digits.padStart(spec.precision, '0');
  const prefix = spec.flags.includes('#') && base !== 10 ? `0${c === 'o' ? 'o' : c}` : '';
  return padNumber(signOf(n < 0, spec.flags) + prefix, digits, spec);
}

function formatFloat(n: number, spec: Spec): string {
  const c = spec.conversion.toLowerCase();
  const precision = spec.precision ?? 6;
  const alt = spec.flags.includes('#');
  const x = Math.abs(n);
  let body: string;
  if (c === 'f') body = x.toFixed(precision) + (alt && precision === 0 ? '.' : '');
  else if (c === 'e') body = exponent(x.toExponential(precision));
  else {
    const p = precision === 0 ? 1 : precision;
    const exp = x === 0 ? 0 : Math.floor(Math.log10(x));
    body = exp >= -4 && exp < p ? x.toFixed(Math.max(0, p - 1 - exp)) : exponent(x.toExponential(p - 1));
    if (!alt) body = stripFractionZeros(body);
  }
  if (alt && c === 'e' && precision === 0) body = body.replace('e', '.e');
  if (spec.conversion === spec.conversion.toUpperCase()) body = body.toUpperCase();
  return padNumber(signOf(n < 0, spec.flags), body, spec);
}

/** `%g` drops trailing zeros of the fraction, and the point when nothing is left after it. */
function stripFractionZeros(body: string): string {
  const [mantissa = '', exp] = body.split('e');
  const stripped = mantissa.includes('.') ? mantissa.replace(/0+$/u, '').replace(/\.$/u, '') : mantissa;
  return exp === undefined ? stripped : `${stripped}e${exp}`;
}

/** JavaScript writes `4.2e+1`; Python writes at least two exponent digits: `4.2e+01`. */
function exponent(text: string): string {
  return text.replace(/e([+-])(\d)$/u, 'e$10$2');
}

function padNumber(prefix: string, digits: string, spec: Spec): string {
  const width = spec.width ?? 0;
  const length = prefix.length + digits.length;
  if (length >= width) return prefix + digits;
  if (spec.flags.includes('-')) return prefix + digits + ' '.repeat(width - length);
  if (spec.flags.includes('0')) return prefix + '0'.repeat(width - length) + digits;
  return ' '.repeat(width - length) + prefix + digits;
}

function pad(text: string, spec: Spec): string {
  const width = spec.width ?? 0;
  const length = [...text].length;
  if (length >= width) return text;
  return spec.flags.includes('-') ? text + ' '.repeat(width - length) : ' '.repeat(width - length) + text;
}

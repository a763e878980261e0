// The value types of supervisord's options (reference §1.5) as small pure functions: text in, a value
// or a message out. Messages are ours (they say what was expected and what was written) but carry the
// same facts as supervisord's. Path and user converters live in convert-paths.ts.

import type { AutoRestart, LogLevelName } from './types.js';
import { pyInt, pyOctal, pyStrip } from './py.js';
import { isValidSignalNumber, signalNumberByName } from './signals.js';
import { parseKeyValuePairs } from './shlex.js';
import type { UserDb } from './users.js';

export type Converted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** What converters that touch the system need: the directory relative paths start from, HOME, users. */
export interface ConvertContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly users: UserDb;
  /** Directory checks of one load (1,000 log files in one directory need one stat). */
  readonly dirCache?: Map<string, boolean>;
}

export type Converter<T> = (raw: string, ctx: ConvertContext) => Converted<T>;

export const ok = <T>(value: T): Converted<T> => ({ ok: true, value });
export const fail = <T = never>(message: string): Converted<T> => ({ ok: false, message });

/** Values are quoted the same way everywhere in our messages. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

const TRUTHY = ['yes', 'true', 'on', '1'];
const FALSY = ['no', 'false', 'off', '0'];

export function toBoolean(raw: string): Converted<boolean> {
  const v = raw.toLowerCase();
  if (TRUTHY.includes(v)) return ok(true);
  if (FALSY.includes(v)) return ok(false);
  return fail(`expected a boolean (true/false, yes/no, on/off, 1/0), got ${quote(raw)}`);
}

export function toInteger(raw: string): Converted<number> {
  const n = pyInt(raw);
  return n === null ? fail(`expected an integer, got ${quote(raw)}`) : ok(n);
}

const BYTE_SUFFIXES: ReadonlyArray<[string, number]> = [
  ['kb', 1024],
  ['mb', 1024 ** 2],
  ['gb', 1024 ** 3],
];

/** `1024`, `50MB`, `1gb`: an integer with an optional KB/MB/GB suffix (any case). */
export function toByteSize(raw: string): Converted<number> {
  const v = raw.toLowerCase();
  const suffix = BYTE_SUFFIXES.find(([s]) => v.endsWith(s));
  const n = pyInt(suffix ? v.slice(0, -2) : v);
  if (n === null) return fail(`expected a byte size (an integer, optionally followed by KB, MB or GB), got ${quote(raw)}`);
  return ok(n * (suffix ? suffix[1] : 1));
}

export function toOctal(raw: string): Converted<number> {
  const n = pyOctal(raw);
  return n === null ? fail(`expected an octal number such as 022, got ${quote(raw)}`) : ok(n);
}

/** A signal by name (`TERM`, `sigterm`, `SIGTERM`) or number; the result is the number. */
export function toSignal(raw: string): Converted<number> {
  let n = pyInt(raw);
  if (n === null) {
    n = signalNumberByName(pyStrip(raw)) ?? null;
    if (n === null) return fail(`${quote(raw)} is not a valid signal name`);
  }
  if (!isValidSignalNumber(n)) return fail(`${quote(raw)} is not a valid signal number`);
  return ok(n);
}

export function toExitCodes(raw: string): Converted<number[]> {
  if (raw === '') return ok([]);
  const codes: number[] = [];
  for (const piece of raw.split(',')) {
    const n = pyInt(piece);
    if (n === null || n < 0 || n > 255) {
      return fail(`expected a comma-separated list of exit codes between 0 and 255, got ${quote(raw)}`);
    }
    codes.push(n);
  }
  return ok(codes);
}

/** Comma-separated, each piece stripped; empty text is the empty list. */
export function toList(raw: string): Converted<string[]> {
  return ok(raw === '' ? [] : raw.split(',').map(pyStrip));
}

export function toKeyValuePairs(raw: string): Converted<Record<string, string>> {
  const parsed = parseKeyValuePairs(raw);
  if (parsed.ok) return ok(parsed.value);
  const hint = 'write KEY="value",KEY2="value 2" (quote values with characters other than letters, digits and _/.+-():)';
  return fail(
    parsed.error.startsWith('Unexpected')
      ? `unexpected end of key/value pairs in ${quote(raw)}: ${hint}`
      : `${parsed.error.toLowerCase()} in ${quote(raw)}: ${hint}`,
  );
}

const LOG_LEVELS: readonly LogLevelName[] = ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather'];

export function toLogLevel(raw: string): Converted<LogLevelName> {
  const v = raw.toLowerCase() as LogLevelName;
  if (LOG_LEVELS.includes(v)) return ok(v);
  return fail(`bad logging level name ${quote(raw)} (use one of ${LOG_LEVELS.join(', ')}; "warning" is not one)`);
}

export function toAutoRestart(raw: string): Converted<AutoRestart> {
  const v = raw.toLowerCase();
  if (TRUTHY.includes(v)) return ok(true);
  if (FALSY.includes(v)) return ok(false);
  if (v === 'unexpected') return ok('unexpected');
  return fail(`expected true, false or unexpected, got ${quote(v)}`);
}

/** Process and group names: stripped, and without space, `:` or `/`. */
export function toProcessName(raw: string): Converted<string> {
  const v = pyStrip(raw);
  for (const ch of [' ', ':', '/']) {
    if (v.includes(ch)) return fail(`invalid name ${quote(raw)}: it contains ${quote(ch)} (names cannot contain spaces, ":" or "/")`);
  }
  return ok(v);
}

/** `port`, `:port`, `*:port`, `host:port` → host ('' = all interfaces) and port 1..65535. */
export function toInetAddress(raw: string): Converted<{ host: string; port: number }> {
  let host = '';
  let portText = raw;
  const colon = raw.lastIndexOf(':');
  if (colon !== -1) {
    host = raw.slice(0, colon).toLowerCase();
    portText = raw.slice(colon + 1);
    if (portText === '') return fail(`no port number specified in ${quote(raw)}`);
  }
  const port = pyInt(portText);
  if (port === null) return fail(`not a valid port number: ${quote(portText)}`);
  if (port < 1) return fail(`port ${port} is below the lower bound (1)`);
  if (port > 65535) return fail(`port ${port} is above the upper bound (65535)`);
  return ok({ host: host === '*' ? '' : host, port });
}

/** Python's urlparse test used for `supervisorctl -s`: a scheme, and a host or a path. */
export function toUrl(raw: string): Converted<string> {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/su.exec(raw);
  const rest = m?.[2]?.replace(/[?#].*$/su, '') ?? '';
  const hasHostOrPath = rest.startsWith('//') ? rest.length > 2 : rest.length > 0;
  return m && hasHostOrPath ? ok(raw) : fail(`${quote(raw)} is not a URL`);
}

// Interim reader for the [supervisorctl] section (until src/config/ctl.ts lands): Python RawConfigParser's
// dialect as far as this one section needs it, plus supervisord's %(name)s expansion of its values.

import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A problem supervisorctl reports as a usage error (`Error: <message>`, exit 2). */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface CtlFileSettings {
  readonly serverUrl: string;
  /** Whether the section names a serverurl (else serverUrl is the default). */
  readonly serverUrlSet: boolean;
  readonly prompt: string | null;
  readonly username: string | null;
  readonly password: string | null;
  readonly historyFile: string | null;
}

/** Python's normalize_path: expanduser, abspath, normpath. */
export function normalizePath(p: string): string {
  const expanded = p === '~' || p.startsWith('~/') ? os.homedir() + p.slice(1) : p;
  return path.resolve(expanded);
}

export function readCtlConfigFile(file: string, env: NodeJS.ProcessEnv): CtlFileSettings {
  if (!existsSync(file)) throw new ConfigError(`could not find config file ${file}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`could not read config file ${file}`);
  }
  const sections = parseIni(text, file);
  const section = sections.get('supervisorctl');
  if (!section) throw new ConfigError('.ini file does not include supervisorctl section');
  const defaults = sections.get('DEFAULT') ?? new Map<string, string>();
  const here = path.dirname(normalizePath(file));
  const envNames: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) envNames[`ENV_${k}`] = v;
  const get = (key: string, withHere: boolean): string | null => {
    const raw = section.get(key) ?? defaults.get(key);
    if (raw === undefined) return null;
    return expandPercent(raw, withHere ? { ...envNames, here } : envNames, `supervisorctl.${key}`);
  };
  const configured = get('serverurl', true);
  let serverUrl = configured ?? 'http://localhost:9001';
  if (serverUrl.startsWith('unix://')) serverUrl = `unix://${normalizePath(serverUrl.slice(7))}`;
  const history = get('history_file', true);
  return {
    serverUrl,
    serverUrlSet: configured !== null,
    prompt: get('prompt', false),
    username: get('username', false),
    password: get('password', false),
    historyFile: history ? normalizePath(history) : null,
  };
}

/** Sections → lower-cased keys → values, in the RawConfigParser dialect (inline ` ;`/` #`, continuations). */
export function parseIni(text: string, file: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | null = null;
  let lastKey: string | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = stripInlineComment(rawLine);
    const trimmed = line.trim();
    if (trimmed === '' || /^\s*[#;]/.test(rawLine)) {
      if (trimmed === '' && current && lastKey !== null) current.set(lastKey, `${current.get(lastKey)}\n`);
      return;
    }
    if (/^\s/.test(line) && current && lastKey !== null) {
      current.set(lastKey, `${current.get(lastKey)}\n${trimmed}`);
      return;
    }
    const header = /^\[(.*)\]/.exec(trimmed);
    if (header) {
      const name = header[1]!;
      current = sections.get(name) ?? new Map<string, string>();
      sections.set(name, current);
      lastKey = null;
      return;
    }
    if (!current) throw new ConfigError(`File contains no section headers.\nfile: ${pyQuote(file)}, line: ${index + 1}`);
    const match = /^([^=:]*?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!match || match[1] === '') throw new ConfigError(`Source contains parsing errors: ${pyQuote(file)} [line ${index + 1}]`);
    lastKey = match[1]!.toLowerCase();
    current.set(lastKey, match[2]!);
  });
  for (const section of sections.values()) {
    for (const [k, v] of section) section.set(k, v.replace(/\n+$/, ''));
  }
  return sections;
}

function stripInlineComment(line: string): string {
  const m = /\s[;#]/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

function pyQuote(s: string): string {
  return `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** `value % names` for the forms a config value uses: %(name)s (with optional flags/width) and %%. */
export function expandPercent(value: string, names: Record<string, string>, option: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    if (value[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const m = /^%\(([^)]*)\)([-#0 +]*)(\d*)(?:\.(\d+))?([sr])/.exec(value.slice(i));
    if (!m) throw new ConfigError(`Format string ${pyQuote(value)} for ${pyQuote(option)} is badly formatted: incomplete format`);
    const key = m[1]!;
    if (!(key in names)) {
      const available = Object.keys(names).sort().join(', ');
      throw new ConfigError(
        `Format string ${pyQuote(value)} for ${pyQuote(option)} contains names (${pyQuote(key)}) which cannot be expanded. Available names: ${available}`,
      );
    }
    let text = names[key]!;
    if (m[4] !== undefined) text = text.slice(0, Number(m[4]));
    const width = Number(m[3] || 0);
    out += m[2]!.includes('-') ? text.padEnd(width) : text.padStart(width);
    i += m[0].length - 1;
  }
  return out;
}

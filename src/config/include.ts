// `[include] files=` as supervisord 4.2.5 processes it (reference §1.4): patterns are joined to the
// MAIN file's directory (absolute ones stay), globbed with Python's rules (only `*`, `?` and `[…]` are
// special, `**` is just `*`, names starting with `.` need a pattern starting with `.`), read in sorted
// order, not recursively; after each file the `%(here)s` texts it brought are replaced by its own
// directory. Unreadable matches (e.g. directories) are skipped, as Python's ConfigParser.read does.

import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import type { IniDocument } from './ini.js';
import type { Diagnostics } from './diagnostics.js';
import { expandValue, type Expansions } from './expand.js';
import { compareCodePoints, pySplitWhitespace } from './py.js';

const MAGIC = /[*?[]/u;

/**
 * A Python glob pattern in picomatch syntax: `[...]` classes kept (with `[!...]`), a `[` without its
 * `]` literal, runs of `*` one `*`, and everything picomatch would treat as special escaped.
 */
export function toPicomatch(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
        continue;
      }
      out += `[${pattern.slice(i + 1, j).replaceAll('\\', '\\\\')}]`;
      i = j;
    } else if (ch === '*') {
      out += '*';
      while (pattern[i + 1] === '*') i++;
    } else if ('\\(){}!+@]'.includes(ch)) {
      out += `\\${ch}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Python `glob.glob(pattern)` for an absolute pattern, unsorted; results keep the pattern's spelling. */
export function pyGlob(pattern: string): string[] {
  const firstMagic = pattern.search(MAGIC);
  if (firstMagic === -1) {
    try {
      fs.lstatSync(pattern);
      return [pattern];
    } catch {
      return [];
    }
  }
  const cut = pattern.lastIndexOf('/', firstMagic);
  const base = cut === -1 ? '.' : pattern.slice(0, cut) || '/';
  const rest = pattern.slice(cut + 1);
  let found: string[];
  try {
    found = globSync(toPicomatch(rest), {
      cwd: base,
      absolute: false,
      onlyFiles: false,
      dot: false,
      expandDirectories: false,
      braceExpansion: false,
      extglob: false,
      globstar: false,
    });
  } catch {
    return [];
  }
  const prefix = cut === -1 ? '' : pattern.slice(0, cut + 1);
  const segments = rest.split('/');
  // Python hides names starting with "." from every pattern segment that does not start with "."
  // (picomatch lets a leading `[!a]` match a dot).
  const visible = (f: string): boolean => f.split('/').every((name, i) => !name.startsWith('.') || (segments[i] ?? '').startsWith('.'));
  return found.map((f) => f.replace(/\/$/u, '')).filter(visible).map((f) => prefix + f);
}

/** Python `os.path.join(base, pattern)`: an absolute pattern replaces the base; nothing is normalised. */
export function joinPattern(base: string, pattern: string): string {
  if (pattern.startsWith('/')) return pattern;
  return base.endsWith('/') ? base + pattern : `${base}/${pattern}`;
}

export interface IncludeContext {
  readonly doc: IniDocument;
  readonly diagnostics: Diagnostics;
  /** Absolute directory of the main config file. */
  readonly mainDir: string;
  /** here, host_node_name and ENV_* of the process environment. */
  readonly names: Expansions;
  /** How a file is named in messages (relative to the cwd when inside it). */
  readonly display: (absolute: string) => string;
}

/**
 * Process `[include]` of the main file (already read into ctx.doc). Returns the included files in the
 * order read (absolute paths, spelled as supervisord spells them).
 */
export function processIncludes(ctx: IncludeContext): string[] {
  const { doc, diagnostics } = ctx;
  const section = doc.section('include');
  if (!section) return [];
  doc.expandHere(ctx.mainDir);
  const files = doc.get('include', 'files');
  if (!files) {
    diagnostics.error(section, 'include', 'files', '.ini file has [include] section, but no files setting');
    return [];
  }
  const expanded = expandValue(files.value, ctx.names, 'include.files');
  if (!expanded.ok) {
    diagnostics.error(files, 'include', 'files', expanded.message);
    return [];
  }
  const included: string[] = [];
  for (const pattern of pySplitWhitespace(expanded.value)) {
    const joined = joinPattern(ctx.mainDir, pattern);
    const matches = pyGlob(joined).sort(compareCodePoints);
    if (matches.length === 0) {
      diagnostics.warn(files, 'include', 'files', `No file matches via include "${joined}"`);
      continue;
    }
    for (const file of matches) {
      diagnostics.info(files, 'include', 'files', `Included extra file "${file}" during parsing`);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
        diagnostics.warn(files, 'include', 'files', `skipped "${file}", which cannot be read (${why}), as supervisord does`);
        continue;
      }
      included.push(file);
      for (const p of doc.read(text, ctx.display(file))) diagnostics.error(p, p.section, null, p.message);
      doc.expandHere(path.dirname(path.resolve(file)));
    }
  }
  return included;
}

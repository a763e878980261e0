// Which paths a `watch=` entry covers and which ones `watch_ignore` (plus the built-in ignores) drops.
// Pure: strings in, booleans out. chokidar 4 has no globs, so a glob entry is split into the directory
// before its first wildcard (what gets watched) and a matcher for the paths below it (what counts).

import path from 'node:path';

/**
 * Always ignored: VCS and dependency trees (huge, and never the code you edit), Python's bytecode caches
 * (written by the very restart they would trigger), and editor droppings: vim swap files and its `4913`
 * write-probe file, backup files ending in `~`, emacs lock files `.#name`.
 */
export const DEFAULT_WATCH_IGNORE: readonly string[] = ['.git', 'node_modules', '__pycache__', '*.swp', '*.swx', '*~', '.#*', '4913'];

export interface WatchTarget {
  /** Absolute directory or file that is watched. */
  readonly base: string;
  /** For a glob entry: tests a path relative to base (with `/`). null = everything under base counts. */
  readonly matches: ((relative: string) => boolean) | null;
}

const WILDCARD = /[*?[{]/u;

/** `/srv/app/src/**\/*.py` → base `/srv/app/src`, matcher for `**\/*.py`. */
export function watchTarget(entry: string): WatchTarget {
  const parts = entry.split('/');
  const first = parts.findIndex((p) => WILDCARD.test(p));
  if (first === -1) return { base: entry, matches: null };
  const base = parts.slice(0, first).join('/') || '/';
  const pattern = globToRegExp(parts.slice(first).join('/'));
  return { base, matches: (relative) => pattern.test(relative) };
}

/**
 * `*` and `?` stay inside one path component, `**` spans any number of them (zero included), `[...]`
 * is a character class (`[!...]` negated), `{a,b}` alternatives. Everything else is literal.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const wholeComponent = (i === 0 || glob[i - 1] === '/') && (i + 2 === glob.length || glob[i + 2] === '/');
      if (wholeComponent && glob[i + 2] === '/') {
        out += '(?:[^/]*/)*';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replaceAll('\\', '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|\\\]}]/gu, '\\$&');
  }
  if (braces > 0) return new RegExp(`^${escapeAll(glob)}$`, 'u');
  return new RegExp(`^${out}$`, 'u');
}

function escapeAll(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

export type IgnoreTest = (relative: string) => boolean;

/**
 * A test for paths relative to a watched base. A pattern without `/` matches any component (so
 * `node_modules` prunes every node_modules below the base, `*.log` any log file); one with `/` matches
 * the relative path from the base, or a leading part of it (so a directory pattern prunes its tree).
 * Components above the base never count: `watch = node_modules/mylib` still works.
 */
export function ignoreTest(patterns: readonly string[]): IgnoreTest {
  const anyComponent: RegExp[] = [];
  const fromBase: RegExp[] = [];
  for (const raw of patterns) {
    const pattern = raw.replace(/^\.\/|\/+$/gu, '');
    if (pattern === '') continue;
    (pattern.includes('/') ? fromBase : anyComponent).push(globToRegExp(pattern));
  }
  return (relative) => {
    if (relative === '') return false;
    const components = relative.split('/');
    if (components.some((c) => anyComponent.some((re) => re.test(c)))) return true;
    if (fromBase.length === 0) return false;
    for (let n = 1; n <= components.length; n++) {
      const prefix = components.slice(0, n).join('/');
      if (fromBase.some((re) => re.test(prefix))) return true;
    }
    return false;
  };
}

/** The path relative to base with `/` separators; null when it is not base itself or below it. */
export function relativeTo(base: string, file: string): string | null {
  if (file === base) return '';
  const rel = path.relative(base, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/** Does a changed path count for these targets (inside one, matching its glob, not ignored)? */
export function countsAsChange(targets: readonly WatchTarget[], ignored: IgnoreTest, file: string): boolean {
  for (const target of targets) {
    const rel = relativeTo(target.base, file);
    if (rel === null || ignored(rel)) continue;
    if (target.matches === null || target.matches(rel)) return true;
  }
  return false;
}

/** Should the watcher skip this path (and, for a directory, everything below it)? */
export function isPruned(targets: readonly WatchTarget[], ignored: IgnoreTest, file: string): boolean {
  let inside = false;
  for (const target of targets) {
    const rel = relativeTo(target.base, file);
    if (rel === null) continue;
    inside = true;
    if (!ignored(rel)) return false;
  }
  // Paths outside every base are chokidar's business (the parent directories of a base).
  return inside;
}

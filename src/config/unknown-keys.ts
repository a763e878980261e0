// supervisord silently ignores sections and keys it does not know, so a typo (`autorestrat=false`)
// silently does nothing. We accept them too, but say so with a warning at the key's file:line.
// Not warned: keys that come from [DEFAULT] (they land in every section), and every key of
// [rpcinterface:x] / [ctlplugin:x] (they are keyword arguments of a plugin).

import type { IniDocument } from './ini.js';
import type { Diagnostics } from './diagnostics.js';
import { IGNORED_KEYS, OPTION_TABLES, type SectionKind } from './schema.js';

export function sectionKind(section: string): SectionKind | 'plugin' | null {
  if (section === 'supervisord' || section === 'supervisorctl' || section === 'include') return section;
  if (section.startsWith('unix_http_server')) return 'unix_http_server';
  if (section.startsWith('inet_http_server')) return 'inet_http_server';
  if (section.startsWith('rpcinterface:') || section.startsWith('ctlplugin:')) return 'plugin';
  for (const prefix of ['program', 'eventlistener', 'fcgi-program', 'group'] as const) {
    if (section.startsWith(`${prefix}:`)) return prefix;
  }
  return null;
}

/** Levenshtein distance, for "did you mean" (keys are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

function suggestion(key: string, known: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best === null ? '' : `; did you mean "${best}"?`;
}

export function warnUnknownKeys(doc: IniDocument, diagnostics: Diagnostics): void {
  for (const name of doc.sections()) {
    const section = doc.section(name);
    if (!section) continue;
    const kind = sectionKind(name);
    if (kind === 'plugin') continue;
    if (kind === null) {
      diagnostics.warn(section, name, null, `unknown section [${name}] (ignored, as supervisord does)`);
      continue;
    }
    const known = [...Object.keys(OPTION_TABLES[kind]), ...(IGNORED_KEYS[kind] ?? [])];
    for (const [key, entry] of section.entries) {
      if (entry.fromDefault || known.includes(key)) continue;
      diagnostics.warn(entry, name, key, `unknown option "${key}" (ignored, as supervisord does)${suggestion(key, known)}`);
    }
  }
}

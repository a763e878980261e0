// The config reference, generated from the options table (`tssupervisord --options`), so the docs can
// never drift from what the loader accepts.

import { EVENTLISTENER_OPTIONS, FCGI_OPTIONS, OPTION_TABLES, type OptionSpec, type SectionKind } from './schema.js';

const SECTION_TITLES: Readonly<Record<SectionKind, string>> = {
  supervisord: '[supervisord]',
  program: '[program:x]',
  eventlistener: '[eventlistener:x] — every [program:x] option, and',
  'fcgi-program': '[fcgi-program:x] — every [program:x] option, and',
  group: '[group:x]',
  unix_http_server: '[unix_http_server]',
  inet_http_server: '[inet_http_server]',
  supervisorctl: '[supervisorctl]',
  include: '[include]',
};

/** Only what a section adds, for the sections that extend [program:x]. */
const OWN_OPTIONS: Partial<Record<SectionKind, Readonly<Record<string, OptionSpec<unknown>>>>> = {
  eventlistener: EVENTLISTENER_OPTIONS,
  'fcgi-program': FCGI_OPTIONS,
};

export function renderOptionsReference(): string {
  const out: string[] = [];
  for (const kind of Object.keys(OPTION_TABLES) as SectionKind[]) {
    const table = OWN_OPTIONS[kind] ?? OPTION_TABLES[kind];
    out.push(SECTION_TITLES[kind]);
    const width = Math.max(...Object.keys(table).map((k) => k.length));
    for (const [key, spec] of Object.entries(table)) {
      out.push(`  ${key.padEnd(width)}  ${spec.doc} (default: ${spec.defaultText})`);
    }
    out.push('');
  }
  return out.join('\n');
}

// Problems found while loading a config, and the one line each is printed as.
//
// formatDiagnostic(d) gives exactly:
//     <file>[:<line>] [<section>] <option>: <message>
// e.g. `conf.d/web.conf:7 [program:web] startsecs: expected an integer, got "abc"`, where
// - <file> is the config path as given on the command line, or an included file relative to the cwd
//   (absolute when it lies outside the cwd); `:<line>` is the line of the offending key, or of the
//   section header when the key is missing, and is left out when there is no line (line 0);
// - ` [<section>]` is left out when the problem is not inside a section (parse errors before any
//   header, a missing [supervisord] section, command-line values);
// - ` <option>:` is left out when the problem is not about one option (parse errors, sections);
// - when both section and option are left out, the location ends with a colon:
//   `supervisord.conf: .ini file does not include supervisord section`;
// - with no file at all (nothing found to read) the line is just the message.

import type { Diagnostic } from './types.js';

export function formatDiagnostic(d: Diagnostic): string {
  let out = d.file === '' ? '' : d.line > 0 ? `${d.file}:${d.line}` : d.file;
  if (d.section !== null) out += `${out === '' ? '' : ' '}[${d.section}]`;
  if (d.option !== null) out += `${out === '' ? '' : ' '}${d.option}:`;
  else if (d.section === null && out !== '') out += ':';
  return out === '' ? d.message : `${out} ${d.message}`;
}

export interface Where {
  readonly file: string;
  readonly line: number;
}

/** Collects everything the loader finds; errors make the load fail, warnings and infos do not. */
export class Diagnostics {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  /** supervisord's INFO-level parse messages (e.g. `Included extra file "…" during parsing`). */
  readonly infos: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  error(where: Where, section: string | null, option: string | null, message: string): void {
    this.add(this.errors, where, section, option, message);
  }

  warn(where: Where, section: string | null, option: string | null, message: string): void {
    this.add(this.warnings, where, section, option, message);
  }

  info(where: Where, section: string | null, option: string | null, message: string): void {
    this.add(this.infos, where, section, option, message);
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** A problem repeated for every process of a numprocs pool is reported once. */
  private add(list: Diagnostic[], where: Where, section: string | null, option: string | null, message: string): void {
    const d: Diagnostic = { file: where.file, line: where.line, section, option, message };
    const key = JSON.stringify([list === this.errors, list === this.warnings, d]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(d);
  }
}

/** Errors in the order of the files read, then by line (a stable sort keeps same-line order). */
export function sortDiagnostics(list: readonly Diagnostic[], fileOrder: readonly string[]): Diagnostic[] {
  const rank = (f: string): number => {
    const i = fileOrder.indexOf(f);
    return i === -1 ? (f === '' ? -1 : fileOrder.length) : i;
  };
  return [...list].sort((a, b) => rank(a.file) - rank(b.file) || a.line - b.line);
}

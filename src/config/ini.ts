// The INI dialect of supervisord: Python 3's RawConfigParser with inline_comment_prefixes=(';', '#') and
// strict=False, reproduced rule for rule (see reference §1.2), and remembering the file:line of every
// key and section header so that every problem can be reported where it is.
//
// Written by hand on purpose: the `ini` npm package has no line numbers, cuts `a;b` at the `;`, and
// knows neither the `:` delimiter nor indented continuation lines, so it reads real supervisord
// configs differently from supervisord.

import { firstNonSpace, isPySpace, pyRepr, pyRstrip, pyStrip } from './py.js';

export interface IniEntry {
  readonly value: string;
  readonly file: string;
  readonly line: number;
  /** True when the value is `[DEFAULT]`'s (read through a section, or copied into it by %(here)s substitution). */
  readonly fromDefault: boolean;
}

export interface IniSection {
  readonly name: string;
  /** Where the section was first declared (a section may be continued in later files). */
  readonly file: string;
  readonly line: number;
  readonly entries: Map<string, IniEntry>;
}

export interface IniProblem {
  readonly file: string;
  readonly line: number;
  readonly section: string | null;
  readonly message: string;
  /** The rest of the file was not read (no section header before the first key). */
  readonly fatal: boolean;
}

const DEFAULT_SECTION = 'DEFAULT';
const HERE_TEXT = '%(here)s';

/** A parsed configuration: several files can be read into one document; same-named sections merge. */
export class IniDocument {
  readonly defaults: IniSection = { name: DEFAULT_SECTION, file: '', line: 0, entries: new Map() };
  private readonly sectionMap = new Map<string, IniSection>();
  /** Sections opened by files read since the last expandHere (only they can hold a new `%(here)s`). */
  private readonly touched = new Set<IniSection>();

  /** Section names in order of first appearance, without `[DEFAULT]`. */
  sections(): string[] {
    return [...this.sectionMap.keys()];
  }

  has(section: string): boolean {
    return this.sectionMap.has(section);
  }

  section(name: string): IniSection | undefined {
    return this.sectionMap.get(name);
  }

  /** A key of a section, falling back to `[DEFAULT]`. */
  get(section: string, key: string): IniEntry | undefined {
    // [DEFAULT]'s own entries are stored with fromDefault: true already.
    return this.sectionMap.get(section)?.entries.get(key) ?? this.defaults.entries.get(key);
  }

  /** The section's own keys, then `[DEFAULT]` keys it does not override (ConfigParser.options order). */
  keys(section: string): string[] {
    const own = this.sectionMap.get(section)?.entries ?? new Map<string, IniEntry>();
    return [...own.keys(), ...[...this.defaults.entries.keys()].filter((k) => !own.has(k))];
  }

  /**
   * Parse one file's text into this document. Returns the problems found; as in Python, a missing
   * first section header stops the file, other bad lines are all reported and skipped.
   */
  read(text: string, file: string): IniProblem[] {
    return new FileReader(this, file).run(text);
  }

  /** supervisord's `expand_here`: replace the literal text `%(here)s` in every value of every section. */
  expandHere(here: string): void {
    const defaults = [...this.defaults.entries].filter(([, e]) => e.value.includes(HERE_TEXT));
    // Earlier sections were substituted already, unless [DEFAULT] just got new values for all of them.
    const sections = this.touched.has(this.defaults) ? this.sectionMap.values() : this.touched;
    for (const section of sections) {
      if (section === this.defaults) continue;
      for (const [key, entry] of section.entries) {
        if (entry.value.includes(HERE_TEXT)) section.entries.set(key, { ...entry, value: entry.value.replaceAll(HERE_TEXT, here) });
      }
      for (const [key, entry] of defaults) {
        if (!section.entries.has(key)) section.entries.set(key, { ...entry, value: entry.value.replaceAll(HERE_TEXT, here) });
      }
    }
    this.touched.clear();
  }

  /** @internal used by the reader */
  openSection(name: string, file: string, line: number): IniSection {
    if (name === DEFAULT_SECTION) {
      if (this.defaults.file === '') Object.assign(this.defaults, { file, line });
      this.touched.add(this.defaults);
      return this.defaults;
    }
    let section = this.sectionMap.get(name);
    if (!section) {
      section = { name, file, line, entries: new Map() };
      this.sectionMap.set(name, section);
    }
    this.touched.add(section);
    return section;
  }
}

interface PendingValue {
  readonly key: string;
  readonly line: number;
  readonly pieces: string[];
}

const INLINE_COMMENT_PREFIXES = [';', '#'];

/**
 * Where an inline comment starts: a `;` or `#` at the start of the line or right after whitespace.
 * Python advances all prefixes in lock-step rounds and stops after the first round that finds one, so
 * in `a;b ;c #d` the comment is ` #d` (the `#` is found in round 1, the ` ;` only in round 2).
 */
function inlineCommentStart(line: string): number {
  if (!line.includes(';') && !line.includes('#')) return -1;
  let positions = new Map(INLINE_COMMENT_PREFIXES.map((p) => [p, -1]));
  let best = -1;
  while (best === -1 && positions.size > 0) {
    const next = new Map<string, number>();
    for (const [prefix, from] of positions) {
      const i = line.indexOf(prefix, from + 1);
      if (i === -1) continue;
      next.set(prefix, i);
      if (i === 0 || isPySpace(line[i - 1] as string)) best = best === -1 ? i : Math.min(best, i);
    }
    positions = next;
  }
  return best;
}

class FileReader {
  private section: IniSection | null = null;
  private pending: PendingValue | null = null;
  private indentLevel = 0;
  private readonly problems: IniProblem[] = [];
  private readonly values: Array<{ section: IniSection; pending: PendingValue }> = [];

  constructor(
    private readonly doc: IniDocument,
    private readonly file: string,
  ) {}

  run(text: string): IniProblem[] {
    const lines = text.split(/\r\n|\r|\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    for (let i = 0; i < lines.length; i++) {
      if (!this.readLine(lines[i] as string, i + 1)) break;
    }
    this.joinValues();
    return this.problems;
  }

  /** Returns false when the rest of the file must not be read. */
  private readLine(line: string, lineno: number): boolean {
    let commentStart = inlineCommentStart(line);
    const first = line[firstNonSpace(line)];
    if (first === ';' || first === '#') commentStart = 0; // a full-line comment
    const value = pyStrip(commentStart === -1 ? line : line.slice(0, commentStart));
    if (value === '') {
      // Blank lines inside a value are kept; comment lines are skipped without ending the value.
      if (commentStart === -1 && this.section && this.pending) this.pending.pieces.push('');
      return true;
    }
    const indent = firstNonSpace(line);
    if (this.section && this.pending && indent > this.indentLevel) {
      this.pending.pieces.push(value);
      return true;
    }
    this.indentLevel = indent;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      this.section = this.doc.openSection(header[1] as string, this.file, lineno);
      this.pending = null;
      return true;
    }
    if (!this.section) {
      const bom = line.startsWith('\ufeff') ? ' (the file starts with a byte order mark, which Python does not skip)' : '';
      this.problems.push({
        file: this.file,
        line: lineno,
        section: null,
        message: `file contains no section headers: the first line with content must be a [section] header, got ${pyRepr(line)}${bom}`,
        fatal: true,
      });
      return false;
    }
    const option = /^(.*?)\s*([=:])\s*(.*)$/su.exec(value);
    if (!option || (option[1] as string) === '') {
      const why = option ? 'a key name is missing before the delimiter' : 'a key needs "=" or ":" and a value';
      this.problems.push({ file: this.file, line: lineno, section: this.section.name, message: `cannot parse line ${pyRepr(line)}: ${why}`, fatal: false });
      if (!option) return true;
    }
    const key = pyRstrip((option as RegExpExecArray)[1] as string).toLowerCase();
    this.pending = { key, line: lineno, pieces: [pyStrip((option as RegExpExecArray)[3] as string)] };
    this.values.push({ section: this.section, pending: this.pending });
    return true;
  }

  private joinValues(): void {
    for (const { section, pending } of this.values) {
      section.entries.set(pending.key, {
        value: pyRstrip(pending.pieces.join('\n')),
        file: this.file,
        line: pending.line,
        fromDefault: section.name === DEFAULT_SECTION,
      });
    }
  }
}

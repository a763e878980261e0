// Reading one option the way supervisord's `saneget` does — the section's key, else `[DEFAULT]`'s,
// else the default; `%`-expanded with the names of its scope; converted — while recording any
// problem at the key's file:line (or the section header's when the key is missing).

import type { IniDocument, IniEntry } from './ini.js';
import type { Diagnostics, Where } from './diagnostics.js';
import { expandValue, type Expansions } from './expand.js';
import type { ConvertContext } from './convert.js';
import type { OptionSpec } from './schema.js';

export class OptionReader {
  constructor(
    readonly doc: IniDocument,
    readonly diagnostics: Diagnostics,
    readonly convertContext: ConvertContext,
  ) {}

  entry(section: string, key: string): IniEntry | undefined {
    return this.doc.get(section, key);
  }

  has(section: string, key: string): boolean {
    return this.doc.get(section, key) !== undefined;
  }

  /** The key's position, else the section header's. */
  where(section: string, key: string | null): Where {
    const at = (key === null ? undefined : this.doc.get(section, key)) ?? this.doc.section(section);
    return at ? { file: at.file, line: at.line } : { file: '', line: 0 };
  }

  error(section: string, key: string | null, message: string): void {
    this.diagnostics.error(this.where(section, key), section, key, message);
  }

  warn(section: string, key: string | null, message: string): void {
    this.diagnostics.warn(this.where(section, key), section, key, message);
  }

  /** Expand a text of `section.key`; undefined (and an error recorded) when it cannot be expanded. */
  expand(section: string, key: string, text: string, names: Expansions, label = `${section}.${key}`): string | undefined {
    const result = expandValue(text, names, label);
    if (result.ok) return result.value;
    this.error(section, key, result.message);
    return undefined;
  }

  /** The raw (unexpanded) text, or undefined when the key is absent. */
  raw(section: string, key: string): string | undefined {
    return this.doc.get(section, key)?.value;
  }

  /**
   * The option's value: the default when absent; otherwise expanded (unless names is null) and
   * converted. undefined when it is invalid (the error is recorded).
   */
  value<T>(section: string, key: string, spec: OptionSpec<T>, names: Expansions | null): T | undefined {
    const entry = this.doc.get(section, key);
    if (!entry) return spec.default;
    const text = names === null ? entry.value : this.expand(section, key, entry.value, names);
    if (text === undefined) return undefined;
    return this.convert(section, key, spec, text);
  }

  /** Convert an already expanded text with the spec's converter. */
  convert<T>(section: string, key: string, spec: OptionSpec<T>, text: string): T | undefined {
    if (spec.convert === null) return text as T;
    const converted = spec.convert(text, this.convertContext);
    if (converted.ok) return converted.value;
    this.error(section, key, converted.message);
    return undefined;
  }
}

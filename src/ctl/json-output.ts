// `--json` (ours, for scripts): the same data as the text output, as one JSON document on stdout.
// Exit statuses are those of the text form.

import { faultName } from '../core/faults.js';
import { makeNamespec } from '../core/names.js';
import type { Controller } from './controller.js';
import type { ProcessResult } from './format.js';

export const JSON_FLAG = '--json';

/** Splits the argument text into words and removes our --json flag from them. */
export function takeJsonFlag(arg: string): { json: boolean; words: string[] } {
  const words = splitWords(arg);
  const json = words.includes(JSON_FLAG);
  return { json, words: json ? words.filter((w) => w !== JSON_FLAG) : words };
}

/** Python's str.split(): runs of whitespace, no empty words. */
export function splitWords(arg: string): string[] {
  return arg.split(/\s+/).filter((w) => w !== '');
}

export interface ActionRecord {
  readonly action: string;
  readonly namespec: string;
  readonly group: string;
  readonly name: string | null;
  readonly ok: boolean;
  /** SUCCESS (80) or the fault code. */
  readonly code: number;
  readonly fault: string | null;
  /** The text supervisorctl prints for this result. */
  readonly message: string;
}

/** Collects per-process results: printed one line at a time, or as one JSON array at the end. */
export class ActionReport {
  private readonly records: ActionRecord[] = [];

  constructor(
    private readonly ctl: Controller,
    readonly json: boolean,
  ) {}

  add(action: string, result: ProcessResult, line: string): void {
    if (!this.json) {
      this.ctl.output(line);
      return;
    }
    const ok = result.status === 80;
    this.records.push({
      action,
      namespec: result.name === null ? `${result.group}:*` : makeNamespec(result.group, result.name),
      group: result.group,
      name: result.name,
      ok,
      code: result.status,
      fault: ok ? null : faultName(result.status),
      message: line,
    });
  }

  /** Text mode: print now. JSON mode: the line is already represented by a record, or is dropped. */
  line(text: string): void {
    if (!this.json) this.ctl.output(text);
  }

  flush(): void {
    if (this.json) this.ctl.output(JSON.stringify(this.records, null, 2));
  }
}

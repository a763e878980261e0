// `help [action]`: the topic list (laid out by Python's cmd.Cmd.columnize) or one action's help text.

import type { Handler } from '../commands.js';
import { EXTRA_HELP_TEXTS, HELP_HELP, HELP_TEXTS } from '../help-texts.js';

const DOC_HEADER = 'default commands (type help <topic>):';

export const help: Handler = async (ctl, arg) => {
  if (arg === 'help') {
    for (const line of HELP_HELP) ctl.output(line);
    return;
  }
  if (arg !== '') {
    const text = helpText(arg);
    if (text) for (const line of text) ctl.output(line);
    else ctl.output(`*** No help on ${arg}`);
    return;
  }
  ctl.output('');
  ctl.output(DOC_HEADER);
  ctl.output('='.repeat(DOC_HEADER.length));
  for (const line of columnize(Object.keys(HELP_TEXTS).sort(), 79)) ctl.output(line);
  ctl.output('');
};

function helpText(action: string): readonly string[] | undefined {
  if (Object.hasOwn(HELP_TEXTS, action)) return HELP_TEXTS[action];
  if (Object.hasOwn(EXTRA_HELP_TEXTS, action)) return EXTRA_HELP_TEXTS[action];
  return undefined;
}

/** cmd.Cmd.columnize: the fewest rows whose columns (2 spaces apart) fit the width; cells padded. */
export function columnize(items: readonly string[], width: number): string[] {
  if (items.length === 0) return ['<empty>'];
  if (items.length === 1) return [items[0]!];
  let rows = items.length;
  let widths: number[] = [0];
  for (let nrows = 1; nrows < items.length; nrows++) {
    const ncols = Math.ceil(items.length / nrows);
    const colWidths: number[] = [];
    let total = -2;
    for (let col = 0; col < ncols; col++) {
      const cells = items.slice(col * nrows, col * nrows + nrows);
      const w = Math.max(0, ...cells.map((c) => c.length));
      colWidths.push(w);
      total += w + 2;
      if (total > width) break;
    }
    if (total <= width) {
      rows = nrows;
      widths = colWidths;
      break;
    }
  }
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const texts: string[] = [];
    for (let col = 0; col < widths.length; col++) texts.push(items[row + rows * col] ?? '');
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    lines.push(texts.map((t, i) => t.padEnd(widths[i]!)).join('  '));
  }
  return lines;
}

// The interactive shell: `<prompt>> ` with readline editing, history (history_file) and tab completion.
// Runs `status` first, like supervisorctl; always exits 0.

import { readFileSync, writeFileSync } from 'node:fs';
import readline from 'node:readline';
import { completableActions } from './commands.js';
import { complete } from './completion.js';
import type { Controller } from './controller.js';
import { runLine } from './dispatch.js';
import type { ProcessInfo } from './format.js';
import type { Interrupts } from './interrupts.js';
import { QueuedLineInput } from './line-input.js';

const HISTORY_SIZE = 10_000;

export interface ShellIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly terminal: boolean;
}

/** Builds the readline interface the shell and every prompt of its commands share. */
export function createShellReadline(ctl: Controller, io: ShellIo, historyFile: string | null): readline.Interface {
  let cached: Promise<readonly ProcessInfo[]> | null = null;
  const rl = readline.createInterface({
    input: io.input,
    output: io.output,
    terminal: io.terminal,
    historySize: HISTORY_SIZE,
    history: loadHistory(historyFile),
    completer: (line: string, callback: (err: null, result: [string[], string]) => void) => {
      cached ??= ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo');
      const info = (): Promise<readonly ProcessInfo[]> => cached!.catch(() => []);
      complete(line, completableActions(), info).then(
        (matches) => callback(null, [matches, wordAtEnd(line)]),
        () => callback(null, [[], line]),
      );
    },
  });
  // supervisorctl fetches completion data once per command.
  rl.on('line', () => (cached = null));
  return rl;
}

export async function runShell(
  ctl: Controller,
  rl: readline.Interface,
  input: QueuedLineInput,
  interrupts: Interrupts,
  historyFile: string | null,
): Promise<void> {
  const prompt = `${ctl.options.prompt}> `;
  let interrupted = false;
  let leave: () => void = () => {};
  const leaving = new Promise<null>((resolve) => {
    leave = () => {
      interrupted = true;
      resolve(null);
    };
  });
  // Ctrl-C with no streaming command to stop leaves the shell (supervisorctl's KeyboardInterrupt).
  rl.on('SIGINT', () => interrupts.fire());
  const stopListening = interrupts.on(leave);
  try {
    let line: string | null = 'status';
    for (;;) {
      const ended = await Promise.race([runLine(ctl, line), leaving]);
      if (ended === true || interrupted) break;
      line = await Promise.race([input.question(prompt), leaving]);
      if (interrupted) break;
      if (line === null) {
        await runLine(ctl, 'EOF');
        break;
      }
    }
    if (interrupted) ctl.output('');
  } finally {
    stopListening();
    saveHistory(historyFile, rl);
    rl.close();
  }
}

function wordAtEnd(line: string): string {
  const m = /[^\s`~!@#$%^&()=+[{\]}\\|;'",<>/?]*$/.exec(line);
  return m ? m[0] : '';
}

function loadHistory(file: string | null): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '').reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

function saveHistory(file: string | null, rl: readline.Interface): void {
  if (!file) return;
  const history = (rl as unknown as { history?: string[] }).history ?? [];
  try {
    writeFileSync(file, history.slice().reverse().map((l) => `${l}\n`).join(''));
  } catch {
    // supervisorctl ignores an unwritable history file too.
  }
}

// stdin and Ctrl-C for the ctl process: one line reader shared by every prompt (created on first use, so
// commands that never ask load no readline), and Ctrl-C routed to the running streaming command.

import type { Interface as ReadlineInterface } from 'node:readline';
import type { LineInput } from './controller.js';
import { Interrupts } from './interrupts.js';
import type { QueuedLineInput } from './line-input.js';

export interface TerminalIo {
  readonly interrupts: Interrupts;
  readonly input: LineInput;
  onInterrupt(handler: () => void): () => void;
  /** The shell brings its own readline interface; prompts then go through it. */
  useShellInput(input: QueuedLineInput): void;
  close(): void;
}

/** `onUnhandledInterrupt`: Ctrl-C with no streaming command to stop it. */
export function createTerminalIo(onUnhandledInterrupt: () => void): TerminalIo {
  const interrupts = new Interrupts(onUnhandledInterrupt);
  let rl: ReadlineInterface | null = null;
  let oneShot: Promise<LineInput> | null = null;
  let shellInput: QueuedLineInput | null = null;
  let listening = false;

  const oneShotInput = (): Promise<LineInput> => {
    oneShot ??= Promise.all([import('node:readline'), import('./line-input.js')]).then(([readline, { QueuedLineInput }]) => {
      const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal });
      rl.on('SIGINT', () => interrupts.fire());
      return new QueuedLineInput(rl, process.stdout);
    });
    return oneShot;
  };

  return {
    interrupts,
    input: { question: async (prompt, opts) => (shellInput ?? (await oneShotInput())).question(prompt, opts) },
    onInterrupt(handler) {
      // Without a terminal in raw mode, Ctrl-C arrives as a signal.
      if (!listening) {
        listening = true;
        process.on('SIGINT', () => interrupts.fire());
      }
      return interrupts.on(handler);
    },
    useShellInput(input) {
      shellInput = input;
    },
    close() {
      (rl as ReadlineInterface | null)?.close();
    },
  };
}

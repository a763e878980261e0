// Line input over node:readline for prompts, credentials and `fg`: typed lines are queued so none is lost
// between two reads, a hidden read does not echo, end of input reads as null.

import type { Interface } from 'node:readline';
import type { LineInput } from './controller.js';

interface MutableOutput {
  _writeToOutput(text: string): void;
}

export class QueuedLineInput implements LineInput {
  private readonly lines: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private closed = false;

  constructor(
    private readonly rl: Interface,
    private readonly out: { write(text: string): unknown },
  ) {
    rl.on('line', (line) => {
      if (this.waiter) this.deliver(line);
      else this.lines.push(line);
    });
    rl.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
  }

  /** Writes the prompt (readline's own prompt machinery when on a terminal) and waits for a line. */
  question(prompt: string, opts?: { readonly hidden?: boolean }): Promise<string | null> {
    if (this.lines.length > 0) {
      this.out.write(prompt);
      return Promise.resolve(this.lines.shift()!);
    }
    if (this.closed) {
      this.out.write(prompt);
      return Promise.resolve(null);
    }
    const hidden = opts?.hidden === true && this.rl.terminal;
    const target = this.rl as unknown as MutableOutput;
    const original = target._writeToOutput;
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    if (hidden) target._writeToOutput = () => {};
    return new Promise((resolve) => {
      this.waiter = (line) => {
        if (hidden) {
          target._writeToOutput = original;
          this.out.write('\n');
        }
        resolve(line);
      };
    });
  }

  private deliver(line: string | null): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.(line);
  }
}

// Drive a terminal program in tmux as a person would: a private tmux server per test (-L), keys in
// with send-keys, the screen out with capture-pane, waits on what the screen shows, with a deadline.

import { execFileSync, spawnSync } from 'node:child_process';
import { CI_SLACK } from './daemon.js';

export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V']).status === 0;
}

export interface TmuxSession {
  readonly socket: string;
  keys(...keys: string[]): void;
  /** Literal text (send-keys -l), for prompts. */
  type(text: string): void;
  screen(): string;
  /** The screen with its colour and attribute escapes (capture-pane -e). */
  screenWithEscapes(): string;
  /** tmux's view of the pane, e.g. `#{alternate_on}`: what the program left the terminal in. */
  display(format: string): string;
  waitForScreen(what: string, test: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves when the program ended and tmux closed its pane (and with it the session). */
  waitForExit(timeoutMs?: number): Promise<void>;
  kill(): void;
}

let counter = 0;

export function startTmux(command: string, size = { width: 120, height: 40 }): TmuxSession {
  const socket = `tss-dash-${process.pid}-${++counter}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  tmux('new-session', '-d', '-x', String(size.width), '-y', String(size.height), command);
  const alive = () => spawnSync('tmux', ['-L', socket, 'has-session']).status === 0;
  const session: TmuxSession = {
    socket,
    keys: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => void tmux('send-keys', '-l', text),
    screen: () => tmux('capture-pane', '-p'),
    screenWithEscapes: () => tmux('capture-pane', '-p', '-e'),
    display: (format) => tmux('display-message', '-p', format).trim(),
    async waitForScreen(what, test, timeoutMs = 15_000 * CI_SLACK) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        if (!alive()) throw new Error(`the program ended while waiting for ${what}; last screen:\n${last}`);
        last = session.screen();
        if (test(last)) return last;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async waitForExit(timeoutMs = 10_000 * CI_SLACK) {
      const deadline = Date.now() + timeoutMs;
      while (alive()) {
        if (Date.now() > deadline) throw new Error(`the program did not exit; screen:\n${session.screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill() {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
  return session;
}

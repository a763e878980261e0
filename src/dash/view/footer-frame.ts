// The two footer lines (action results or the prompt; connection state and the keys for the current
// focus) and the overlay boxes (help, signal menu, confirmation), all from the state and the keymap.

import { footerBindings, helpLines, keyLabel, type KeyBinding } from '../model/keymap.js';
import { SIGNALS } from '../model/overlays.js';
import type { DashState, Target } from '../model/types.js';
import { escapeTags, type Theme } from './theme.js';

function targetName(target: Target): string {
  return target.kind === 'all' ? 'all processes' : target.kind === 'group' ? `group ${target.group}` : target.namespec;
}

function connectionText(state: DashState, theme: Theme): string {
  const { status, detail } = state.connection;
  const colour = status === 'connected' ? 'green' : status === 'connecting' ? 'yellow' : 'red';
  const words = status === 'disconnected' ? `disconnected${detail ? `: ${detail}` : ''} (retrying)` : status;
  return theme.fg(`● ${escapeTags(words)}`, colour);
}

export function footerLines(state: DashState, width: number, theme: Theme): [string, string] {
  const overlay = state.overlay;
  let first: string;
  if (overlay?.kind === 'prompt') {
    const what = overlay.purpose === 'filter' ? 'filter processes' : 'search log';
    first = `${theme.bold(`${what}:`)} /${escapeTags(overlay.text)}█  (Enter applies, Esc ${overlay.purpose === 'filter' ? 'clears' : 'cancels'})`;
  } else if (state.message !== null) {
    const text = escapeTags(state.message.text.replace(/\s*\n\s*/g, '; ').slice(0, width * 2));
    first = state.message.error ? theme.fg(text, 'red') : text;
  } else {
    first = '';
  }
  const focus = state.copyMode ? 'copy mode (c leaves)' : state.focus === 'table' ? 'table' : 'log';
  const status = connectionText(state, theme);
  // Key hints while they fit; help and quit always show.
  const cost = (b: KeyBinding) => keyLabel(b.keys[0] ?? '').length + (b.footer ?? '').length + 3;
  const bindings = footerBindings(state.focus);
  const always = bindings.filter((b) => b.action === 'help' || b.action === 'quit');
  let room = width - plainLength(status) - focus.length - 6 - always.reduce((n, b) => n + cost(b), 0);
  const shown = bindings.filter((b) => {
    if (always.includes(b)) return true;
    if (cost(b) > room) return false;
    room -= cost(b);
    return true;
  });
  const hints = shown.map((b) => `${theme.bold(escapeTags(keyLabel(b.keys[0] ?? '')))} ${escapeTags(b.footer ?? '')}`);
  return [first, `${status}  [${focus}]  ${hints.join('  ')}`];
}

function plainLength(tagged: string): number {
  return tagged.replace(/\{[^{}]*\}/g, '').length;
}

export interface OverlayFrame {
  readonly title: string;
  readonly lines: string[];
  /** Covers the table and the log (help) rather than a small box in the middle. */
  readonly full: boolean;
}

/** The help lines flowed into as many columns as the screen is wide, each column `rows` high. */
export function flowColumns(lines: readonly string[], width: number, rows: number): string[] {
  const columns = Math.max(1, Math.ceil(lines.length / Math.max(1, rows)));
  const colWidth = Math.max(8, Math.floor(width / columns));
  const height = Math.ceil(lines.length / columns);
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    let line = '';
    for (let c = 0; c < columns; c++) line += (lines[c * height + r] ?? '').slice(0, colWidth - 1).padEnd(colWidth);
    out.push(line.trimEnd());
  }
  return out;
}

export function overlayFrame(state: DashState, theme: Theme, size: { width: number; rows: number }): OverlayFrame | null {
  const overlay = state.overlay;
  if (overlay === null || overlay.kind === 'prompt') return null;
  if (overlay.kind === 'help') {
    const lines = flowColumns(helpLines(), size.width - 4, size.rows - 2);
    return { title: ' keys (any key closes this) ', lines: lines.map(escapeTags), full: true };
  }
  if (overlay.kind === 'confirm') {
    return { title: ' confirm ', lines: ['', `  ${overlay.op} ${escapeTags(targetName(overlay.target))}?  (y/n)  `, ''], full: false };
  }
  const lines = SIGNALS.map((sig, i) => (i === overlay.index ? theme.inverse(` › SIG${sig} `) : `   SIG${sig} `));
  return { title: ' signal ', lines: [`to ${escapeTags(targetName(overlay.target))}:`, ...lines, '', 'Enter sends · Esc cancels'], full: false };
}

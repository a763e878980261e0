// Keys while an overlay is open: the filter/search prompt (text input), the confirmation question,
// the signal menu and the help screen. These do not go through the keymap: they are input, not commands.

import { jumpToMatch } from './log-pane.js';
import { rowsOf } from './rows.js';
import { selectIndex } from './selection.js';
import { keepSelection, type Step } from './ui-actions.js';
import type { DashState, Overlay } from './types.js';

/** Signals the menu offers, most used first (any name signalProcess accepts would do). */
export const SIGNALS = ['TERM', 'HUP', 'INT', 'QUIT', 'KILL', 'USR1', 'USR2', 'STOP', 'CONT'] as const;

const just = (state: DashState): Step => ({ state, effects: [] });
const close = (state: DashState): DashState => ({ ...state, overlay: null });

/** A printable key as the text it types, or null. */
function typed(key: string): string | null {
  if (key === 'space') return ' ';
  return [...key].length === 1 ? key : null;
}

function promptKey(state: DashState, overlay: Extract<Overlay, { kind: 'prompt' }>, key: string): Step {
  const filtering = overlay.purpose === 'filter';
  if (key === 'escape') return just(filtering ? close(keepSelection(state, '')) : close(state));
  if (key === 'enter') {
    if (!filtering) {
      const searched = close({ ...state, log: { ...state.log, search: overlay.text, match: null } });
      return just(overlay.text === '' ? searched : jumpToMatch(searched, 'up', true));
    }
    // Enter applies the filter and selects its first match.
    const next = close({ ...state, filter: overlay.text });
    const first = rowsOf(next).findIndex((row) => row.kind === 'process');
    return just(selectIndex({ ...next, selected: null }, Math.max(0, first)));
  }
  let text = overlay.text;
  if (key === 'backspace') text = [...text].slice(0, -1).join('');
  else if (key === 'C-u') text = '';
  else {
    const ch = typed(key);
    if (ch === null) return just(state);
    text += ch;
  }
  const withText = { ...state, overlay: { ...overlay, text } };
  // The table narrows while typing; Enter only confirms it.
  return just(filtering ? keepSelection(withText, text) : withText);
}

export function overlayKey(state: DashState, overlay: Overlay, key: string): Step {
  switch (overlay.kind) {
    case 'help':
      return just(close(state));
    case 'prompt':
      return promptKey(state, overlay, key);
    case 'confirm':
      if (key === 'y' || key === 'Y') return { state: close(state), effects: [{ kind: 'control', op: overlay.op, target: overlay.target }] };
      if (key === 'n' || key === 'N' || key === 'escape' || key === 'q') return just({ ...close(state), message: { text: 'cancelled', error: false } });
      return just(state);
    case 'signals': {
      const move = key === 'up' || key === 'k' ? -1 : key === 'down' || key === 'j' ? 1 : 0;
      if (move !== 0) {
        const index = (overlay.index + move + SIGNALS.length) % SIGNALS.length;
        return just({ ...state, overlay: { ...overlay, index } });
      }
      if (key === 'escape' || key === 'q') return just(close(state));
      if (key !== 'enter') return just(state);
      const signal = SIGNALS[overlay.index] ?? 'TERM';
      return { state: close(state), effects: [{ kind: 'control', op: 'signal', target: overlay.target, signal }] };
    }
  }
}

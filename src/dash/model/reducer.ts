// The dashboard's one entry point for change: (state, message) → (state, effects). No I/O, no clock
// other than the `now` it is given, no terminal: the unit tests drive it directly.

import { applyDaemonEvent, applyLogEvents, emptyLogs } from './daemon-events.js';
import { prependHistory } from './log-buffer.js';
import { actionFor } from './keymap.js';
import { logSubject, scrollLog } from './log-pane.js';
import { overlayKey } from './overlays.js';
import { selectIndex, selectedIndex } from './selection.js';
import { applyAction, type Step } from './ui-actions.js';
import type { DashState, Effect, Message } from './types.js';

function applyMessage(state: DashState, msg: Message, nowSeconds: number): Step {
  switch (msg.type) {
    case 'key': {
      if (msg.key === 'C-c') return applyAction(state, 'quit');
      if (state.overlay !== null) return overlayKey(state, state.overlay, msg.key);
      const action = actionFor(state.focus, msg.key);
      return action === undefined ? { state, effects: [] } : applyAction(state, action);
    }
    case 'wheel':
      return { state: scrollLog(state, msg.direction === 'up' ? -3 : 3), effects: [] };
    case 'connection':
      return { state: { ...state, connection: { status: msg.status, detail: msg.detail } }, effects: [] };
    case 'identity':
      return { state: { ...state, daemon: { ...state.daemon, identification: msg.identification, version: msg.version } }, effects: [] };
    case 'history': {
      const entry = state.logs.get(msg.namespec);
      if (entry === undefined) return { state, effects: [] };
      const buffer = msg.text === null ? entry[msg.channel] : prependHistory(entry[msg.channel], msg.text);
      const logs = new Map(state.logs).set(msg.namespec, { ...entry, [msg.channel]: buffer, history: { ...entry.history, [msg.channel]: 'done' } });
      return { state: { ...state, logs }, effects: [] };
    }
    case 'stats': {
      const stats = new Map(state.stats);
      for (const s of msg.stats) stats.set(s.group === s.name ? s.name : `${s.group}:${s.name}`, s);
      return { state: { ...state, stats }, effects: [] };
    }
    case 'result':
      return { state: { ...state, message: { text: msg.text, error: msg.error } }, effects: [] };
    case 'viewport': {
      const sized = { ...state, viewport: msg.viewport };
      return { state: selectIndex(sized, Math.max(0, selectedIndex(sized))), effects: [] };
    }
    default:
      return { state: applyDaemonEvent(state, msg, nowSeconds), effects: [] };
  }
}

/** The log pane needs the file's tail for a process it shows for the first time (once per connection). */
function historyEffect(state: DashState): Step {
  if (state.connection.status !== 'connected') return { state, effects: [] };
  const subject = logSubject(state);
  if (subject === null) return { state, effects: [] };
  const channel = state.log.channel;
  const entry = state.logs.get(subject) ?? emptyLogs(state.logCapacity);
  if (entry.history[channel] !== 'none') return { state, effects: [] };
  const logs = new Map(state.logs).set(subject, { ...entry, history: { ...entry.history, [channel]: 'loading' } });
  return { state: { ...state, logs }, effects: [{ kind: 'load-history', namespec: subject, channel }] };
}

/** A scroll position or a search match belongs to one buffer: showing another one starts at its end. */
function followNewSubject(before: DashState, after: DashState): DashState {
  if (before.log.mode !== 'process' || after.log.mode !== 'process' || before.selected === after.selected) return after;
  if (logSubject(before) === logSubject(after) || (after.log.follow && after.log.match === null)) return after;
  return { ...after, log: { ...after.log, follow: true, match: null } };
}

export function update(state: DashState, msg: Message, nowMs = Date.now()): Step {
  const step = applyMessage(state, msg, Math.floor(nowMs / 1000));
  const more = historyEffect(followNewSubject(state, step.state));
  return { state: more.state, effects: more.effects.length === 0 ? step.effects : [...step.effects, ...more.effects] };
}

/** Applies messages in order (a batch from one read of the event stream), collecting the effects. */
export function updateAll(state: DashState, msgs: readonly Message[], nowMs = Date.now()): Step {
  let current = state;
  const effects: Effect[] = [];
  for (let i = 0; i < msgs.length; ) {
    // Consecutive log chunks are folded in together; they change nothing else.
    let j = i;
    while (j < msgs.length && msgs[j]?.type === 'process-log') j++;
    if (j - i > 1) {
      current = applyLogEvents(current, msgs.slice(i, j) as Array<Extract<Message, { type: 'process-log' }>>);
      i = j;
      continue;
    }
    const step = update(current, msgs[i] as Message, nowMs);
    current = step.state;
    effects.push(...step.effects);
    i++;
  }
  return { state: current, effects };
}

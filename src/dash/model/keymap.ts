// The default keys, as data: the reducer looks actions up here and the help screen and the footer
// are drawn from the same table, so they cannot disagree.

export type Focus = 'table' | 'log';

export type ActionName =
  | 'select-up' | 'select-down' | 'select-page-up' | 'select-page-down' | 'select-first' | 'select-last'
  | 'filter' | 'clear-filter' | 'toggle-group'
  | 'start' | 'stop' | 'restart' | 'signal-menu' | 'start-all' | 'stop-all' | 'restart-all'
  | 'focus-log' | 'focus-table'
  | 'scroll-up' | 'scroll-down' | 'page-up' | 'page-down' | 'log-top' | 'log-bottom'
  | 'search' | 'next-match' | 'prev-match'
  | 'toggle-channel' | 'toggle-merged' | 'follow' | 'copy-mode' | 'help' | 'quit';

export interface KeyBinding {
  readonly action: ActionName;
  /** Names as the view reports them: printable characters as typed (`K`, `/`), others by name (`up`, `C-c`). */
  readonly keys: readonly string[];
  readonly label: string;
  /** Where the binding applies; 'any' = both panes. */
  readonly focus: Focus | 'any';
  /** The short hint the footer shows for this focus; none = help screen only. */
  readonly footer?: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { action: 'select-up', keys: ['up', 'k'], label: 'select previous', focus: 'table', footer: 'select' },
  { action: 'select-down', keys: ['down', 'j'], label: 'select next', focus: 'table' },
  { action: 'select-page-up', keys: ['pageup'], label: 'page up', focus: 'table' },
  { action: 'select-page-down', keys: ['pagedown'], label: 'page down', focus: 'table' },
  { action: 'select-first', keys: ['home', 'g'], label: 'first row', focus: 'table' },
  { action: 'select-last', keys: ['end', 'G'], label: 'last row', focus: 'table' },
  { action: 'filter', keys: ['/'], label: 'filter by name', focus: 'table', footer: 'filter' },
  { action: 'clear-filter', keys: ['escape'], label: 'clear the filter', focus: 'table' },
  { action: 'toggle-group', keys: ['space', '+', '-'], label: 'collapse/expand group', focus: 'table' },
  { action: 'start', keys: ['s'], label: 'start', focus: 'table', footer: 'start' },
  { action: 'stop', keys: ['x'], label: 'stop', focus: 'table', footer: 'stop' },
  { action: 'restart', keys: ['r'], label: 'restart (header: group)', focus: 'table', footer: 'restart' },
  { action: 'signal-menu', keys: ['K'], label: 'send a signal', focus: 'table', footer: 'signal' },
  { action: 'start-all', keys: ['S'], label: 'start all', focus: 'table' },
  { action: 'stop-all', keys: ['X'], label: 'stop all (asks first)', focus: 'table' },
  { action: 'restart-all', keys: ['R'], label: 'restart all (asks first)', focus: 'table' },
  { action: 'focus-log', keys: ['enter'], label: 'focus the log', focus: 'table', footer: 'log' },
  { action: 'focus-table', keys: ['escape', 'enter'], label: 'back to the table', focus: 'log', footer: 'table' },
  { action: 'scroll-up', keys: ['up', 'k'], label: 'scroll up', focus: 'log' },
  { action: 'scroll-down', keys: ['down', 'j'], label: 'scroll down', focus: 'log' },
  { action: 'page-up', keys: ['pageup'], label: 'page up', focus: 'log', footer: 'scroll' },
  { action: 'page-down', keys: ['pagedown'], label: 'page down', focus: 'log' },
  { action: 'log-top', keys: ['g', 'home'], label: 'oldest line', focus: 'log', footer: 'top' },
  { action: 'log-bottom', keys: ['G', 'end'], label: 'newest line, follow', focus: 'log', footer: 'end' },
  { action: 'search', keys: ['/'], label: 'search the log', focus: 'log', footer: 'search' },
  { action: 'next-match', keys: ['n'], label: 'next (newer) match', focus: 'log', footer: 'next' },
  { action: 'prev-match', keys: ['N'], label: 'previous (older) match', focus: 'log' },
  { action: 'toggle-channel', keys: ['tab'], label: 'stdout/stderr', focus: 'any', footer: 'out/err' },
  { action: 'toggle-merged', keys: ['a'], label: 'all processes merged', focus: 'any', footer: 'all' },
  { action: 'follow', keys: ['f'], label: 'follow on/off', focus: 'any', footer: 'follow' },
  { action: 'copy-mode', keys: ['c'], label: 'copy mode (plain text)', focus: 'any', footer: 'copy' },
  { action: 'help', keys: ['?'], label: 'help', focus: 'any', footer: 'help' },
  { action: 'quit', keys: ['q', 'C-c'], label: 'quit', focus: 'any', footer: 'quit' },
];

const index = new Map<string, ActionName>();
for (const focus of ['table', 'log'] as const) {
  for (const binding of KEYMAP) {
    if (binding.focus !== focus && binding.focus !== 'any') continue;
    for (const key of binding.keys) if (!index.has(`${focus} ${key}`)) index.set(`${focus} ${key}`, binding.action);
  }
}

export function actionFor(focus: Focus, key: string): ActionName | undefined {
  return index.get(`${focus} ${key}`);
}

/** How a key is written on screen. */
const KEY_LABELS: Readonly<Record<string, string>> = { up: '↑', down: '↓', enter: 'Enter', escape: 'Esc', tab: 'Tab', space: 'Space', pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End' };

export function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? key.replace(/^C-/, 'Ctrl-');
}

export function footerBindings(focus: Focus): KeyBinding[] {
  return KEYMAP.filter((b) => b.footer && (b.focus === focus || b.focus === 'any'));
}

/** Bindings that read better as one help line: the first action, its partner and the shared label. */
const HELP_PAIRS: Partial<Record<ActionName, readonly [ActionName, string]>> = {
  'select-up': ['select-down', 'select previous/next'],
  'select-page-up': ['select-page-down', 'page up/down'],
  'scroll-up': ['scroll-down', 'scroll up/down'],
  'page-up': ['page-down', 'page up/down'],
  'next-match': ['prev-match', 'newer/older match'],
};

/** The help screen's lines, one per binding (or pair), grouped by where they apply. */
export function helpLines(): string[] {
  const sections: Array<[string, Focus | 'any']> = [['Process table', 'table'], ['Log pane', 'log'], ['Anywhere', 'any']];
  const partners = new Set(Object.values(HELP_PAIRS).map((pair) => pair[0]));
  const lines: string[] = [];
  for (const [title, focus] of sections) {
    if (lines.length > 0) lines.push('');
    lines.push(title);
    for (const b of KEYMAP.filter((k) => k.focus === focus && !partners.has(k.action))) {
      const pair = HELP_PAIRS[b.action];
      const partner = pair && KEYMAP.find((k) => k.action === pair[0]);
      const keys = partner ? b.keys.map((k, i) => `${keyLabel(k)}/${keyLabel(partner.keys[i] ?? '')}`) : b.keys.map(keyLabel);
      lines.push(` ${keys.join(' ').padEnd(10)} ${pair ? pair[1] : b.label}`);
    }
  }
  return lines;
}

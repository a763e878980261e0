// The only module that imports blessed: a full-screen terminal with four text areas and an overlay
// box. It draws finished text (with blessed tags) and reports keys, wheel turns and resizes; it
// knows nothing about processes.

import blessed from 'blessed';
import type { Layout } from './layout.js';

export interface Frame {
  readonly layout: Layout;
  readonly header: string;
  readonly table: { readonly label: string; readonly headings: string; readonly lines: readonly string[]; readonly focused: boolean };
  readonly log: { readonly label: string; readonly lines: readonly string[]; readonly focused: boolean };
  readonly footer: readonly [string, string];
  readonly overlay: { readonly title: string; readonly lines: readonly string[]; readonly full: boolean } | null;
  readonly mouse: boolean;
}

export interface Terminal {
  size(): { width: number; height: number };
  draw(frame: Frame): void;
  onKey(listener: (key: string) => void): void;
  onWheel(listener: (direction: 'up' | 'down') => void): void;
  onResize(listener: () => void): void;
  /** Leaves the alternate screen and gives the terminal back as it was; safe to call twice. */
  destroy(): void;
}

/** Printable keys as typed (`K`, `/`, `space`); others by blessed's name (`up`, `enter`, `C-c`). */
function keyName(ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg | undefined): string | null {
  const full = key?.full ?? '';
  if (full === 'return') return null; // blessed reports Enter twice: as `enter` and as `return`
  if (full === 'enter' || full === 'linefeed') return 'enter';
  if (ch !== undefined && ch.length === 1 && ch >= ' ' && ch !== '\x7f' && !key?.ctrl && !key?.meta) return ch === ' ' ? 'space' : ch;
  return full === '' ? null : full;
}

/**
 * Unicode lines and symbols unless the locale names another charset: without this blessed draws
 * borders with the terminal's line-drawing charset, which copies (and captures) as `lqqk`.
 */
function wantsUnicode(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return locale === '' || locale === 'C' || locale === 'POSIX' || /utf-?8/i.test(locale);
}

export function openTerminal(options: { color: boolean }): Terminal {
  const unicode = wantsUnicode(process.env);
  const screen = blessed.screen({
    smartCSR: true,
    fullUnicode: true,
    forceUnicode: unicode,
    warnings: false,
    title: 'tssupervisor dashboard',
    autoPadding: false,
  });
  // What NCURSES_NO_UTF8_ACS=1 does: draw the lines as the Unicode characters themselves.
  if (unicode) Object.assign((screen as unknown as { tput: object }).tput, { brokenACS: true });
  const style = (fg: string) => (options.color ? { fg } : {});
  const border = { type: 'line' as const };
  const header = blessed.box({ parent: screen, top: 0, left: 0, height: 1, width: '100%', tags: true, wrap: false });
  const table = blessed.box({ parent: screen, left: 0, width: '100%', tags: true, wrap: false, border, style: { border: style('gray') } });
  const log = blessed.box({ parent: screen, left: 0, width: '100%', tags: true, wrap: false, border, style: { border: style('gray') } });
  const plain = blessed.box({ parent: screen, left: 0, width: '100%', tags: true, wrap: false, hidden: true });
  const footer = blessed.box({ parent: screen, left: 0, height: 2, width: '100%', tags: true, wrap: false });
  const popup = blessed.box({ parent: screen, top: 'center', left: 'center', width: 'shrink', height: 'shrink', tags: true, wrap: false, border, hidden: true, padding: { left: 1, right: 1 } });
  const sheet = blessed.box({ parent: screen, top: 1, left: 0, width: '100%', height: 3, tags: true, wrap: false, border, hidden: true, padding: { left: 1, right: 1 } });
  let mouse = true;
  screen.enableMouse();
  let destroyed = false;
  // Only boxes whose text changed are given it again: blessed re-parses tags on every setContent.
  const shownText = new Map<blessed.Widgets.BoxElement, string>();
  const put = (box: blessed.Widgets.BoxElement, text: string) => {
    if (shownText.get(box) === text) return;
    shownText.set(box, text);
    box.setContent(text);
  };

  return {
    size: () => ({ width: Number(screen.width), height: Number(screen.height) }),
    draw(frame) {
      if (destroyed) return;
      const l = frame.layout;
      put(header, frame.header);
      table.hidden = l.tableHeight === 0;
      Object.assign(table, { top: l.tableTop, height: Math.max(1, l.tableHeight) });
      table.setLabel(frame.table.label);
      put(table, [frame.table.headings, ...frame.table.lines].join('\n'));
      table.style.border = style(frame.table.focused ? 'cyan' : 'gray');
      // Copy mode swaps in a borderless box: what the terminal selects is exactly the log's text.
      const pane = l.borders ? log : plain;
      (l.borders ? plain : log).hide();
      pane.show();
      Object.assign(pane, { top: l.logTop, height: l.logHeight });
      if (l.borders) log.setLabel(frame.log.label);
      log.style.border = style(frame.log.focused ? 'cyan' : 'gray');
      put(pane, frame.log.lines.join('\n'));
      footer.top = l.footerTop;
      put(footer, frame.footer.join('\n'));
      // Two boxes, because blessed fixes a box's shrink-to-content at creation.
      const shown = frame.overlay === null ? null : frame.overlay.full ? sheet : popup;
      for (const box of [sheet, popup]) if (box !== shown) box.hide();
      if (shown !== null && frame.overlay !== null) {
        if (shown === sheet) Object.assign(sheet, { height: Math.max(3, l.footerTop - 1) });
        shown.setLabel(frame.overlay.title);
        put(shown, frame.overlay.lines.join('\n'));
        shown.show();
        shown.setFront();
      }
      if (frame.mouse !== mouse) {
        mouse = frame.mouse;
        if (mouse) screen.program.enableMouse();
        else screen.program.disableMouse(); // copy mode: the terminal's own selection works again
      }
      screen.render();
    },
    onKey(listener) {
      screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg | undefined) => {
        const name = keyName(ch, key);
        if (name !== null) listener(name);
      });
    },
    onWheel(listener) {
      screen.on('mouse', (data: { action: string }) => {
        if (data.action === 'wheelup') listener('up');
        else if (data.action === 'wheeldown') listener('down');
      });
    },
    onResize(listener) {
      screen.on('resize', listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      screen.destroy();
    },
  };
}

// The action table: name → handler module, imported only when the action runs so that start-up stays lean.
// Help texts live in help-texts.ts; this table drives dispatch, completion and the `help` topic list.

import type { Controller } from './controller.js';

/** Runs one action with its argument text (already trimmed). Returning true ends the interactive shell. */
export type Handler = (ctl: Controller, arg: string) => Promise<boolean | void>;

type Loader = () => Promise<Handler>;

export const COMMANDS: ReadonlyMap<string, Loader> = new Map<string, Loader>([
  ['add', () => import('./commands/add-remove.js').then((m) => m.add)],
  ['avail', () => import('./commands/avail.js').then((m) => m.avail)],
  ['clear', () => import('./commands/clear.js').then((m) => m.clear)],
  ['dashboard', () => import('./commands/dashboard.js').then((m) => m.dashboard)],
  ['EOF', () => import('./commands/quit.js').then((m) => m.quit)],
  ['exit', () => import('./commands/quit.js').then((m) => m.quit)],
  ['fg', () => import('./commands/fg.js').then((m) => m.fg)],
  ['help', () => import('./commands/help.js').then((m) => m.help)],
  ['maintail', () => import('./commands/maintail.js').then((m) => m.maintail)],
  ['open', () => import('./commands/open.js').then((m) => m.open)],
  ['pid', () => import('./commands/pid.js').then((m) => m.pid)],
  ['quit', () => import('./commands/quit.js').then((m) => m.quit)],
  ['reload', () => import('./commands/reload-shutdown.js').then((m) => m.reload)],
  ['remove', () => import('./commands/add-remove.js').then((m) => m.remove)],
  ['reread', () => import('./commands/reread.js').then((m) => m.reread)],
  ['restart', () => import('./commands/restart.js').then((m) => m.restart)],
  ['shutdown', () => import('./commands/reload-shutdown.js').then((m) => m.shutdown)],
  ['signal', () => import('./commands/signal.js').then((m) => m.signal)],
  ['start', () => import('./commands/start.js').then((m) => m.start)],
  ['status', () => import('./commands/status.js').then((m) => m.status)],
  ['stop', () => import('./commands/stop.js').then((m) => m.stop)],
  ['tail', () => import('./commands/tail.js').then((m) => m.tail)],
  ['update', () => import('./commands/update.js').then((m) => m.update)],
  ['version', () => import('./commands/version.js').then((m) => m.version)],
]);

/** Actions offered by tab completion (supervisorctl's vocabulary: the documented actions plus help). */
export function completableActions(): string[] {
  return [...COMMANDS.keys()].filter((name) => name !== 'EOF');
}

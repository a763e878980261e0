// `tssupervisorctl dashboard`: connects to the daemon, folds its events and the user's keys into the
// model, carries out the model's effects and draws each new state. The terminal is given back on every
// way out: q, Ctrl-C, a signal, or a crash.

import { openConnection, type Connection, type ConnectionOptions } from './connection.js';
import { runControl } from './control-actions.js';
import { rowsOf } from './model/rows.js';
import { initialState, DEFAULT_LOG_LINES } from './model/state.js';
import { updateAll } from './model/reducer.js';
import type { DashState, Effect, Message, ProcessStats } from './model/types.js';
import { openTerminal, type Terminal } from './view/blessed-screen.js';
import { buildFrame, layoutFor, viewportOf } from './view/frame.js';
import { makeTheme } from './view/theme.js';
import { Fault } from '../core/faults.js';

export interface DashboardOptions extends ConnectionOptions {
  /** Lines kept per process and channel. */
  readonly logLines?: number;
}

const STATS_EVERY_MS = 1500;
const HISTORY_BYTES = 64 * 1024;

export async function runDashboard(options: DashboardOptions): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write('dashboard: needs a terminal (stdin and stdout must be a tty)\n');
    return 2;
  }
  const theme = makeTheme();
  const terminal = openTerminal({ color: theme.color });
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (finish = resolve));
  const restore = installExitGuards(terminal, (code) => finish(code));
  const app = startApp(terminal, options, theme, () => finish(0));
  try {
    return await done;
  } finally {
    app.stop();
    restore();
    terminal.destroy();
  }
}

/** Whatever ends the process, the terminal comes back first (raw mode off, cursor shown, main screen). */
function installExitGuards(terminal: Terminal, end: (code: number) => void): () => void {
  const onSignal = (signal: NodeJS.Signals) => end(signal === 'SIGINT' ? 130 : 143);
  const onCrash = (err: unknown) => {
    terminal.destroy();
    process.stderr.write(`dashboard: internal error, please report: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  };
  const onExit = () => terminal.destroy();
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  for (const s of signals) process.on(s, onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', onExit);
  return () => {
    for (const s of signals) process.off(s, onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onExit);
  };
}

function startApp(terminal: Terminal, options: DashboardOptions, theme: ReturnType<typeof makeTheme>, quit: () => void): { stop(): void } {
  let state: DashState = initialState(options.logLines ?? DEFAULT_LOG_LINES);
  let renderTimer: NodeJS.Timeout | null = null;
  let statsSupported = true;
  let statsBusy = false;

  const render = () => {
    renderTimer = null;
    const size = terminal.size();
    const viewport = viewportOf(layoutFor(state, size));
    if (viewport.tableRows !== state.viewport.tableRows || viewport.logRows !== state.viewport.logRows) {
      state = updateAll(state, [{ type: 'viewport', viewport }]).state;
    }
    terminal.draw(buildFrame(state, size, theme, Date.now()));
  };
  // Keys draw at once; bursts of events are drawn at most 10 times a second (plenty for reading logs).
  const requestRender = (soon: boolean) => {
    if (renderTimer !== null && !soon) return;
    if (renderTimer !== null) clearTimeout(renderTimer);
    renderTimer = setTimeout(render, soon ? 0 : 100);
  };

  /** `draw`: 'soon' for keys, 'later' for events (coalesced), 'tick' for what the next clock tick may show. */
  const dispatch = (msgs: Message[], draw: 'soon' | 'later' | 'tick' = 'later') => {
    const step = updateAll(state, msgs);
    state = step.state;
    for (const effect of step.effects) perform(effect);
    if (draw !== 'tick') requestRender(draw === 'soon');
  };

  const connection: Connection = openConnection(options, {
    onEvents: (events) => dispatch(events),
    onStatus: (status, detail) => {
      dispatch([{ type: 'connection', status, detail }], 'soon');
      if (status === 'connected') void loadIdentity();
    },
  });

  async function loadIdentity() {
    try {
      const [identification, version] = await Promise.all([
        connection.call<string>('supervisor.getIdentification'),
        connection.call<string>('supervisor.getSupervisorVersion'),
      ]);
      dispatch([{ type: 'identity', identification, version }]);
    } catch {
      // The stream's status line already says what is wrong with the connection.
    }
  }

  function perform(effect: Effect) {
    if (effect.kind === 'quit') return quit();
    if (effect.kind === 'load-history') return void loadHistory(effect.namespec, effect.channel);
    const name = effect.target.kind === 'process' ? effect.target.namespec : effect.target.kind === 'group' ? effect.target.group : 'all';
    dispatch([{ type: 'result', text: `${name}: ${effect.op}…`, error: false }], 'soon');
    void runControl((m, p) => connection.call(m, p), effect.op, effect.target, effect.signal).then(({ text, error }) =>
      dispatch([{ type: 'result', text, error }], 'soon'),
    );
  }

  async function loadHistory(namespec: string, channel: 'stdout' | 'stderr') {
    const method = channel === 'stdout' ? 'supervisor.tailProcessStdoutLog' : 'supervisor.tailProcessStderrLog';
    let text: string | null = null;
    try {
      const [bytes, , overflow] = await connection.call<[string, number, boolean]>(method, [namespec, 0, HISTORY_BYTES]);
      // A cut tail starts in the middle of a line: drop that part.
      text = overflow ? bytes.slice(bytes.indexOf('\n') + 1) : bytes;
    } catch {
      text = null; // no log file (or it went away): the pane shows what streams in
    }
    dispatch([{ type: 'history', namespec, channel, text }]);
  }

  async function pollStats() {
    if (!statsSupported || statsBusy || state.connection.status !== 'connected') return;
    const visible = rowsOf(state).slice(state.tableTop, state.tableTop + state.viewport.tableRows);
    const names = visible.flatMap((row) => (row.kind === 'process' ? [row.namespec] : []));
    if (names.length === 0) return;
    statsBusy = true;
    try {
      const stats = await connection.call<ProcessStats[]>('tssupervisor.getProcessStats', [names]);
      // Drawn with the next once-a-second tick: figures sampled every 1.5 s need no frame of their own.
      dispatch([{ type: 'stats', stats }], 'tick');
    } catch (err) {
      if (err instanceof Fault && err.faultName === 'UNKNOWN_METHOD') statsSupported = false; // an older daemon
    } finally {
      statsBusy = false;
    }
  }

  const statsTimer = setInterval(() => void pollStats(), STATS_EVERY_MS);
  // Uptimes are computed here from the start time, so a running row needs a redraw once a second.
  let statsDrawn = state.stats;
  const clockTimer = setInterval(() => {
    const running = [...state.processes.values()].some((p) => p.statename === 'RUNNING');
    if (running || state.stats !== statsDrawn) requestRender(false);
    statsDrawn = state.stats;
  }, 1000);

  terminal.onKey((key) => dispatch([{ type: 'key', key }], 'soon'));
  terminal.onWheel((direction) => dispatch([{ type: 'wheel', direction }], 'soon'));
  terminal.onResize(() => requestRender(true));
  render();

  return {
    stop() {
      clearInterval(statsTimer);
      clearInterval(clockTimer);
      if (renderTimer !== null) clearTimeout(renderTimer);
      connection.close();
    },
  };
}

// supervisord's process lifecycle as a pure function: (snapshot, event, context) → (snapshot, effects).
// It performs nothing: the runner spawns, signals, arms the one deadline timer, logs and publishes the
// state changes it returns. Where supervisord waits for its next 1-second tick, we act when the event
// happens (exit, deadline) — the decisions are the same, only the latency differs.

import { constants } from 'node:os';
import type { AutoRestart } from '../config/types.js';
import type { ProcessStateName } from './states.js';

export interface ProcessPolicy {
  readonly name: string;
  readonly startsecs: number;
  readonly startretries: number;
  readonly autorestart: AutoRestart;
  readonly exitcodes: readonly number[];
  readonly stopsignal: number;
  readonly stopwaitsecs: number;
  readonly stopasgroup: boolean;
  readonly killasgroup: boolean;
}

export interface ProcessSnapshot {
  readonly state: ProcessStateName;
  readonly pid: number;
  /** Monotonic ms of the last spawn attempt; 0 = never started. */
  readonly laststart: number;
  /** Epoch ms of the last spawn attempt / of the last exit; 0 = never. */
  readonly laststartWall: number;
  readonly laststopWall: number;
  /** Failed start attempts since the last success (supervisord's `backoff`). */
  readonly backoff: number;
  /** Monotonic deadline of the pending timer (startsecs, backoff retry, SIGKILL); 0 = none. */
  readonly delay: number;
  readonly killing: boolean;
  /**
   * Monotonic ms at which the current child was reaped while its exit still waits for its last output to be
   * logged; 0 = not reaped. The exit's decisions (too quickly?) are made as of this time, as supervisord makes
   * them when it reaps, and a STARTING child that is already dead is never promoted to RUNNING meanwhile.
   */
  readonly reapedAt: number;
  readonly exitstatus: number | null;
  readonly spawnerr: string | null;
}

export type Mood = 'RUNNING' | 'RESTARTING' | 'SHUTDOWN';

export interface StepContext {
  readonly now: number;
  readonly wallNow: number;
  readonly mood: Mood;
  readonly policy: ProcessPolicy;
}

export type MachineEvent =
  | { readonly type: 'start' }
  | { readonly type: 'spawned'; readonly pid: number }
  | { readonly type: 'spawnFailed'; readonly spawnerr: string }
  /** The child is dead (reaped); `exited` follows once its output is in the logs. */
  | { readonly type: 'reaped' }
  | { readonly type: 'exited'; readonly code: number | null; readonly signal: string | null }
  | { readonly type: 'deadline' }
  | { readonly type: 'stop' }
  | { readonly type: 'giveUp' }
  | { readonly type: 'killFailed'; readonly error: string };

export type LogLevel = 'crit' | 'error' | 'warn' | 'info' | 'debug';

export type Effect =
  | { readonly type: 'spawn' }
  | { readonly type: 'kill'; readonly signal: number; readonly group: boolean }
  /** Arm the process's single deadline timer at a monotonic time, or cancel it (null). */
  | { readonly type: 'timer'; readonly at: number | null }
  | { readonly type: 'log'; readonly level: LogLevel; readonly message: string }
  | {
      readonly type: 'state';
      readonly from: ProcessStateName;
      readonly to: ProcessStateName;
      readonly pid: number;
      readonly tries: number;
      readonly expected: boolean;
    };

export interface StepResult {
  readonly snapshot: ProcessSnapshot;
  readonly effects: readonly Effect[];
}

export const INITIAL_SNAPSHOT: ProcessSnapshot = {
  state: 'STOPPED',
  pid: 0,
  laststart: 0,
  laststartWall: 0,
  laststopWall: 0,
  backoff: 0,
  delay: 0,
  killing: false,
  reapedAt: 0,
  exitstatus: null,
  spawnerr: null,
};

export const TOO_QUICK = 'Exited too quickly (process log may have details)';

export function signalName(signal: number): string {
  for (const [name, value] of Object.entries(constants.signals)) if (value === signal) return name;
  return `signal ${signal}`;
}

/** The text supervisord logs for a wait status, and the exitstatus it records (−1 for a signal death). */
export function describeExit(code: number | null, signal: string | null): { text: string; status: number } {
  if (signal !== null) return { text: `terminated by ${signal}`, status: -1 };
  if (code !== null) return { text: `exit status ${code}`, status: code };
  return { text: 'unknown termination cause', status: -1 };
}

class Transition {
  snapshot: ProcessSnapshot;
  readonly effects: Effect[] = [];

  constructor(
    start: ProcessSnapshot,
    readonly ctx: StepContext,
  ) {
    this.snapshot = start;
  }

  set(patch: Partial<ProcessSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
  }

  log(level: LogLevel, message: string): void {
    this.effects.push({ type: 'log', level, message });
  }

  changeState(to: ProcessStateName, expected = false): void {
    const from = this.snapshot.state;
    if (from === to) return;
    this.set({ state: to });
    const { pid, backoff: tries } = this.snapshot;
    this.effects.push({ type: 'state', from, to, pid, tries, expected });
  }

  timer(at: number | null): void {
    this.set({ delay: at ?? 0 });
    this.effects.push({ type: 'timer', at });
  }

  result(): StepResult {
    return { snapshot: this.snapshot, effects: this.effects };
  }
}

export function step(snapshot: ProcessSnapshot, event: MachineEvent, ctx: StepContext): StepResult {
  const t = new Transition(snapshot, ctx);
  HANDLERS[event.type](t, event as never);
  return t.result();
}

type Handlers = { [K in MachineEvent['type']]: (t: Transition, e: Extract<MachineEvent, { type: K }>) => void };

const HANDLERS: Handlers = {
  start: (t) => spawn(t),
  spawned: (t, e) => spawned(t, e.pid),
  spawnFailed: (t, e) => {
    if (t.snapshot.state !== 'STARTING') return;
    t.set({ spawnerr: e.spawnerr });
    t.log('info', `spawnerr: ${e.spawnerr}`);
    failedStart(t);
  },
  reaped: (t) => {
    const s = t.snapshot;
    if (s.pid === 0 || s.reapedAt !== 0) return;
    // supervisord's laststop is the reap time too.
    t.set({ reapedAt: t.ctx.now, laststopWall: t.ctx.wallNow });
    if (s.state === 'STARTING') t.timer(null);
  },
  exited: (t, e) => exited(t, e.code, e.signal),
  deadline: (t) => deadline(t),
  stop: (t) => stop(t),
  giveUp: (t) => {
    if (t.snapshot.state !== 'BACKOFF') return;
    t.timer(null);
    t.set({ backoff: 0 });
    t.changeState('FATAL');
  },
  killFailed: (t, e) => {
    const { name } = t.ctx.policy;
    t.log('crit', `unknown problem killing ${name} (${t.snapshot.pid}):${e.error}`);
    t.timer(null);
    t.set({ killing: false });
    t.changeState('UNKNOWN');
  },
};

function spawn(t: Transition): void {
  const { snapshot: s, ctx } = t;
  if (s.pid !== 0) {
    t.log('warn', `process '${ctx.policy.name}' already running`);
    return;
  }
  if (s.state === 'STARTING' || s.state === 'RUNNING' || s.state === 'STOPPING') return;
  t.timer(null);
  t.set({ killing: false, spawnerr: null, exitstatus: null, laststart: ctx.now, laststartWall: ctx.wallNow });
  t.changeState('STARTING');
  t.effects.push({ type: 'spawn' });
}

function spawned(t: Transition, pid: number): void {
  const { ctx } = t;
  if (t.snapshot.state !== 'STARTING') return;
  t.set({ pid });
  t.log('info', `spawned: '${ctx.policy.name}' with pid ${pid}`);
  // supervisord promotes on the first tick strictly after startsecs; we promote exactly at startsecs.
  t.timer(t.snapshot.laststart + ctx.policy.startsecs * 1000);
}

function failedStart(t: Transition): void {
  const { policy, now, mood } = t.ctx;
  const backoff = t.snapshot.backoff + 1;
  t.set({ backoff });
  t.changeState('BACKOFF');
  if (backoff > policy.startretries) {
    giveUp(t, true);
    return;
  }
  t.timer(mood === 'RUNNING' ? now + backoff * 1000 : null);
}

function giveUp(t: Transition, log: boolean): void {
  t.timer(null);
  t.set({ backoff: 0 });
  t.changeState('FATAL');
  if (log) t.log('info', `gave up: ${t.ctx.policy.name} entered FATAL state, too many start retries too quickly`);
}

function deadline(t: Transition): void {
  const { snapshot: s, ctx } = t;
  const { policy } = ctx;
  if (s.delay === 0 || ctx.now < s.delay) return;
  switch (s.state) {
    case 'STARTING':
      if (s.pid === 0 || s.reapedAt !== 0) return;
      t.timer(null);
      t.set({ backoff: 0 });
      t.changeState('RUNNING');
      t.log(
        'info',
        `success: ${policy.name} entered RUNNING state, process has stayed up for > than ${policy.startsecs} seconds (startsecs)`,
      );
      return;
    case 'BACKOFF':
      if (ctx.mood === 'RUNNING') spawn(t);
      return;
    case 'STOPPING':
      t.log('warn', `killing '${policy.name}' (${s.pid}) with SIGKILL`);
      t.timer(ctx.now + policy.stopwaitsecs * 1000);
      t.effects.push({ type: 'kill', signal: constants.signals.SIGKILL, group: policy.killasgroup });
      return;
    default:
      t.timer(null);
  }
}

function stop(t: Transition): void {
  const { snapshot: s, ctx } = t;
  const { policy } = ctx;
  if (s.state === 'BACKOFF') {
    t.log('debug', `Attempted to kill ${policy.name}, which is in BACKOFF state.`);
    t.timer(null);
    t.changeState('STOPPED');
    return;
  }
  if ((s.state !== 'STARTING' && s.state !== 'RUNNING') || s.pid === 0) return;
  const asGroup = policy.stopasgroup ? 'process group ' : '';
  t.log('debug', `killing ${policy.name} (pid ${s.pid}) ${asGroup}with signal ${signalName(policy.stopsignal)}`);
  t.set({ killing: true });
  t.timer(ctx.now + policy.stopwaitsecs * 1000);
  t.changeState('STOPPING');
  t.effects.push({ type: 'kill', signal: policy.stopsignal, group: policy.stopasgroup });
}

function exited(t: Transition, code: number | null, signal: string | null): void {
  const { snapshot: s, ctx } = t;
  const { policy } = ctx;
  if (s.pid === 0) return;
  const { text, status } = describeExit(code, signal);
  const expected = policy.exitcodes.includes(status);
  const tooQuickly = (s.reapedAt || ctx.now) - s.laststart < policy.startsecs * 1000;
  t.set({ laststopWall: s.reapedAt ? s.laststopWall : ctx.wallNow, reapedAt: 0 });
  t.timer(null);

  if (s.killing) {
    t.set({ killing: false, exitstatus: status });
    t.log(expected ? 'info' : 'warn', `stopped: ${policy.name} (${text})`);
    t.changeState('STOPPED');
  } else if (tooQuickly && s.state === 'STARTING') {
    t.set({ exitstatus: null, spawnerr: TOO_QUICK });
    t.log('warn', `exited: ${policy.name} (${text}; not expected)`);
    t.set({ pid: 0 });
    failedStart(t);
    return;
  } else {
    t.set({ backoff: 0, exitstatus: status });
    if (s.state === 'STARTING') t.changeState('RUNNING');
    if (expected) {
      t.log('info', `exited: ${policy.name} (${text}; expected)`);
    } else {
      t.set({ spawnerr: `Bad exit code ${status}` });
      t.log('warn', `exited: ${policy.name} (${text}; not expected)`);
    }
    t.changeState('EXITED', expected);
  }
  t.set({ pid: 0 });
  if (t.snapshot.state === 'EXITED' && ctx.mood === 'RUNNING' && shouldRestart(policy.autorestart, expected)) spawn(t);
}

function shouldRestart(autorestart: AutoRestart, expected: boolean): boolean {
  return autorestart === true || (autorestart === 'unexpected' && !expected);
}

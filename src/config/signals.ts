// The one signal table of the project (Linux numbering). supervisord accepts a signal by number or by
// name, case-insensitive, with or without the `SIG` prefix, and takes the set of valid numbers from
// Python's `signal` module — which also exposes handler constants (SIG_DFL=0, SIG_IGN=1, …) under
// `SIG…` names; they are kept apart below because they are accepted, but are not real signals.

/** Real signals: canonical name (without `SIG`) → number. Order = canonical name for a number first. */
export const SIGNALS = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  IOT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  POLL: 29,
  IO: 29,
  PWR: 30,
  SYS: 31,
  RTMIN: 34,
  RTMAX: 64,
} as const satisfies Record<string, number>;

export type SignalName = keyof typeof SIGNALS;

/** Python's `signal` module constants whose names start with `SIG_` (accepted by supervisord's parser). */
const PY_HANDLER_CONSTANTS: Readonly<Record<string, number>> = {
  _DFL: 0,
  _IGN: 1,
  _BLOCK: 0,
  _UNBLOCK: 1,
  _SETMASK: 2,
};

const VALID_NUMBERS: ReadonlySet<number> = new Set([0, ...Object.values(SIGNALS)]);

/** Number for a name like `TERM`, `sigterm`, `SIGTERM`; undefined when unknown. */
export function signalNumberByName(name: string): number | undefined {
  let upper = name.trim().toUpperCase();
  if (upper.startsWith('SIG')) upper = upper.slice(3);
  if (Object.hasOwn(SIGNALS, upper)) return SIGNALS[upper as SignalName];
  return PY_HANDLER_CONSTANTS[upper];
}

/** True for every number supervisord accepts as a signal (includes 0, as Python's table does). */
export function isValidSignalNumber(n: number): boolean {
  return VALID_NUMBERS.has(n);
}

/** `SIGTERM` for 15; supervisord prints `signal N` for numbers without a name. Aliases resolve as supervisord shows them (6 → SIGABRT, 17 → SIGCHLD, 29 → SIGPOLL). */
export function signalDisplayName(n: number): string {
  if (n === 29) return 'SIGPOLL';
  for (const [name, value] of Object.entries(SIGNALS)) if (value === n) return `SIG${name}`;
  return `signal ${n}`;
}

/** Node's name for a signal number (`SIGTERM`), for process.kill; undefined for 0 and unknown numbers. */
export function nodeSignalName(n: number): NodeJS.Signals | undefined {
  for (const [name, value] of Object.entries(SIGNALS)) {
    if (value === n && name !== 'RTMIN' && name !== 'RTMAX') return `SIG${name}` as NodeJS.Signals;
  }
  return undefined;
}

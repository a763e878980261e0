// The dashboard's state and the messages that change it. Everything here is data: the reducer turns
// (state, message) into a new state plus effects, and the view only draws a state.

import type { ProcessInfoStruct } from '../../rpc/process-info.js';
import type { ProcessStats } from '../../rpc/stats-methods.js';
import type { LogBuffer } from './log-buffer.js';

export type Channel = 'stdout' | 'stderr';

/** supervisor.getProcessInfo's struct as the event stream sends it (the parts the dashboard reads). */
export type ProcessInfo = Omit<ProcessInfoStruct, 'logfile' | 'stdout_logfile' | 'stderr_logfile'>;

/** tssupervisor.getProcessStats's struct: the daemon's own type (cpu/rss are -1 when there was nothing to sample). */
export type { ProcessStats };

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

export type HistoryStatus = 'none' | 'loading' | 'done';

export interface ProcessLogs {
  readonly stdout: LogBuffer;
  readonly stderr: LogBuffer;
  readonly history: Readonly<Record<Channel, HistoryStatus>>;
}

export interface LogPane {
  readonly mode: 'process' | 'merged';
  readonly channel: Channel;
  readonly follow: boolean;
  /** When not following: the absolute index of the line drawn at the bottom of the pane. */
  readonly anchor: number;
  readonly search: string;
  /** The absolute line index of the current search match, if any. */
  readonly match: number | null;
}

export type Target =
  | { readonly kind: 'process'; readonly namespec: string }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'all' };

export type Operation = 'start' | 'stop' | 'restart' | 'signal';

export type Overlay =
  | { readonly kind: 'help' }
  | { readonly kind: 'prompt'; readonly purpose: 'filter' | 'search'; readonly text: string }
  | { readonly kind: 'confirm'; readonly op: Operation; readonly target: Target }
  | { readonly kind: 'signals'; readonly index: number; readonly target: Target };

export interface Viewport {
  readonly tableRows: number;
  readonly logRows: number;
}

export interface DashState {
  readonly connection: { readonly status: ConnectionStatus; readonly detail: string };
  readonly daemon: { readonly identification: string; readonly version: string; readonly statename: string };
  /** Keyed by namespec (`web`, `site:api`). */
  readonly processes: ReadonlyMap<string, ProcessInfo>;
  readonly stats: ReadonlyMap<string, ProcessStats>;
  /** Server epoch seconds minus ours, from the last info received: uptimes tick with our clock. */
  readonly clockSkew: number;
  readonly collapsed: ReadonlySet<string>;
  readonly filter: string;
  /** A row key (see rows.ts): `p:<namespec>` or `g:<group>`. */
  readonly selected: string | null;
  /** Index of the first table row on screen: the view draws only the rows in the viewport. */
  readonly tableTop: number;
  readonly viewport: Viewport;
  readonly focus: 'table' | 'log';
  readonly overlay: Overlay | null;
  readonly log: LogPane;
  readonly logs: ReadonlyMap<string, ProcessLogs>;
  readonly merged: Readonly<Record<Channel, LogBuffer>>;
  readonly logCapacity: number;
  /** Borders and the table hidden, mouse released: the log is plain text the terminal can select. */
  readonly copyMode: boolean;
  readonly message: { readonly text: string; readonly error: boolean } | null;
  readonly quitting: boolean;
}

/** What the daemon's event stream (GET /api/v1/events) sends, one object per line. */
export type DaemonEvent =
  | { readonly type: 'snapshot'; readonly supervisor: { statename: string }; readonly processes: readonly ProcessInfo[] }
  | { readonly type: 'process-state'; readonly group: string; readonly name: string; readonly to: string; readonly info: ProcessInfo | null }
  | { readonly type: 'process-log'; readonly group: string; readonly name: string; readonly channel: Channel; readonly text?: string; readonly base64?: string }
  | { readonly type: 'group-added'; readonly group: string; readonly processes: readonly ProcessInfo[] }
  | { readonly type: 'group-removed'; readonly group: string }
  | { readonly type: 'supervisor-state'; readonly state: string };

/** Results of effects and other outside facts, folded back into the state. */
export type Feedback =
  | { readonly type: 'connection'; readonly status: ConnectionStatus; readonly detail: string }
  | { readonly type: 'identity'; readonly identification: string; readonly version: string }
  | { readonly type: 'history'; readonly namespec: string; readonly channel: Channel; readonly text: string | null }
  | { readonly type: 'stats'; readonly stats: readonly ProcessStats[] }
  | { readonly type: 'result'; readonly text: string; readonly error: boolean }
  | { readonly type: 'viewport'; readonly viewport: Viewport }
  | { readonly type: 'key'; readonly key: string }
  | { readonly type: 'wheel'; readonly direction: 'up' | 'down' };

export type Message = DaemonEvent | Feedback;

/** What the reducer asks the outside world to do; main.ts carries these out. */
export type Effect =
  | { readonly kind: 'control'; readonly op: Operation; readonly target: Target; readonly signal?: string }
  | { readonly kind: 'load-history'; readonly namespec: string; readonly channel: Channel }
  | { readonly kind: 'quit' };

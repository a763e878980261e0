// What a burst of changes does to one process, by its state. A nodemon or uWSGI py-autoreload user
// expects: a running app picks up the new code; an app that crashed or gave up gets one fresh try per
// burst ("waiting for file changes before starting"); an app someone stopped stays stopped.

import type { ProcessStateName } from './states.js';

export type WatchAction =
  /** stop, wait until stopped, start */
  | 'restart'
  /** send watch_signal to the pid; the app reloads itself */
  | 'signal'
  /** start it again (from EXITED or FATAL): one attempt, then the usual startretries/backoff rules */
  | 'start'
  | 'none';

export function watchAction(state: ProcessStateName, hasSignal: boolean): WatchAction {
  switch (state) {
    case 'RUNNING':
      return hasSignal ? 'signal' : 'restart';
    case 'STARTING':
      // Its signal handler may not be installed yet (a HUP would kill it), and it may already have read
      // the old files: a fresh start is the one safe way to get the new code in.
      return 'restart';
    case 'EXITED':
    case 'FATAL':
      return 'start';
    case 'BACKOFF':
      // The retry already scheduled runs the new code; acting now would skip the backoff delay.
    case 'STOPPED':
      // Stopped by request, or never started (autostart=false): a change is not a start request.
    case 'STOPPING':
    case 'UNKNOWN':
      return 'none';
  }
}

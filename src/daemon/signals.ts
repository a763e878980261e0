// supervisord's signal meanings: TERM/INT/QUIT shut down, HUP restarts (re-reads the config), USR2
// reopens the logs (for external logrotate).

import type { Logger } from './logger.js';

export interface SignalActions {
  readonly log: Logger;
  /** Returns false when a shutdown or restart is already under way. */
  readonly request: (outcome: 'shutdown' | 'restart') => boolean;
  readonly reopenLogs: () => Promise<void>;
}

export function installSignals({ log, request, reopenLogs }: SignalActions): () => void {
  const handlers: Array<[NodeJS.Signals, () => void]> = [];
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const) {
    handlers.push([
      sig,
      () => {
        log.warn(`received ${sig} indicating exit request`);
        request('shutdown');
      },
    ]);
  }
  handlers.push([
    'SIGHUP',
    () => {
      if (request('restart')) log.warn('received SIGHUP indicating restart request');
      else log.warn('ignored SIGHUP indicating restart request (shutdown in progress)');
    },
  ]);
  handlers.push([
    'SIGUSR2',
    () => {
      log.info('received SIGUSR2 indicating log reopen request');
      void reopenLogs();
    },
  ]);
  for (const [sig, handler] of handlers) process.on(sig, handler);
  return () => {
    for (const [sig, handler] of handlers) process.off(sig, handler);
  };
}

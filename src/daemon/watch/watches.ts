// Everything file watching does for one daemon run: the `watch=` programs, and the config files when
// `[supervisord] watch_config` is on. daemon.ts starts it once the processes are started and closes it
// first thing at shutdown or reload, so no change is acted on while processes are being stopped.

import type { LoadResult } from '../../config/load.js';
import type { Config } from '../../config/types.js';
import type { Clock } from '../../core/clock.js';
import type { EventBus } from '../../core/events.js';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor.js';
import { startConfigWatch } from './config-watch.js';
import { startWatchManager } from './watch-manager.js';

export interface WatchesDeps {
  readonly supervisor: Supervisor;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log: Logger;
  readonly reread: () => LoadResult;
}

export interface Watches {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function startWatches(config: Config, deps: WatchesDeps): Watches {
  const programs = startWatchManager(deps);
  const configWatch = config.supervisord.watchConfig ? startConfigWatch(config, deps) : null;
  return {
    ready: Promise.all([programs.ready, configWatch?.ready]).then(() => undefined),
    close: async () => void (await Promise.all([programs.close(), configWatch?.close()])),
  };
}

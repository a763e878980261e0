// `[supervisord] watch_config = true`: an edit of the main config file or of an included one (or of a
// file next to them with the same extension, e.g. a new conf.d/*.conf) is applied like `reread` +
// `update`, once per burst of saves. A config with errors is reported and nothing changes.

import path from 'node:path';
import type { LoadResult } from '../../config/load.js';
import { formatDiagnostic } from '../../config/load.js';
import type { Config } from '../../config/types.js';
import type { Clock } from '../../core/clock.js';
import { ChangeBatcher, defaultMaxWait, type ChangeBatch } from '../../core/change-batcher.js';
import { DEFAULT_WATCH_IGNORE, ignoreTest } from '../../core/watch-match.js';
import { applyUpdate, type UpdatePlan } from '../config-update.js';
import type { Logger } from '../logger.js';
import type { Supervisor } from '../supervisor.js';
import type { FsWatch } from './fs-watcher.js';

export interface ConfigWatchDeps {
  readonly supervisor: Supervisor;
  readonly clock: Clock;
  readonly log: Logger;
  readonly reread: () => LoadResult;
}

export interface ConfigWatch {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const CONFIG_DELAY_MS = 500;
const ignored = ignoreTest(DEFAULT_WATCH_IGNORE);

export function startConfigWatch(config: Config, deps: ConfigWatchDeps): ConfigWatch {
  const { supervisor, clock, log } = deps;
  let files = new Set<string>();
  let extensions = new Set<string>();
  let dirs = '';
  let fs: FsWatch | null = null;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const display = (file: string): string => {
    const rel = path.relative(config.here, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  };
  // Other files next to the config count when they have a config file's extension (a new conf.d/x.conf,
  // or one a failed reread did not list yet), never otherwise (a log file there changes all the time).
  const counts = (file: string): boolean => !ignored(path.basename(file)) && (files.has(file) || extensions.has(path.extname(file)));

  const batcher = new ChangeBatcher({
    clock,
    delayMs: CONFIG_DELAY_MS,
    maxWaitMs: defaultMaxWait(CONFIG_DELAY_MS),
    onBatch: (batch) => {
      running = running.then(() => apply(batch)).catch((error: unknown) => log.error(`watch_config: ${(error as Error).message}`));
    },
  });

  const follow = async (next: Config): Promise<void> => {
    files = new Set(next.files);
    extensions = new Set(next.files.map((f) => path.extname(f)).filter((e) => e !== ''));
    const wanted = [...new Set(next.files.map((f) => path.dirname(f)))].sort();
    if (wanted.join('\0') === dirs || closed) return;
    dirs = wanted.join('\0');
    await fs?.close();
    const { watchFiles } = await import('./fs-watcher.js');
    if (closed) return;
    fs = watchFiles({
      paths: wanted,
      depth: 0,
      prune: (file) => ignored(path.basename(file)),
      onChange: (_change, file) => {
        if (counts(file)) batcher.add(file);
      },
      onError: (message) => log.error(`watch_config: ${message}`),
    });
    await fs.ready;
  };

  const apply = async (batch: ChangeBatch): Promise<void> => {
    if (closed || supervisor.mood !== 'RUNNING') return;
    const what = `${display(batch.first)} changed${batch.count > 1 ? ` (and ${batch.count - 1} more)` : ''}`;
    const result = deps.reread();
    if (!result.ok) {
      log.error(`watch_config: ${what}, but the config has errors; nothing applied:`);
      for (const error of result.errors) log.error(`watch_config: ${formatDiagnostic(error)}`);
      return;
    }
    const report = await applyUpdate(supervisor, result.config, (plan) => log.info(`watch_config: ${what}: ${summary(plan)}`));
    if (report.notRemoved.length > 0) log.warn(`watch_config: ${report.notRemoved.join(', ')}: has problems; not removing`);
    await follow(result.config);
  };

  const ready = follow(config).then(() => {
    if (!closed) log.info(`watch_config: watching ${config.files.map(display).join(' ')}`);
  });
  return {
    ready,
    async close() {
      closed = true;
      batcher.close();
      await ready.catch(() => undefined);
      await running;
      await fs?.close();
    },
  };
}

function summary(plan: UpdatePlan): string {
  const parts: string[] = [];
  if (plan.added.length > 0) parts.push(`adding ${plan.added.join(', ')}`);
  if (plan.changed.length > 0) parts.push(`updating ${plan.changed.join(', ')}`);
  if (plan.removed.length > 0) parts.push(`removing ${plan.removed.join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'no process group changed';
}

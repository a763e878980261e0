// The watch of one program section (all processes of a numprocs pool): file changes → ignore rules →
// one batch per burst → flap guard → per process, by its state, a restart, a signal or a fresh start.

import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../../core/clock.js';
import type { Mood } from '../../core/machine.js';
import { signalName } from '../../core/machine.js';
import { ChangeBatcher, defaultMaxWait, FlapGuard, FLAP_LIMIT, FLAP_WINDOW_MS, type ChangeBatch } from '../../core/change-batcher.js';
import { countsAsChange, DEFAULT_WATCH_IGNORE, ignoreTest, isPruned, relativeTo, watchTarget, type IgnoreTest, type WatchTarget } from '../../core/watch-match.js';
import { watchAction } from '../../core/watch-policy.js';
import { STOPPED_STATES } from '../../core/states.js';
import type { ManagedProcess } from '../managed-process.js';
import type { Logger } from '../logger.js';
import type { FsWatch, FsWatchOptions } from './fs-watcher.js';

export interface ProgramWatchDeps {
  readonly clock: Clock;
  readonly log: Logger;
  readonly mood: () => Mood;
  readonly watchFiles: (opts: FsWatchOptions) => FsWatch;
}

export class ProgramWatch {
  private readonly targets: WatchTarget[];
  private readonly ignored: IgnoreTest;
  private readonly batcher: ChangeBatcher;
  private readonly flap = new FlapGuard(FLAP_LIMIT, FLAP_WINDOW_MS);
  private readonly abort = new AbortController();
  private fs: FsWatch | null = null;
  private running: Promise<void> | null = null;
  private pending: ChangeBatch | null = null;

  /** `label` names the program in log lines; `processes` are in the order a change goes through them. */
  constructor(
    readonly label: string,
    private readonly processes: readonly ManagedProcess[],
    private readonly deps: ProgramWatchDeps,
  ) {
    const first = processes[0]?.config;
    const entries = [...new Set(processes.flatMap((p) => p.config.watch))];
    this.targets = entries.map(watchTarget);
    this.ignored = ignoreTest([...DEFAULT_WATCH_IGNORE, ...(first?.watchIgnore ?? [])]);
    const delayMs = first?.watchDelay ?? 500;
    this.batcher = new ChangeBatcher({ clock: deps.clock, delayMs, maxWaitMs: defaultMaxWait(delayMs), onBatch: (b) => this.onBatch(b) });
  }

  /** Resolves once changes are being watched. */
  async start(): Promise<void> {
    const { log } = this.deps;
    for (const target of this.targets) {
      if (!existsSync(target.base)) log.warn(`watch: ${this.label}: ${target.base} does not exist yet; it counts once it appears`);
    }
    this.fs = this.deps.watchFiles({
      paths: this.targets.map((t) => t.base),
      prune: (file, isFile) => this.prune(file, isFile),
      onChange: (_change, file) => {
        if (countsAsChange(this.targets, this.ignored, file)) this.batcher.add(file);
      },
      onError: (message) => log.error(`watch: ${this.label}: ${message}`),
    });
    await this.fs.ready;
    if (this.abort.signal.aborted) return;
    log.info(`watch: watching for ${this.label}: ${(this.processes[0]?.config.watch ?? []).map((w) => this.shown(w)).join(' ')}`);
  }

  async close(): Promise<void> {
    this.abort.abort(new Error('watch closed'));
    this.batcher.close();
    await this.fs?.close();
    await this.running?.catch(() => undefined);
  }

  private prune(file: string, isFile: boolean | undefined): boolean {
    if (isPruned(this.targets, this.ignored, file)) return true;
    // A file below a glob's base that the glob does not match needs no watcher of its own.
    const inside = this.targets.some((t) => relativeTo(t.base, file) !== null);
    return isFile === true && inside && !countsAsChange(this.targets, this.ignored, file);
  }

  private onBatch(batch: ChangeBatch): void {
    if (this.abort.signal.aborted) return;
    if (this.running) {
      // A change during a restart: one more round once this one is over (the new code may have missed it).
      this.pending = this.pending ? { first: this.pending.first, count: this.pending.count + batch.count } : batch;
      return;
    }
    this.running = this.act(batch)
      .catch((error: unknown) => {
        if (!this.abort.signal.aborted) this.deps.log.error(`watch: ${this.label}: ${(error as Error).message}`);
      })
      .finally(() => {
        this.running = null;
        const next = this.pending;
        this.pending = null;
        if (next) this.onBatch(next);
      });
  }

  private async act(batch: ChangeBatch): Promise<void> {
    const { log, clock } = this.deps;
    const signal = this.processes[0]?.config.watchSignal ?? null;
    if (!this.processes.some((p) => watchAction(p.state, signal !== null) !== 'none')) {
      log.debug(`watch: ${this.label}: ${this.describe(batch)}; nothing to do in state ${this.processes.map((p) => p.state).join(', ')}`);
      return;
    }
    const guard = this.flap.check(clock.now());
    if (guard !== 'ok') {
      if (guard === 'tripped') {
        log.warn(
          `watch: ${this.label} was restarted ${FLAP_LIMIT} times in ${FLAP_WINDOW_MS / 1000} s by changes; ignoring changes for ${FLAP_WINDOW_MS / 1000} s (does it write into a watched path? see watch_ignore)`,
        );
      }
      return;
    }
    for (const [i, p] of this.processes.entries()) {
      if (this.abort.signal.aborted || this.deps.mood() !== 'RUNNING') return;
      const ok = await this.actOn(p, signal, batch);
      const rest = this.processes.length - i - 1;
      if (!ok && rest > 0) {
        log.warn(`watch: ${p.namespec} did not reach RUNNING after the change; the other ${rest} process(es) of ${this.label} keep running as they are`);
        return;
      }
    }
  }

  /** false when a process it (re)started did not reach RUNNING. */
  private async actOn(p: ManagedProcess, signal: number | null, batch: ChangeBatch): Promise<boolean> {
    const { log } = this.deps;
    const what = this.describe(batch);
    const action = watchAction(p.state, signal !== null);
    switch (action) {
      case 'none':
        return true;
      case 'signal': {
        const error = p.signal(signal as number);
        if (error === null) log.info(`watch: sent ${signalName(signal as number)} to ${p.namespec}: ${what}`);
        else log.warn(`watch: could not send ${signalName(signal as number)} to ${p.namespec}: ${error}`);
        return true;
      }
      case 'start':
        log.info(`watch: starting ${p.namespec} (it was ${p.state}): ${what}`);
        return await this.startAndWait(p);
      case 'restart':
        log.info(`watch: restarting ${p.namespec}: ${what}`);
        p.stop();
        await p.waitFor((q) => STOPPED_STATES.has(q.state), this.abort.signal);
        if (this.deps.mood() !== 'RUNNING' || p.state !== 'STOPPED') return true;
        return await this.startAndWait(p);
    }
  }

  private async startAndWait(p: ManagedProcess): Promise<boolean> {
    p.start();
    await p.waitFor((q) => q.state !== 'STARTING', this.abort.signal);
    return p.state === 'RUNNING';
  }

  /** `src/app.py changed (and 19 more)`, the path relative to the program's directory when inside it. */
  private describe(batch: ChangeBatch): string {
    return `${this.shown(batch.first)} changed${batch.count > 1 ? ` (and ${batch.count - 1} more)` : ''}`;
  }

  private shown(file: string): string {
    const dir = this.processes[0]?.config.directory;
    // Relative to the daemon's cwd, as the spawn resolves a relative directory.
    const rel = dir ? relativeTo(path.resolve(dir), file) : null;
    return rel === null || rel === '' ? file : rel;
  }
}

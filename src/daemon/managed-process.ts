// One configured process: holds its snapshot, feeds events to the pure machine and carries out the
// effects it returns (spawn, signal, the one deadline timer, logs, state events).

import type { Clock } from '../core/clock.js';
import type { EventBus } from '../core/events.js';
import { INITIAL_SNAPSHOT, step, type Effect, type MachineEvent, type Mood, type ProcessSnapshot } from '../core/machine.js';
import { makeNamespec } from '../core/names.js';
import type { ProcessStateName } from '../core/states.js';
import type { ProcessConfig } from '../config/types.js';
import { resolveCommand } from './command.js';
import { spawnChild, type ChildHandle } from './spawner.js';
import { describeLeftovers, killLeftovers } from './group-leftovers.js';
import type { ProcessLogs } from './process-logs.js';
import type { Logger } from './logger.js';

export interface ProcessDeps {
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly mood: () => Mood;
  /** Builds the child's environment (daemon env + SUPERVISOR_* + environment=). */
  readonly childEnv: (proc: ProcessConfig, group: string) => Record<string, string>;
}

type ChangeListener = (proc: ManagedProcess, from: ProcessStateName, to: ProcessStateName) => void;

export class ManagedProcess {
  snapshot: ProcessSnapshot = INITIAL_SNAPSHOT;
  private child: ChildHandle | null = null;
  private cancelTimer: (() => void) | null = null;
  private readonly changeListeners = new Set<ChangeListener>();

  constructor(
    readonly config: ProcessConfig,
    readonly group: string,
    readonly logs: ProcessLogs,
    private readonly deps: ProcessDeps,
  ) {}

  get namespec(): string {
    return makeNamespec(this.group, this.config.name);
  }

  get state(): ProcessStateName {
    return this.snapshot.state;
  }

  get stdin(): ChildHandle['stdin'] | null {
    return this.child?.stdin ?? null;
  }

  start(): void {
    this.feed({ type: 'start' });
  }

  stop(): void {
    this.feed({ type: 'stop' });
  }

  giveUp(): void {
    this.feed({ type: 'giveUp' });
  }

  /** signalProcess: to the pid only, never the group, no state change. Returns an error text or null. */
  signal(signal: number): string | null {
    if (!this.child) return 'not running';
    const outcome = this.child.kill(signal, false);
    return outcome === 'ok' || outcome === 'ESRCH' ? null : outcome;
  }

  /** SIGKILL to the whole process group, synchronously (for the daemon's own abrupt exit). */
  killGroupNow(): void {
    this.child?.kill(9, true);
  }

  onChange(listener: ChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Resolves once `done` holds for the current state (checked now and at every change). */
  waitFor(done: (p: ManagedProcess) => boolean, abort?: AbortSignal): Promise<void> {
    if (done(this)) return Promise.resolve();
    if (abort?.aborted) return Promise.reject(abort.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        off();
        reject(abort?.reason);
      };
      const off = this.onChange(() => {
        if (!done(this)) return;
        off();
        abort?.removeEventListener('abort', onAbort);
        resolve();
      });
      abort?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private feed(event: MachineEvent): void {
    const { clock, mood } = this.deps;
    const result = step(this.snapshot, event, {
      now: clock.now(),
      wallNow: clock.wallNow(),
      mood: mood(),
      policy: this.config,
    });
    this.snapshot = result.snapshot;
    for (const effect of result.effects) this.apply(effect);
  }

  private apply(effect: Effect): void {
    const { log, bus, clock } = this.deps;
    switch (effect.type) {
      case 'log':
        log[effect.level](effect.message);
        return;
      case 'timer':
        this.cancelTimer?.();
        this.cancelTimer = null;
        if (effect.at !== null) {
          this.cancelTimer = clock.setTimer(effect.at - clock.now(), () => {
            this.cancelTimer = null;
            this.feed({ type: 'deadline' });
          });
        }
        return;
      case 'state':
        bus.emit('process-state', { group: this.group, name: this.config.name, ...pick(effect) });
        for (const listener of [...this.changeListeners]) listener(this, effect.from, effect.to);
        return;
      case 'kill': {
        const outcome = this.child?.kill(effect.signal, effect.group) ?? 'ESRCH';
        if (outcome === 'ESRCH') {
          log.debug(`unable to signal ${this.config.name} (pid ${this.snapshot.pid}), it probably just exited on its own`);
        } else if (outcome !== 'ok') {
          this.feed({ type: 'killFailed', error: outcome });
        }
        return;
      }
      case 'spawn':
        this.spawn();
        return;
    }
  }

  private spawn(): void {
    const { config } = this;
    const env = this.deps.childEnv(config, this.group);
    const resolved = resolveCommand(config.command, env);
    if (!resolved.ok) {
      this.feed({ type: 'spawnFailed', spawnerr: resolved.spawnerr });
      return;
    }
    let child: ChildHandle;
    try {
      child = spawnChild({
        file: resolved.file,
        argv: resolved.argv,
        cwd: config.directory,
        env,
        uid: config.uid,
        gid: null,
        umask: config.umask,
        redirectStderr: config.redirectStderr,
        name: config.name,
      });
    } catch (error) {
      this.feed({ type: 'spawnFailed', spawnerr: (error as Error).message });
      return;
    }
    this.child = child;
    this.logs.attach(child);
    child.onReaped(() => {
      if (this.child === child) this.feed({ type: 'reaped' });
    });
    child.onExit((code, signal) => {
      const report = () => {
        if (this.child === child) this.child = null;
        this.feed({ type: 'exited', code, signal });
      };
      if (this.config.stopasgroup || this.config.killasgroup) void this.clearGroup(child.pid).then(report);
      else report();
    });
    this.feed({ type: 'spawned', pid: child.pid });
  }

  /**
   * With stopasgroup/killasgroup, what is left of the dead main process's group is killed before its
   * exit is reported: a restart never races orphaned workers for their port (group-leftovers.ts).
   */
  private async clearGroup(pgid: number): Promise<void> {
    const line = describeLeftovers(this.config.name, pgid, await killLeftovers(pgid));
    if (line) this.deps.log[line.level](line.message);
  }
}

function pick(effect: Extract<Effect, { type: 'state' }>) {
  const { from, to, pid, tries, expected } = effect;
  return { from, to, pid, tries, expected };
}

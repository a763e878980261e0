// The registry of running groups and processes, and the daemon-wide sequences: autostart, ordered
// shutdown, adding and removing groups. RPC methods and signals act through this class only.

import type { Config, GroupConfig } from '../config/types.js';
import type { Clock } from '../core/clock.js';
import type { EventBus } from '../core/events.js';
import type { Mood } from '../core/machine.js';
import { parseNamespec } from '../core/names.js';
import { STOPPED_STATES, type SupervisorStateName } from '../core/states.js';
import { ManagedProcess, type ProcessDeps } from './managed-process.js';
import type { Logger } from './logger.js';
import type { ProcessLogs } from './process-logs.js';

export interface ProcessGroup {
  readonly config: GroupConfig;
  readonly processes: readonly ManagedProcess[];
}

export interface SupervisorDeps {
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly log: Logger;
  readonly childEnv: ProcessDeps['childEnv'];
  readonly openLogs: (group: GroupConfig, proc: GroupConfig['processes'][number]) => Promise<ProcessLogs>;
}

export class Supervisor {
  mood: Mood = 'RUNNING';
  /** The active config, and the one `reloadConfig` read last (used by add/avail/update). */
  config: Config;
  pending: Config;
  private readonly groupMap = new Map<string, ProcessGroup>();

  constructor(
    config: Config,
    private readonly deps: SupervisorDeps,
  ) {
    this.config = config;
    this.pending = config;
  }

  get state(): SupervisorStateName {
    return this.mood === 'RUNNING' ? 'RUNNING' : this.mood === 'RESTARTING' ? 'RESTARTING' : 'SHUTDOWN';
  }

  /**
   * Groups in ascending priority; equal priorities stay in the order they were added (start-up adds them
   * sorted by priority and name, `add`/`update` append), as supervisord iterates them.
   */
  groups(): ProcessGroup[] {
    return this.groupsAsAdded().sort((a, b) => a.config.priority - b.config.priority);
  }

  groupsAsAdded(): ProcessGroup[] {
    return [...this.groupMap.values()];
  }

  group(name: string): ProcessGroup | undefined {
    return this.groupMap.get(name);
  }

  allProcesses(): ManagedProcess[] {
    return this.groups().flatMap((g) => g.processes);
  }

  /** A single process by namespec (`name` or `group:name`); group forms are the caller's business. */
  findProcess(namespec: string): ManagedProcess | undefined {
    const { group, process } = parseNamespec(namespec);
    if (process === null) return undefined;
    return this.groupMap.get(group)?.processes.find((p) => p.config.name === process);
  }

  async addGroup(config: GroupConfig): Promise<ProcessGroup> {
    const deps: ProcessDeps = {
      clock: this.deps.clock,
      bus: this.deps.bus,
      log: this.deps.log,
      mood: () => this.mood,
      childEnv: this.deps.childEnv,
    };
    const processes: ManagedProcess[] = [];
    for (const proc of config.processes) {
      const logs = await this.deps.openLogs(config, proc);
      processes.push(new ManagedProcess(proc, config.name, logs, deps));
    }
    const group: ProcessGroup = { config, processes };
    this.groupMap.set(config.name, group);
    this.deps.bus.emit('group-added', { group: config.name });
    return group;
  }

  /** Start every autostart process of a group (start-up, `add`, `update`); never waits for RUNNING. */
  autostart(group: ProcessGroup): void {
    if (this.mood !== 'RUNNING') return;
    for (const proc of group.processes) {
      if (proc.config.autostart && proc.state === 'STOPPED' && proc.snapshot.laststart === 0) proc.start();
    }
  }

  async removeGroup(name: string): Promise<void> {
    const group = this.groupMap.get(name);
    if (!group) return;
    this.groupMap.delete(name);
    await Promise.all(group.processes.map((p) => p.logs.close()));
    this.deps.bus.emit('group-removed', { group: name });
  }

  /** supervisord's stop_all for one group: descending priority, signals sent together; BACKOFF gives up. */
  stopGroupForShutdown(group: ProcessGroup): void {
    const procs = [...group.processes].sort((a, b) => b.config.priority - a.config.priority);
    for (const proc of procs) {
      if (proc.state === 'RUNNING' || proc.state === 'STARTING') proc.stop();
      else if (proc.state === 'BACKOFF') proc.giveUp();
    }
  }

  /** Ordered shutdown: one group at a time from the highest priority number down, each fully stopped. */
  async stopAllInOrder(): Promise<void> {
    const cancelNotices = this.noticeWhileStopping();
    try {
      for (const group of this.groups().reverse()) {
        this.stopGroupForShutdown(group);
        await Promise.all(group.processes.map((p) => p.waitFor(() => STOPPED_STATES.has(p.state))));
      }
    } finally {
      cancelNotices();
    }
  }

  /** supervisord names every process still alive when the shutdown begins and then every 3 s. */
  private noticeWhileStopping(): () => void {
    const { log, clock } = this.deps;
    let cancel = () => {};
    const notice = () => {
      const names = this.allProcesses()
        .filter((p) => !STOPPED_STATES.has(p.state))
        .map((p) => p.config.name);
      if (names.length === 0) return;
      log.info(`waiting for ${names.join(', ')} to die`);
      cancel = clock.setTimer(3000, notice);
    };
    notice();
    return () => cancel();
  }
}

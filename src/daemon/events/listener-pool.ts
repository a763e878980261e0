// One `[eventlistener:x]` group at run time: its buffer (core/event-pool.ts), one protocol reader per
// listener process (core/listener-protocol.ts) fed from the process's stdout, and the writes of events
// to stdin. Dispatch is event-driven: when an event arrives, a listener says READY, or one becomes
// RUNNING — never on a polling tick.

import type { EventListenerPoolConfig } from '../../config/types.js';
import { EventPool, type PoolNotice, type QueuedEvent } from '../../core/event-pool.js';
import { envelope, subscriptionMatches, type SupervisorEvent } from '../../core/event-types.js';
import { ListenerProtocol, type ListenerEffect } from '../../core/listener-protocol.js';
import { STOPPED_STATES, type ProcessStateName } from '../../core/states.js';
import type { Logger } from '../logger.js';
import type { ManagedProcess } from '../managed-process.js';
import { protocolMirrorLine } from './output-events.js';

export const DEFAULT_RESULT_HANDLER = 'supervisor.dispatchers:default_handler';

interface ListenerSlot {
  readonly process: ManagedProcess;
  readonly protocol: ListenerProtocol;
  /** The event this instance is working on (BUSY), re-queued if it fails or dies. */
  event: QueuedEvent | null;
}

export interface ListenerPoolDeps {
  readonly log: Logger;
  /** The daemon's identifier (`server:` in the envelope). */
  readonly server: string;
  /** Whether the main log shows debug lines (the raw protocol mirror is only built then). */
  readonly debugEnabled: () => boolean;
}

export class ListenerPool {
  private readonly pool: EventPool;
  private readonly slots = new Map<string, ListenerSlot>();
  private dispatchQueued = false;
  private closed = false;
  private readonly offs: (() => void)[] = [];

  constructor(
    readonly config: EventListenerPoolConfig,
    private readonly deps: ListenerPoolDeps,
  ) {
    this.pool = new EventPool(config.name, config.bufferSize);
    if (config.resultHandler !== DEFAULT_RESULT_HANDLER) {
      deps.log.warn(
        `${config.name}: result_handler ${config.resultHandler} is a Python callable and cannot be loaded; the default handler (OK accepts) is used`,
      );
    }
  }

  get name(): string {
    return this.config.name;
  }

  /** How many times this pool takes an event of this type (once per matching `events=` entry). */
  matches(event: SupervisorEvent): number {
    return subscriptionMatches(event.type, this.config.events);
  }

  /** The group's processes, once they exist (their stdout may only be fed after this). */
  attach(processes: readonly ManagedProcess[]): void {
    for (const process of processes) {
      const slot: ListenerSlot = { process, protocol: new ListenerProtocol(), event: null };
      this.slots.set(process.config.name, slot);
      this.offs.push(process.onChange((_p, _from, to) => this.onProcessState(slot, to)));
    }
  }

  /** Stops taking events (group removed, or the daemon run ends); what is buffered is dropped. */
  close(): void {
    this.closed = true;
    for (const off of this.offs.splice(0)) off();
  }

  accept(queued: QueuedEvent, head = false): void {
    if (this.closed) return;
    this.logNotices(this.pool.accept(queued, head));
    this.scheduleDispatch();
  }

  /** Raw bytes from a listener's stdout. */
  stdout(processName: string, chunk: Buffer): void {
    const slot = this.slots.get(processName);
    if (!slot) return;
    if (this.deps.debugEnabled()) this.deps.log.debug(protocolMirrorLine(processName, chunk));
    this.applyEffects(slot, slot.protocol.feed(chunk));
  }

  private onProcessState(slot: ListenerSlot, to: ProcessStateName): void {
    if (to === 'STARTING') slot.protocol.reset(); // every STARTING is a new spawn: a new conversation
    if (to === 'RUNNING') this.scheduleDispatch();
    // A listener that dies while BUSY gives its event back, after its own state event (as supervisord).
    if ((STOPPED_STATES.has(to) || to === 'BACKOFF') && slot.event) {
      const event = slot.event;
      slot.event = null;
      this.accept(event, true);
    }
  }

  private applyEffects(slot: ListenerSlot, effects: readonly ListenerEffect[]): void {
    const { log } = this.deps;
    const name = slot.process.config.name;
    let giveBack = false;
    for (const effect of effects) {
      switch (effect.type) {
        case 'processed':
          log.debug(`${name}: event was processed`);
          slot.event = null;
          break;
        case 'rejected':
          log.warn(`${name}: event was rejected`);
          giveBack = true;
          break;
        case 'bad-result-line':
          log.warn(`${name}: bad result line: '${effect.line}'`);
          giveBack = true;
          break;
        case 'transition':
          log.debug(`${name}: ${effect.from} -> ${effect.to}`);
          if (effect.to === 'UNKNOWN') {
            log.warn(
              `${name}: has entered the UNKNOWN state and will no longer receive events, this usually indicates the process violated the eventlistener protocol`,
            );
          }
          if (giveBack) {
            giveBack = false;
            const event = slot.event;
            slot.event = null;
            if (event) this.accept(event, true);
          }
          if (effect.to === 'READY') this.scheduleDispatch();
          break;
      }
    }
  }

  /** Coalesced to one dispatch per turn, and never from inside the emit that queued the event. */
  private scheduleDispatch(): void {
    if (this.dispatchQueued || this.closed) return;
    this.dispatchQueued = true;
    queueMicrotask(() => {
      this.dispatchQueued = false;
      if (!this.closed) this.pool.dispatch((queued, poolSerial) => this.send(queued, poolSerial));
    });
  }

  /** The first listener (pool order) that is RUNNING and READY takes the event. */
  private send(queued: QueuedEvent, poolSerial: number): boolean {
    for (const slot of this.slots.values()) {
      const stdin = slot.process.stdin;
      if (slot.process.state !== 'RUNNING' || slot.protocol.state !== 'READY' || !stdin || stdin.destroyed) continue;
      stdin.write(envelope(queued.event, { server: this.deps.server, serial: queued.serial, pool: this.name, poolSerial }));
      slot.protocol.sent();
      slot.event = queued;
      this.deps.log.debug(`event ${queued.serial} sent to listener ${slot.process.config.name}`);
      return true;
    }
    return false;
  }

  private logNotices(notices: readonly PoolNotice[]): void {
    for (const n of notices) {
      if (n.type === 'overflow') this.deps.log.error(`pool ${this.name} event buffer overflowed, discarding event ${n.discardedSerial}`);
      else this.deps.log.debug(`rebuffering event ${n.serial} for pool ${this.name} (buf size=${n.size}, max=${n.max})`);
    }
  }
}

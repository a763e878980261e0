// The group and "all" variants of start/stop/signal: apply a one-process action to every process that
// passes a filter and report one struct per process. As in supervisord, the entries settled at once come
// first, in process order; waiting ones are appended as they finish, those finishing close together in
// process order.

import { setMaxListeners } from 'node:events';
import { Fault, FaultCodes } from '../core/faults.js';
import { makeNamespec } from '../core/names.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import type { Outcome } from './process-actions.js';

export interface ProcessResult {
  readonly name: string;
  readonly group: string;
  /** A fault code; 80 (SUCCESS) when it worked. */
  readonly status: number;
  /** 'OK', or the fault string. */
  readonly description: string;
}

export function successResult(p: ManagedProcess): ProcessResult {
  return { name: p.config.name, group: p.group, status: FaultCodes.SUCCESS, description: 'OK' };
}

export function faultResult(p: ManagedProcess, fault: Fault): ProcessResult {
  return { name: p.config.name, group: p.group, status: fault.code, description: fault.faultString };
}

/**
 * Waits that finish within this long of each other are reported in process order, as supervisord's
 * 50 ms re-polling of a group call does: `stop g:*` lists its members in order, not in exit order.
 */
const BATCH_WINDOW_MS = 50;

interface Verdict {
  done: boolean;
  /** true, or what the wait failed with. */
  value: unknown;
}

export async function forEachProcess(
  processes: readonly ManagedProcess[],
  applies: (p: ManagedProcess) => boolean,
  action: (p: ManagedProcess, namespec: string) => Outcome,
  abort?: AbortSignal,
): Promise<ProcessResult[]> {
  // Every waiting process listens to the one request signal: a big group is not a listener leak.
  if (abort) setMaxListeners(0, abort);
  const results: ProcessResult[] = [];
  // Insertion order is process order, which is the order a batch is reported in.
  const waiting = new Map<ManagedProcess, { verdict: Verdict; settled: Promise<void> }>();
  for (const p of processes) {
    if (!applies(p)) continue;
    let outcome: Outcome;
    try {
      outcome = action(p, makeNamespec(p.group, p.config.name));
    } catch (error) {
      if (!(error instanceof Fault)) throw error;
      results.push(faultResult(p, error));
      continue;
    }
    if (outcome === true) {
      results.push(successResult(p));
      continue;
    }
    const verdict: Verdict = { done: false, value: undefined };
    const settled = outcome.waiting.then(
      (value) => void Object.assign(verdict, { done: true, value }),
      (error: unknown) => void Object.assign(verdict, { done: true, value: error }),
    );
    waiting.set(p, { verdict, settled });
  }
  while (waiting.size > 0) {
    await Promise.race([...waiting.values()].map((w) => w.settled));
    await new Promise<void>((resolve) => setTimeout(resolve, BATCH_WINDOW_MS));
    for (const [p, { verdict }] of waiting) {
      if (!verdict.done) continue;
      waiting.delete(p);
      results.push(verdictResult(p, verdict.value));
    }
  }
  return results;
}

function verdictResult(p: ManagedProcess, verdict: unknown): ProcessResult {
  if (verdict === true) return successResult(p);
  if (verdict instanceof Fault) return faultResult(p, verdict);
  throw verdict; // the client went away (abort) or something unexpected: no result to give
}

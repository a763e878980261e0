// What is left of a child's process group once its main process has died. A uWSGI or gunicorn master
// that is SIGKILLed leaves workers behind that still hold the listening socket; the respawned master
// then fails with "Address already in use". supervisord leaves them; for a program with stopasgroup or
// killasgroup we SIGKILL them and wait until they are really gone (dead or zombies: a zombie has closed
// its files, so its sockets are free) before the exit is reported and a restart can happen.

import { readdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';

export interface LeftoverOutcome {
  /** Members that were alive when we looked and got SIGKILL (0 when the group was already empty). */
  readonly killed: number;
  /** Members still alive (not zombies) when we stopped waiting. */
  readonly survivors: number;
  /** false when /proc could not be read: counts are then unknown (0) and only emptiness was checked. */
  readonly counted: boolean;
}

export interface LeftoverOptions {
  /** How long to wait for the killed members to die before giving up on them. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;

/** True while the group has members, zombies included (kill(-pgid, 0) cannot tell them apart). */
function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parses `/proc/<pid>/stat`: the fields after the command name (which may hold spaces and ')'). */
function statFields(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone meanwhile
  }
}

/** Live (non-zombie) members of a process group, from /proc; null where there is no /proc. */
export function liveGroupMembers(pgid: number): number[] | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const wanted = String(pgid);
  const members: number[] = [];
  for (const entry of entries) {
    if (entry.charCodeAt(0) < 48 || entry.charCodeAt(0) > 57) continue;
    const fields = statFields(entry);
    // fields: state, ppid, pgrp, ...
    if (fields && fields[2] === wanted && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry));
  }
  return members;
}

function remaining(pgid: number): { alive: number; counted: boolean } {
  if (!groupExists(pgid)) return { alive: 0, counted: true };
  const members = liveGroupMembers(pgid);
  return members === null ? { alive: 1, counted: false } : { alive: members.length, counted: true };
}

/**
 * SIGKILLs whatever is left of process group `pgid` and resolves once no live member remains, or
 * after the timeout. Cheap when the group is already empty (one kill(-pgid, 0), no /proc scan).
 */
export async function killLeftovers(pgid: number, options: LeftoverOptions = {}): Promise<LeftoverOutcome> {
  const before = remaining(pgid);
  if (before.alive === 0) return { killed: 0, survivors: 0, counted: true };
  try {
    process.kill(-pgid, constants.signals.SIGKILL);
  } catch {
    // ESRCH: they went on their own meanwhile; EPERM: not ours to kill (reported as survivors below).
  }
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let pause = 2;
  for (;;) {
    const now = remaining(pgid);
    if (now.alive === 0 || Date.now() >= deadline) {
      return { killed: before.counted ? before.alive : 0, survivors: now.alive, counted: before.counted };
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 50);
  }
}

function processes(n: number): string {
  return `${n} leftover process${n === 1 ? '' : 'es'}`;
}

/** The main-log line for an outcome, or null when there was nothing to kill. */
export function describeLeftovers(name: string, pgid: number, outcome: LeftoverOutcome): { level: 'info' | 'warn'; message: string } | null {
  if (outcome.killed === 0 && outcome.survivors === 0 && outcome.counted) return null;
  const where = `${name}'s process group (pgid ${pgid})`;
  if (outcome.survivors > 0) {
    const what = outcome.counted ? processes(outcome.survivors) : 'leftover processes';
    return { level: 'warn', message: `${what} of ${where} still alive after SIGKILL` };
  }
  const what = outcome.counted ? processes(outcome.killed) : 'leftover processes';
  return { level: 'info', message: `killed ${what} of ${where}` };
}

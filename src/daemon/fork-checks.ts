// What supervisord's forked child does between fork and exec (drop privileges, chdir), checked before
// we spawn. Failing steps give the lines supervisord's child writes to fd 2 before `_exit(127)`; the
// spawner turns them into a short-lived child that prints them, so the failure is seen exactly as there.

import fs from 'node:fs';
import { readUserDb, userById } from '../config/users.js';

export interface Identity {
  readonly uid: number;
  readonly gid: number;
}

export type PrivilegePlan =
  | { readonly kind: 'keep' }
  | { readonly kind: 'switch'; readonly uid: number; readonly gid: number }
  | { readonly kind: 'fail'; readonly lines: string[] };

const NOT_SPAWNED = 'supervisor: child process was not spawned';

function setuidFailure(uid: number, why: string): PrivilegePlan {
  return { kind: 'fail', lines: [`supervisor: couldn't setuid to ${uid}: ${why}`, NOT_SPAWNED] };
}

/** supervisord's drop_privileges(uid): same uid = nothing to do, non-root = refused, else uid + user's gid. */
export function planPrivileges(uid: number | null, gid: number | null, self: Identity): PrivilegePlan {
  if (uid === null || uid === self.uid) return { kind: 'keep' };
  const user = userById(readUserDb(), uid);
  if (!user) return setuidFailure(uid, `Can't find uid ${uid}`);
  if (self.uid !== 0) return setuidFailure(uid, "Can't drop privilege as nonroot user");
  return { kind: 'switch', uid, gid: gid ?? user.gid };
}

function errnoName(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/**
 * Whether `chdir(dir)` would fail for the given identity, and how (errno name). Root passes every
 * permission check; another user needs search permission, checked from the mode bits (ACLs ignored).
 */
function chdirError(dir: string, who: Identity): string | null {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(dir);
  } catch (error) {
    return errnoName(error);
  }
  if (!stats.isDirectory()) return 'ENOTDIR';
  if (who.uid === 0) return null;
  const bit = stats.uid === who.uid ? 0o100 : stats.gid === who.gid ? 0o010 : 0o001;
  return (stats.mode & bit) !== 0 ? null : 'EACCES';
}

/** The lines the child prints when `directory=` cannot be entered, or null when it can. */
export function chdirFailure(dir: string | null, who: Identity): string[] | null {
  if (dir === null) return null;
  const code = chdirError(dir, who);
  return code === null ? null : [`supervisor: couldn't chdir to ${dir}: ${code}`, NOT_SPAWNED];
}

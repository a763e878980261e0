// What supervisord's forked child does between fork and exec (drop privileges, chdir), checked before
// we spawn. Failing steps give the lines supervisord's child writes to fd 2 before `_exit(127)`; the
// spawner turns them into a short-lived child that prints them, so the failure is seen exactly as there.

import fs from 'node:fs';
import { readUserDb, userById, type UserDb } from '../config/users.js';

export interface Identity {
  readonly uid: number;
  readonly gid: number;
}

export type PrivilegePlan =
  | { readonly kind: 'keep' }
  /** `groups`: the primary gid first, then every group that lists the user as a member (setgroups). */
  | { readonly kind: 'switch'; readonly uid: number; readonly gid: number; readonly groups: readonly number[] }
  | { readonly kind: 'fail'; readonly lines: string[] };

const NOT_SPAWNED = 'supervisor: child process was not spawned';

function setuidFailure(uid: number, why: string): PrivilegePlan {
  return { kind: 'fail', lines: [`supervisor: couldn't setuid to ${uid}: ${why}`, NOT_SPAWNED] };
}

/** supervisord's drop_privileges(uid): same uid = nothing to do, non-root = refused, else uid + user's gid. */
export function planPrivileges(uid: number | null, gid: number | null, self: Identity, users?: UserDb): PrivilegePlan {
  if (uid === null || uid === self.uid) return { kind: 'keep' };
  // Read only here: most spawns have no user= and never need /etc/passwd.
  const db = users ?? readUserDb();
  const user = userById(db, uid);
  if (!user) return setuidFailure(uid, `Can't find uid ${uid}`);
  if (self.uid !== 0) return setuidFailure(uid, "Can't drop privilege as nonroot user");
  const primary = gid ?? user.gid;
  const extra = db.groups.filter((g) => g.members.includes(user.name) && g.gid !== primary).map((g) => g.gid);
  return { kind: 'switch', uid, gid: primary, groups: [primary, ...new Set(extra)] };
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

const SETPRIV_PATHS = ['/usr/bin/setpriv', '/bin/setpriv'];
let setprivPath: string | null | undefined;

/** util-linux's setpriv, if installed: it sets supplementary groups, which Node's spawn cannot (libuv clears them). */
export function findSetpriv(): string | null {
  if (setprivPath === undefined) setprivPath = SETPRIV_PATHS.find((p) => fs.existsSync(p)) ?? null;
  return setprivPath;
}

/**
 * The command that gives the child supervisord's credentials. A uid and gid are set by spawn itself;
 * supplementary groups (supervisord's setgroups) need setpriv, which sets all three and then execs the
 * program in place (same pid). Without setpriv the child keeps only its primary group.
 */
export function credentialedCommand(
  plan: Extract<PrivilegePlan, { kind: 'switch' }>,
  file: string,
  args: readonly string[],
  setpriv: string | null = findSetpriv(),
): { file: string; args: readonly string[]; viaSetpriv: boolean } {
  if (plan.groups.length <= 1 || setpriv === null) return { file, args, viaSetpriv: false };
  const ids = ['--reuid', String(plan.uid), '--regid', String(plan.gid), '--groups', plan.groups.join(',')];
  return { file: setpriv, args: [...ids, '--', file, ...args], viaSetpriv: true };
}

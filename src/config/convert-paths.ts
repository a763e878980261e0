// Converters that look at the system: paths (with `~` expansion, checked against the file system
// relative to the loader's cwd) and users/groups (checked against /etc/passwd and /etc/group).

import fs from 'node:fs';
import path from 'node:path';
import { AUTO, type LogFileSetting } from './types.js';
import { fail, ok, quote, type ConvertContext, type Converted } from './convert.js';
import { pyInt } from './py.js';
import { groupById, groupByName, userById, userByName, type UserDb } from './users.js';

/** Python `os.path.expanduser`: `~` and `~/…` from HOME (else passwd), `~name/…` from passwd. */
export function expandUser(p: string, ctx: ConvertContext): string {
  if (!p.startsWith('~')) return p;
  const slash = p.indexOf('/', 1);
  const end = slash === -1 ? p.length : slash;
  const who = p.slice(1, end);
  let home: string | undefined;
  if (who === '') home = ctx.env.HOME ?? userById(ctx.users, process.getuid?.() ?? 0)?.home;
  else home = userByName(ctx.users, who)?.home;
  if (home === undefined) return p;
  home = home.replace(/\/+$/u, '') || '/';
  return home + p.slice(end);
}

/** Python `os.path.dirname` (keeps `a/b` for `a/b/`, unlike Node's). */
export function pyDirname(p: string): string {
  const head = p.slice(0, p.lastIndexOf('/') + 1);
  return head !== '' && !/^\/+$/u.test(head) ? head.replace(/\/+$/u, '') : head;
}

function isDirectory(p: string, ctx: ConvertContext): boolean {
  const full = path.resolve(ctx.cwd, p);
  const cached = ctx.dirCache?.get(full);
  if (cached !== undefined) return cached;
  let result = false;
  try {
    result = fs.statSync(full).isDirectory();
  } catch {
    // missing or unreadable: not a directory we can use
  }
  ctx.dirCache?.set(full, result);
  return result;
}

/** supervisord's `normalize_path`: `~` expanded, absolute against the cwd, normalised. */
export function normalizePath(p: string, ctx: ConvertContext): string {
  return path.resolve(ctx.cwd, expandUser(p, ctx));
}

/** A file path whose directory exists (a bare file name is fine). Returns the `~`-expanded path. */
export function toExistingDirpath(raw: string, ctx: ConvertContext): Converted<string> {
  const expanded = expandUser(raw, ctx);
  const dir = pyDirname(expanded);
  if (dir === '' || isDirectory(dir, ctx)) return ok(expanded);
  return fail(`the directory named as part of the path ${quote(raw)} does not exist`);
}

export function toExistingDirectory(raw: string, ctx: ConvertContext): Converted<string> {
  const expanded = expandUser(raw, ctx);
  return isDirectory(expanded, ctx) ? ok(expanded) : fail(`${quote(raw)} is not an existing directory`);
}

/** Marker for the deprecated `stdout_logfile=syslog`, rewritten by the loader to no file + syslog=true. */
export const SYSLOG = Symbol('syslog');

export function toLogFile(raw: string, ctx: ConvertContext): Converted<LogFileSetting | typeof SYSLOG> {
  const v = raw.toLowerCase();
  if (v === 'none' || v === 'off') return ok(null);
  if (v === 'auto') return ok(AUTO);
  if (v === 'syslog') return ok(SYSLOG);
  return toExistingDirpath(raw, ctx);
}

export function lookupUid(db: UserDb, name: string): Converted<number> {
  const n = pyInt(name);
  if (n !== null) return userById(db, n) ? ok(n) : fail(`invalid user id ${name}: there is no such user`);
  const user = userByName(db, name);
  return user ? ok(user.uid) : fail(`invalid user name ${quote(name)}: there is no such user`);
}

export function lookupGid(db: UserDb, name: string): Converted<number> {
  const n = pyInt(name);
  if (n !== null) return groupById(db, n) ? ok(n) : fail(`invalid group id ${name}: there is no such group`);
  const group = groupByName(db, name);
  return group ? ok(group.gid) : fail(`invalid group name ${quote(name)}: there is no such group`);
}

/** A user name or uid that exists; the value is the uid. */
export function toUid(raw: string, ctx: ConvertContext): Converted<number> {
  return lookupUid(ctx.users, raw);
}

/** `user` or `user:group` (names or ids) → uid and gid (-1 = leave the group alone). */
export function toUserGroup(raw: string, ctx: ConvertContext): Converted<{ uid: number; gid: number }> {
  const colon = raw.indexOf(':');
  const uid = lookupUid(ctx.users, colon === -1 ? raw : raw.slice(0, colon));
  if (!uid.ok) return fail(`invalid user:group value ${quote(raw)}: ${uid.message}`);
  if (colon === -1) return ok({ uid: uid.value, gid: -1 });
  const gid = lookupGid(ctx.users, raw.slice(colon + 1));
  if (!gid.ok) return fail(`invalid user:group value ${quote(raw)}: ${gid.message}`);
  return ok({ uid: uid.value, gid: gid.value });
}

/** The primary group of a uid (for fcgi socket ownership). */
export function primaryGid(db: UserDb, uid: number): number | undefined {
  return userById(db, uid)?.gid;
}

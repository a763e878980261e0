// Users and groups as supervisord looks them up (`pwd`/`grp`), read from /etc/passwd and /etc/group
// directly: no dependency, and no NSS (LDAP/sssd users are not seen — documented limitation).

import fs from 'node:fs';

export interface UserEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  /** User names listed as members (the fourth field): the users' supplementary groups. */
  readonly members: readonly string[];
}

export interface UserDb {
  readonly users: readonly UserEntry[];
  readonly groups: readonly GroupEntry[];
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** Parse passwd/group texts (`name:x:uid:gid:…:home:shell`, `name:x:gid:members`). */
export function parseUserDb(passwd: string, group: string): UserDb {
  const users: UserEntry[] = [];
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f.length < 7 || line.startsWith('#')) continue;
    const uid = Number(f[2]);
    const gid = Number(f[3]);
    if (Number.isInteger(uid) && Number.isInteger(gid)) users.push({ name: f[0] as string, uid, gid, home: f[5] as string });
  }
  const groups: GroupEntry[] = [];
  for (const line of group.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || line.startsWith('#')) continue;
    const gid = Number(f[2]);
    const members = (f[3] ?? '').split(',').filter((m) => m !== '');
    if (Number.isInteger(gid)) groups.push({ name: f[0] as string, gid, members });
  }
  return { users, groups };
}

export function readUserDb(passwdFile = '/etc/passwd', groupFile = '/etc/group'): UserDb {
  return parseUserDb(readLines(passwdFile).join('\n'), readLines(groupFile).join('\n'));
}

export function userByName(db: UserDb, name: string): UserEntry | undefined {
  return db.users.find((u) => u.name === name);
}

export function userById(db: UserDb, uid: number): UserEntry | undefined {
  return db.users.find((u) => u.uid === uid);
}

export function groupByName(db: UserDb, name: string): GroupEntry | undefined {
  return db.groups.find((g) => g.name === name);
}

export function groupById(db: UserDb, gid: number): GroupEntry | undefined {
  return db.groups.find((g) => g.gid === gid);
}

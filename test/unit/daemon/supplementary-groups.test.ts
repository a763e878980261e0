import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUserDb, readUserDb } from '../../../src/config/users.js';
import { credentialedCommand, findSetpriv, planPrivileges } from '../../../src/daemon/fork-checks.js';
import { spawnChild } from '../../../src/daemon/spawner.js';
import { collect, exitOf } from './support.js';

const db = parseUserDb(
  ['root:x:0:0:root:/root:/bin/sh', 'app:x:1001:1001::/srv/app:/bin/sh', 'solo:x:1002:1002::/home/solo:/bin/sh'].join('\n'),
  ['root:x:0:', 'app:x:1001:', 'ssl-cert:x:103:app,postgres', 'docker:x:998:other,app', 'solo:x:1002:'].join('\n'),
);
const root = { uid: 0, gid: 0 };

test('a user switch carries the primary gid first, then every group listing the user (setgroups)', () => {
  assert.deepEqual(planPrivileges(1001, null, root, db), { kind: 'switch', uid: 1001, gid: 1001, groups: [1001, 103, 998] });
  assert.deepEqual(planPrivileges(1002, null, root, db), { kind: 'switch', uid: 1002, gid: 1002, groups: [1002] });
});

test('only users with supplementary groups go through setpriv; the program is exec-ed in its place', () => {
  const app = planPrivileges(1001, null, root, db);
  const solo = planPrivileges(1002, null, root, db);
  assert.ok(app.kind === 'switch' && solo.kind === 'switch');
  assert.deepEqual(credentialedCommand(app, '/srv/app/run', ['--port', '80'], '/usr/bin/setpriv'), {
    file: '/usr/bin/setpriv',
    args: ['--reuid', '1001', '--regid', '1001', '--groups', '1001,103,998', '--', '/srv/app/run', '--port', '80'],
    viaSetpriv: true,
  });
  assert.deepEqual(credentialedCommand(solo, '/bin/true', [], '/usr/bin/setpriv'), { file: '/bin/true', args: [], viaSetpriv: false });
  assert.deepEqual(credentialedCommand(app, '/bin/true', [], null), { file: '/bin/true', args: [], viaSetpriv: false });
});

/** A real user of this machine who is listed in some group, for the end-to-end check. */
function realUserWithGroups(): { uid: number; name: string; gids: number[] } | null {
  const real = readUserDb();
  for (const user of real.users) {
    if (user.uid === 0) continue;
    const gids = real.groups.filter((g) => g.members.includes(user.name) && g.gid !== user.gid).map((g) => g.gid);
    if (gids.length > 0) return { uid: user.uid, name: user.name, gids };
  }
  return null;
}

const candidate = realUserWithGroups();
const skip =
  process.getuid?.() !== 0
    ? 'needs root'
    : candidate === null
      ? 'no user of this machine is listed as a member of a group in /etc/group'
      : findSetpriv() === null
        ? 'setpriv (util-linux) is not installed'
        : false;

test('user= gives the child its supplementary groups, as supervisord does', { skip }, async () => {
  const user = candidate!;
  const child = spawnChild({ file: '/usr/bin/id', argv: ['id', '-G'], cwd: null, env: {}, uid: user.uid, gid: null, umask: null, redirectStderr: true });
  const out = collect(child.stdout);
  assert.equal((await exitOf(child)).code, 0);
  const groups = out().trim().split(' ').map(Number);
  for (const gid of user.gids) assert.ok(groups.includes(gid), `${user.name}'s group ${gid} in ${out()}`);
});

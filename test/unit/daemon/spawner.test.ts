import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, test } from 'node:test';
import { planPrivileges, chdirFailure } from '../../../src/daemon/fork-checks.js';
import { spawnChild, type ChildHandle, type SpawnSpec } from '../../../src/daemon/spawner.js';
import { collect, exitOf, killGroup, pgidOf, waitFor } from './support.js';

const started: ChildHandle[] = [];
after(() => started.forEach((c) => killGroup(c.pid)));

function spawn(argv: string[], extra: Partial<SpawnSpec> = {}): ChildHandle {
  const child = spawnChild({
    file: argv[0] as string,
    argv,
    cwd: null,
    env: { PATH: process.env.PATH ?? '/bin:/usr/bin' },
    uid: null,
    gid: null,
    umask: null,
    redirectStderr: false,
    name: 'test',
    ...extra,
  });
  started.push(child);
  return child;
}

const sh = (script: string, extra: Partial<SpawnSpec> = {}) => spawn(['/bin/sh', '-c', script], extra);

test('each child leads its own process group; kill reaches the group, then reports ESRCH', async () => {
  const child = sh('sleep 30 & wait');
  const out = collect(child.stdout);
  collect(child.stderr!);
  assert.equal(pgidOf(child.pid), child.pid);
  assert.notEqual(pgidOf(child.pid), pgidOf(process.pid));
  const exited = exitOf(child);
  assert.equal(child.kill(15, true), 'ok');
  assert.deepEqual(await exited, { code: null, signal: 'SIGTERM' });
  assert.equal(child.kill(15, false), 'ESRCH');
  assert.equal(out(), '');
});

test('redirectStderr: fd 2 is the stdout pipe itself, so interleaved writes keep their order', async () => {
  const script = 'for (let i = 0; i < 2000; i++) require("fs").writeSync(i % 2 ? 2 : 1, i + "\\n")';
  const child = spawn([process.execPath, '-e', script], { redirectStderr: true });
  assert.equal(child.stderr, null);
  const out = collect(child.stdout);
  assert.deepEqual(await exitOf(child), { code: 0, signal: null });
  assert.equal(out(), Array.from({ length: 2000 }, (_, i) => `${i}\n`).join(''));
});

test('without redirectStderr the channels are separate pipes', async () => {
  const child = sh('echo out; echo err >&2');
  const out = collect(child.stdout);
  const err = collect(child.stderr!);
  await exitOf(child);
  assert.equal(out(), 'out\n');
  assert.equal(err(), 'err\n');
});

test('the child gets real pipes: /dev/stdout and /proc/self/fd/2 can be opened', async () => {
  const child = sh('echo via-dev-stdout > /dev/stdout; echo via-proc > /proc/self/fd/2; stat -L -c %F /proc/self/fd/1');
  const out = collect(child.stdout);
  const err = collect(child.stderr!);
  assert.equal((await exitOf(child)).code, 0);
  assert.equal(out(), 'via-dev-stdout\nfifo\n');
  assert.equal(err(), 'via-proc\n');
});

test('a missing directory looks like supervisord: two lines on stderr (stdout if redirected), exit 127', async () => {
  const child = spawn(['/bin/echo', 'never'], { cwd: '/nonexistent/dir' });
  const out = collect(child.stdout);
  const err = collect(child.stderr!);
  assert.deepEqual(await exitOf(child), { code: 127, signal: null });
  assert.equal(out(), '');
  assert.equal(err(), "supervisor: couldn't chdir to /nonexistent/dir: ENOENT\nsupervisor: child process was not spawned\n");

  const redirected = spawn(['/bin/echo', 'never'], { cwd: '/etc/hostname', redirectStderr: true });
  const both = collect(redirected.stdout);
  assert.equal((await exitOf(redirected)).code, 127);
  assert.equal(both(), "supervisor: couldn't chdir to /etc/hostname: ENOTDIR\nsupervisor: child process was not spawned\n");
});

test('privilege plans follow drop_privileges: same uid is a no-op, non-root cannot switch', () => {
  assert.deepEqual(planPrivileges(null, null, { uid: 1000, gid: 1000 }), { kind: 'keep' });
  assert.deepEqual(planPrivileges(1000, null, { uid: 1000, gid: 1000 }), { kind: 'keep' });
  assert.deepEqual(planPrivileges(0, null, { uid: 1000, gid: 1000 }), {
    kind: 'fail',
    lines: ["supervisor: couldn't setuid to 0: Can't drop privilege as nonroot user", 'supervisor: child process was not spawned'],
  });
  const nobody = planPrivileges(65534, null, { uid: 0, gid: 0 });
  assert.equal(nobody.kind === 'switch' && `${nobody.uid}:${nobody.gid}:${nobody.groups[0]}`, '65534:65534:65534');
  assert.equal(chdirFailure('/', { uid: 65534, gid: 65534 }), null);
  assert.deepEqual(chdirFailure('/root/..nope', { uid: 0, gid: 0 })?.[0], "supervisor: couldn't chdir to /root/..nope: ENOENT");
});

test('user= switches uid and the primary gid of the user (root only)', { skip: process.getuid?.() !== 0 }, async () => {
  const child = spawn(['/usr/bin/id'], { uid: 65534 });
  const out = collect(child.stdout);
  assert.equal((await exitOf(child)).code, 0);
  assert.match(out(), /^uid=65534\(\w+\) gid=65534\(\w+\) groups=65534\(\w+\)\n$/);
});

test('stdin is a pipe that stays open: cat echoes and keeps running', async () => {
  const child = spawn(['/bin/cat']);
  const out = collect(child.stdout);
  child.stdin.write('ping\n');
  await waitFor(() => out() === 'ping\n', 'cat to echo');
  child.stdin.write('pong\n');
  await waitFor(() => out() === 'ping\npong\n', 'cat to echo again');
  const exited = exitOf(child);
  child.kill(9, false);
  assert.deepEqual(await exited, { code: null, signal: 'SIGKILL' });
});

test('stdin nobody wrote to is closed at exit all the same (no fd left behind); a late write is harmless', async () => {
  const fdCount = () => fs.readdirSync('/proc/self/fd').length;
  const before = fdCount();
  const child = sh('read line; echo "got $line"');
  const out = collect(child.stdout);
  collect(child.stderr!);
  assert.ok(fdCount() > before);
  const exited = exitOf(child);
  child.kill(15, false);
  await exited;
  await waitFor(() => fdCount() === before, 'every pipe end to be closed');
  child.stdin.write('too late\n');
  assert.equal(out(), '');

  const fed = sh('read line; echo "got $line"');
  const echoed = collect(fed.stdout);
  collect(fed.stderr!);
  fed.stdin.write('ping\n');
  assert.equal((await exitOf(fed)).code, 0);
  assert.equal(echoed(), 'got ping\n');
  await waitFor(() => fdCount() === before, 'every pipe end to be closed after use');
});

test('umask, argv[0], cwd and the environment are exactly what the spec says', async () => {
  const before = process.umask(0o022);
  process.umask(before);
  const script = 'umask; pwd; tr "\\0" " " < /proc/$$/cmdline; echo; env | sort';
  const child = spawn(['myshell', '-c', script], { file: '/bin/sh', umask: 0o027, cwd: '/tmp', env: { ONLY: 'this' } } as Partial<SpawnSpec>);
  const out = collect(child.stdout);
  assert.equal((await exitOf(child)).code, 0);
  const lines = out().split('\n');
  assert.equal(lines[0], '0027');
  assert.equal(lines[1], '/tmp');
  assert.match(lines[2] as string, /^myshell -c umask/);
  assert.deepEqual(lines.slice(3).filter((l) => l && !l.startsWith('PWD=')), ['ONLY=this']);
  assert.equal(process.umask(before), before, "the daemon's umask is restored");
});

test('a grandchild holding the pipe does not hold back the exit; output before it is kept', async () => {
  const child = sh('sleep 30 & echo started');
  const out = collect(child.stdout);
  collect(child.stderr!);
  assert.deepEqual(await exitOf(child), { code: 0, signal: null });
  assert.equal(out(), 'started\n');
  killGroup(child.pid);
});

test('a child killed by a signal reports it, with no exit code', async () => {
  const child = sh('kill -TERM $$');
  collect(child.stdout);
  assert.deepEqual(await exitOf(child), { code: null, signal: 'SIGTERM' });
});

test("running out of file descriptors is supervisord's spawnerr, thrown before anything starts", async () => {
  const moduleUrl = new URL('../../../src/daemon/spawner.js', import.meta.url).href;
  const script = `
    import fs from 'node:fs';
    import { spawnChild } from ${JSON.stringify(moduleUrl)};
    const spec = (name) => ({ file: '/bin/true', argv: ['true'], cwd: null, env: {}, uid: null, gid: null, umask: null, redirectStderr: false, name });
    const warm = spawnChild(spec('warm'));
    warm.stdout.listen(() => {});
    warm.stderr.listen(() => {});
    await new Promise((resolve) => warm.onExit(resolve));
    const held = [];
    try { for (;;) held.push(fs.openSync('/dev/null', 'r')); } catch {}
    fs.closeSync(held.pop());
    fs.closeSync(held.pop());
    try { spawnChild(spec('web')); } catch (error) { console.log(error.message); }`;
  const child = spawn(['/bin/sh', '-c', 'ulimit -n 64; exec "$0" --input-type=module -e "$1"', process.execPath, script]);
  const out = collect(child.stdout);
  collect(child.stderr!);
  assert.equal((await exitOf(child)).code, 0);
  assert.equal(out(), "too many open files to spawn 'web'\n");
});

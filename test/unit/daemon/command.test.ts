import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { buildChildEnv, resolveCommand } from '../../../src/daemon/command.js';
import { tempDir } from './support.js';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, mode: number): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '#!/bin/sh\necho hi\n', { mode });
  fs.chmodSync(p, mode);
  return p;
}

// Texts as supervisord 4.2.5 reports them (captured from startProcess faults).
test('a bare word that is nowhere on PATH cannot be found', () => {
  assert.deepEqual(resolveCommand('nosuchprog --x', { PATH: dir }), {
    ok: false,
    fault: 'NO_FILE',
    spawnerr: "can't find command 'nosuchprog'",
  });
});

test('an absolute path that does not exist cannot be found', () => {
  const r = resolveCommand(`${dir}/missing arg`, {});
  assert.deepEqual(r, { ok: false, fault: 'NO_FILE', spawnerr: `can't find command '${dir}/missing'` });
});

test('a directory is refused', () => {
  fs.mkdirSync(path.join(dir, 'adir'), { recursive: true });
  const r = resolveCommand(path.join(dir, 'adir'), {});
  assert.deepEqual(r, { ok: false, fault: 'NOT_EXECUTABLE', spawnerr: `command at '${dir}/adir' is a directory` });
});

test('a file without any execute bit is refused', () => {
  const p = file('noexec', 0o644);
  const r = resolveCommand(`${p} -v`, {});
  assert.deepEqual(r, { ok: false, fault: 'NOT_EXECUTABLE', spawnerr: `command at '${p}' is not executable` });
});

test('an empty command and an unparseable one are NOT_EXECUTABLE with shlex texts', () => {
  assert.deepEqual(resolveCommand('   ', {}), { ok: false, fault: 'NOT_EXECUTABLE', spawnerr: 'command is empty' });
  assert.deepEqual(resolveCommand('echo "unterminated', {}), {
    ok: false,
    fault: 'NOT_EXECUTABLE',
    spawnerr: `can't parse command 'echo "unterminated': No closing quotation`,
  });
  assert.deepEqual(resolveCommand('echo foo\\', {}), {
    ok: false,
    fault: 'NOT_EXECUTABLE',
    spawnerr: "can't parse command 'echo foo\\\\': No escaped character",
  });
});

test('PATH search takes the first entry that exists, even when it is not executable', () => {
  file('first/tool', 0o644);
  const good = file('second/tool', 0o755);
  const env = { PATH: `${dir}/empty:${dir}/first:${dir}/second` };
  assert.deepEqual(resolveCommand('tool', env), {
    ok: false,
    fault: 'NOT_EXECUTABLE',
    spawnerr: `command at '${dir}/first/tool' is not executable`,
  });
  assert.deepEqual(resolveCommand('tool a "b c"', { PATH: `${dir}/second/` }), { ok: true, file: good, argv: ['tool', 'a', 'b c'] });
});

test('without PATH the default /bin:/usr/bin:/usr/local/bin is searched', () => {
  const r = resolveCommand('sh -c true', {});
  assert.equal(r.ok, true);
  assert.equal(r.ok && r.file, '/bin/sh');
});

test('the child environment: own env, SUPERVISOR_* in order, environment= applied last', () => {
  const env = buildChildEnv({
    base: { HOME: '/root', KEEP: 'x', GONE: undefined },
    serverUrl: 'unix:///tmp/s.sock',
    processName: 'web_01',
    groupName: 'web',
    environment: { FOO: 'bar', SUPERVISOR_GROUP_NAME: 'override' },
  });
  assert.deepEqual(env, {
    HOME: '/root',
    KEEP: 'x',
    SUPERVISOR_ENABLED: '1',
    SUPERVISOR_SERVER_URL: 'unix:///tmp/s.sock',
    SUPERVISOR_PROCESS_NAME: 'web_01',
    SUPERVISOR_GROUP_NAME: 'override',
    FOO: 'bar',
  });
  const bare = buildChildEnv({ base: {}, serverUrl: null, processName: 'p', groupName: null, environment: null });
  assert.deepEqual(bare, { SUPERVISOR_ENABLED: '1', SUPERVISOR_PROCESS_NAME: 'p' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pyGlob, joinPattern } from '../../../src/config/include.js';
import { loadConfig, formatDiagnostic } from '../../../src/config/load.js';
import { makeTree } from './tmp-tree.js';

const SUPERVISORD = '[supervisord]\nlogfile=/tmp/tss-include-test.log\n';

test('pyGlob: only *, ? and [...] are special; ** is *; dot files need a dot pattern', (t) => {
  const root = makeTree(t, {
    'd/a.conf': '', 'd/b.conf': '', 'd/c1.conf': '', 'd/.hidden.conf': '', 'd/{x}.conf': '', 'd/(y).conf': '',
    'd/sub/deep.conf': '', 'd/!bang.conf': '',
  });
  const rel = (list: string[]): string[] => list.map((f) => path.relative(root, f)).sort();
  assert.deepEqual(rel(pyGlob(`${root}/d/*.conf`)), ['d/!bang.conf', 'd/(y).conf', 'd/a.conf', 'd/b.conf', 'd/c1.conf', 'd/{x}.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/?.conf`)), ['d/a.conf', 'd/b.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/c[0-9].conf`)), ['d/c1.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/[!ab].conf`)), []);
  assert.deepEqual(rel(pyGlob(`${root}/d/[!a]*.conf`)), ['d/!bang.conf', 'd/(y).conf', 'd/b.conf', 'd/c1.conf', 'd/{x}.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/{x}.conf`)), ['d/{x}.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/{a,b}.conf`)), []);
  assert.deepEqual(rel(pyGlob(`${root}/d/(y)*`)), ['d/(y).conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/!*`)), ['d/!bang.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/**/*.conf`)), ['d/sub/deep.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/.*`)), ['d/.hidden.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/*/a.conf`)), ['d/a.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/a.conf`)), ['d/a.conf']);
  assert.deepEqual(rel(pyGlob(`${root}/d/none.conf`)), []);
  assert.deepEqual(rel(pyGlob(`${root}/missing/*.conf`)), []);
});

test('joinPattern is os.path.join: absolute patterns stay, nothing is normalised', () => {
  assert.equal(joinPattern('/etc/sup', 'conf.d/*.conf'), '/etc/sup/conf.d/*.conf');
  assert.equal(joinPattern('/etc/sup', '../x/*.conf'), '/etc/sup/../x/*.conf');
  assert.equal(joinPattern('/etc/sup', '/abs/*.conf'), '/abs/*.conf');
  assert.equal(joinPattern('/', 'a'), '/a');
});

test('[include]: globs from the main file directory (not the cwd), sorted, %(here)s per file, no recursion', (t) => {
  const root = makeTree(t, {
    'etc/main.conf': `${SUPERVISORD}[include]\nfiles = conf.d/*.conf extra/%(ENV_WHICH)s.ini\n[program:main]\ncommand=/bin/echo %(here)s\n`,
    'etc/conf.d/20-b.conf': '[program:b]\ncommand=/bin/echo b %(here)s\n[include]\nfiles=never/*.conf\n',
    'etc/conf.d/10-a.conf': '[program:a]\ncommand=/bin/echo a %(here)s\n',
    'etc/conf.d/never/x.conf': '[program:never]\ncommand=/bin/false\n',
    'etc/extra/one.ini': '[program:a]\npriority=5\n',
    'elsewhere/': '',
  });
  const result = loadConfig({ file: path.join(root, 'etc/main.conf'), cwd: path.join(root, 'elsewhere'), env: { WHICH: 'one' } });
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
  const commands = Object.fromEntries(result.config.groups.map((g) => [g.name, g.processes[0]?.command]));
  assert.deepEqual(commands, {
    a: `/bin/echo a ${root}/etc/conf.d`,
    b: `/bin/echo b ${root}/etc/conf.d`,
    main: `/bin/echo ${root}/etc`,
  });
  assert.equal(result.config.groups.find((g) => g.name === 'a')?.priority, 5);
  assert.deepEqual(result.config.files, [
    `${root}/etc/main.conf`, `${root}/etc/conf.d/10-a.conf`, `${root}/etc/conf.d/20-b.conf`, `${root}/etc/extra/one.ini`,
  ]);
  assert.deepEqual(
    result.config.infos.map((d) => d.message),
    ['10-a.conf', '20-b.conf'].map((f) => `Included extra file "${root}/etc/conf.d/${f}" during parsing`).concat(
      `Included extra file "${root}/etc/extra/one.ini" during parsing`,
    ),
  );
});

test('[include]: a pattern without matches is a warning; a matched directory is skipped with a warning', (t) => {
  const root = makeTree(t, {
    'main.conf': `${SUPERVISORD}[include]\nfiles=nothing/*.conf dirs/*\n`,
    'dirs/adir/': '',
    'dirs/ok.conf': '[program:ok]\ncommand=/bin/cat\n',
  });
  const result = loadConfig({ file: 'main.conf', cwd: root, env: {} });
  assert.ok(result.ok);
  assert.deepEqual(result.warnings.map(formatDiagnostic), [
    `main.conf:4 [include] files: No file matches via include "${root}/nothing/*.conf"`,
    `main.conf:4 [include] files: skipped "${root}/dirs/adir", which cannot be read (it is a directory), as supervisord does`,
  ]);
  assert.deepEqual(result.config.groups.map((g) => g.name), ['ok']);
});

test('[include] files may use here, host_node_name and ENV_* of the process, not [supervisord] environment', (t) => {
  const root = makeTree(t, {
    'main.conf': '[supervisord]\nlogfile=/tmp/x.log\nenvironment=FROM_CONF="x"\n[include]\nfiles=%(ENV_FROM_CONF)s.conf\n',
    'ok.conf': `${SUPERVISORD}[include]\nfiles=%(host_node_name)s.conf %(here)s/none.conf\n`,
  });
  const bad = loadConfig({ file: 'main.conf', cwd: root, env: { A: '1' } });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors.map(formatDiagnostic), [
    "main.conf:5 [include] files: Format string '%(ENV_FROM_CONF)s.conf' for 'include.files' contains names ('ENV_FROM_CONF') which cannot be expanded. Available names: ENV_A, here, host_node_name",
  ]);
  const good = loadConfig({ file: 'ok.conf', cwd: root, env: {}, hostname: 'box' });
  assert.ok(good.ok);
  assert.deepEqual(good.warnings.map((w) => w.message), [`No file matches via include "${root}/box.conf"`, `No file matches via include "${root}/none.conf"`]);
});

test('[include] without files= is an error at the section header', (t) => {
  const root = makeTree(t, { 'main.conf': `${SUPERVISORD}\n[include]\nfile=oops.conf\n` });
  const result = loadConfig({ file: 'main.conf', cwd: root, env: {} });
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.errors.map(formatDiagnostic), [
    'main.conf:4 [include] files: .ini file has [include] section, but no files setting',
  ]);
});

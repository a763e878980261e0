// Our `watch*` program options and `[supervisord] watch_config`: defaults, parsing, paths made absolute
// against the right directory, file:line errors, and what reread and getAllConfigInfo make of them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, formatDiagnostic, type LoadResult } from '../../../src/config/load.js';
import { configInfo } from '../../../src/config/config-info.js';
import { diffGroups } from '../../../src/config/diff.js';
import { renderOptionsReference } from '../../../src/config/options-doc.js';
import type { Config, ProcessConfig } from '../../../src/config/types.js';
import { makeTree } from './tmp-tree.js';

const HEAD = '[supervisord]\nlogfile=/tmp/tss-watch-options-test.log\n';

function ok(result: LoadResult): Config {
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
  return result.config;
}
function errors(result: LoadResult): string[] {
  assert.equal(result.ok, false, 'expected errors');
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}
function proc(config: Config, group: string): ProcessConfig {
  const p = config.groups.find((g) => g.name === group)?.processes[0];
  assert.ok(p, `no process in ${group}`);
  return p;
}

test('defaults: nothing watched, 500 ms, restart (no signal), watch_config off', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[program:a]\ncommand=/bin/cat\n` });
  const config = ok(loadConfig({ file: 'main.conf', cwd: root, env: {} }));
  const a = proc(config, 'a');
  assert.deepEqual([a.watch, a.watchIgnore, a.watchDelay, a.watchSignal], [[], [], 500, null]);
  assert.equal(config.supervisord.watchConfig, false);
  assert.deepEqual(config.warnings, [], 'known keys, no unknown-option warning');
});

test('watch entries split on spaces and commas, made absolute against directory, else the section file\'s folder', (t) => {
  const root = makeTree(t, {
    'etc/main.conf': `${HEAD}watch_config = yes\n[include]\nfiles = conf.d/*.conf\n[program:a]\ncommand=/bin/cat\nwatch = src/**/*.py,  app.ini ,\n   /abs/x\nwatch_ignore = *.log, tmp\nwatch_delay = 0\nwatch_signal = hup\n`,
    'etc/conf.d/b.conf': '[program:b]\ncommand=/bin/cat\nwatch = lib\n[program:c]\ncommand=/bin/cat\ndirectory = app\nwatch = . %(program_name)s.cfg\n',
  });
  const config = ok(loadConfig({ file: 'etc/main.conf', cwd: root, env: {} }));
  assert.equal(config.supervisord.watchConfig, true);
  const a = proc(config, 'a');
  assert.deepEqual(a.watch, [`${root}/etc/src/**/*.py`, `${root}/etc/app.ini`, '/abs/x']);
  assert.deepEqual([a.watchIgnore, a.watchDelay, a.watchSignal], [['*.log', 'tmp'], 0, 1]);
  assert.deepEqual(proc(config, 'b').watch, [`${root}/etc/conf.d/lib`], 'relative to the included file');
  assert.deepEqual(proc(config, 'c').watch, [root + '/app', `${root}/app/c.cfg`], 'relative to directory (itself relative to the cwd), expanded');
});

test('bad values are errors at their file:line', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[program:a]\ncommand=/bin/cat\nwatch=src\nwatch_delay=-5\nwatch_signal=NOPE\n[program:b]\ncommand=/bin/cat\nwatch_delay=soon\n` });
  assert.deepEqual(errors(loadConfig({ file: 'main.conf', cwd: root, env: {} })), [
    'main.conf:6 [program:a] watch_delay: expected a delay in milliseconds (an integer, 0 or more), got "-5"',
    'main.conf:7 [program:a] watch_signal: "NOPE" is not a valid signal name',
    'main.conf:10 [program:b] watch_delay: expected a delay in milliseconds (an integer, 0 or more), got "soon"',
  ]);
  const bad = makeTree(t, { 'main.conf': `${HEAD}watch_config=perhaps\n` });
  assert.deepEqual(errors(loadConfig({ file: 'main.conf', cwd: bad, env: {} })), [
    'main.conf:3 [supervisord] watch_config: expected a boolean (true/false, yes/no, on/off, 1/0), got "perhaps"',
  ]);
});

test('a changed watch option makes its group "changed" for reread/update; getAllConfigInfo never shows watch keys', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[program:a]\ncommand=/bin/cat\nwatch=src\n[program:b]\ncommand=/bin/cat\n` });
  const before = ok(loadConfig({ file: 'main.conf', cwd: root, env: {} }));
  const variants = ['watch=lib', 'watch=src\nwatch_delay=10', 'watch=src\nwatch_signal=USR1', 'watch=src\nwatch_ignore=*.tmp'];
  for (const variant of variants) {
    const tree = makeTree(t, { 'main.conf': `${HEAD}[program:a]\ncommand=/bin/cat\n${variant}\n[program:b]\ncommand=/bin/cat\n` });
    // Same directory layout, so only the watch option differs.
    const after = ok(loadConfig({ file: 'main.conf', cwd: tree, env: {} }));
    const rebased = after.groups.map((g) => ({ ...g, processes: g.processes.map((p) => ({ ...p, watch: p.watch.map((w) => w.replace(tree, root)) })) }));
    const diff = diffGroups(before.groups, rebased);
    assert.deepEqual(diff.changed.map((g) => g.name), ['a'], variant);
  }
  const same = diffGroups(before.groups, ok(loadConfig({ file: 'main.conf', cwd: root, env: {} })).groups);
  assert.deepEqual(same.changed, []);
  for (const info of configInfo(before, new Set(['a', 'b']))) {
    assert.deepEqual(Object.keys(info).filter((k) => k.startsWith('watch')), []);
  }
});

test('--options documents the watch options and watch_config', () => {
  const text = renderOptionsReference();
  for (const key of ['watch', 'watch_ignore', 'watch_delay', 'watch_signal', 'watch_config']) {
    assert.match(text, new RegExp(`^  ${key} +tssupervisor only: `, 'm'), key);
  }
  assert.match(text, /^ {2}watch_delay +.*\(default: 500\)$/m);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countsAsChange, DEFAULT_WATCH_IGNORE, globToRegExp, ignoreTest, isPruned, relativeTo, watchTarget,
} from '../../../src/core/watch-match.js';

test('globs: * and ? stay in a component, ** spans components, classes and alternatives', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*.py', 'app.py', true],
    ['*.py', 'pkg/app.py', false],
    ['**/*.py', 'app.py', true],
    ['**/*.py', 'a/b/c/app.py', true],
    ['**/*.py', 'a/b/app.pyc', false],
    ['src/**', 'src/a/b', true],
    ['a/**/b.txt', 'a/b.txt', true],
    ['a/**/b.txt', 'a/x/y/b.txt', true],
    ['?.js', 'a.js', true],
    ['?.js', 'ab.js', false],
    ['[abc].txt', 'b.txt', true],
    ['[!abc].txt', 'b.txt', false],
    ['*.{js,ts}', 'x.ts', true],
    ['*.{js,ts}', 'x.tsx', false],
    ['file(1).txt', 'file(1).txt', true],
    ['a+b.txt', 'aab.txt', false],
    ['{unclosed', '{unclosed', true],
  ];
  for (const [glob, text, expected] of cases) assert.equal(globToRegExp(glob).test(text), expected, `${glob} vs ${text}`);
});

test('a watch entry is watched from the directory before its first wildcard', () => {
  assert.deepEqual(watchTarget('/srv/app/src').matches, null);
  assert.equal(watchTarget('/srv/app/src').base, '/srv/app/src');
  const glob = watchTarget('/srv/app/src/**/*.py');
  assert.equal(glob.base, '/srv/app/src');
  assert.equal(glob.matches?.('pkg/mod.py'), true);
  assert.equal(glob.matches?.('pkg/mod.txt'), false);
  assert.equal(watchTarget('/*.conf').base, '/');
});

test('default ignores: VCS, dependencies, bytecode caches, editor swap/backup/lock files, vim\'s 4913', () => {
  const ignored = ignoreTest(DEFAULT_WATCH_IGNORE);
  for (const rel of ['.git/HEAD', 'node_modules/x/index.js', 'pkg/__pycache__/m.cpython-311.pyc', '.app.py.swp', 'x.swx', 'app.py~', '.#app.py', 'src/4913']) {
    assert.equal(ignored(rel), true, rel);
  }
  for (const rel of ['app.py', 'src/.env', 'gitx/a', 'my_node_modules.txt', '49130', '']) assert.equal(ignored(rel), false, rel);
});

test('watch_ignore: a glob without "/" matches any component, one with "/" matches from the base', () => {
  const ignored = ignoreTest(['*.log', 'build/', './static/gen', 'docs/*.md']);
  assert.equal(ignored('a/b/server.log'), true);
  assert.equal(ignored('build/out.js'), true);
  assert.equal(ignored('static/gen/app.css'), true);
  assert.equal(ignored('static/app.css'), false);
  assert.equal(ignored('docs/readme.md'), true);
  assert.equal(ignored('src/docs/readme.md'), false);
});

test('only components below the base count: watch = node_modules/mylib works', () => {
  const targets = [watchTarget('/app/node_modules/mylib')];
  const ignored = ignoreTest(DEFAULT_WATCH_IGNORE);
  assert.equal(countsAsChange(targets, ignored, '/app/node_modules/mylib/index.js'), true);
  assert.equal(countsAsChange(targets, ignored, '/app/node_modules/mylib/node_modules/dep/x.js'), false);
  assert.equal(relativeTo('/app/src', '/app/srcx/a'), null);
  assert.equal(relativeTo('/app/src', '/app/src'), '');
});

test('what counts and what is pruned from the watcher', () => {
  const targets = [watchTarget('/app/src/**/*.py'), watchTarget('/app/settings.ini')];
  const ignored = ignoreTest(DEFAULT_WATCH_IGNORE);
  assert.equal(countsAsChange(targets, ignored, '/app/src/pkg/m.py'), true);
  assert.equal(countsAsChange(targets, ignored, '/app/src/pkg/m.txt'), false);
  assert.equal(countsAsChange(targets, ignored, '/app/src/pkg/__pycache__/m.py'), false);
  assert.equal(countsAsChange(targets, ignored, '/app/settings.ini'), true);
  assert.equal(countsAsChange(targets, ignored, '/app/other.ini'), false);
  assert.equal(isPruned(targets, ignored, '/app/src/node_modules'), true);
  assert.equal(isPruned(targets, ignored, '/app/src/pkg'), false);
  assert.equal(isPruned(targets, ignored, '/app'), false, 'a parent of a base is not ours to prune');
});

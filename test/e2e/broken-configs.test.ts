// Every broken fixture stops the real binary before it touches anything: exit 2, one line per problem.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { binDir, fixturesDir } from '../helpers/paths.js';

const dir = path.join(fixturesDir, 'config', 'broken');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.conf'));
// The environment the expectations were recorded with (ENV_* names appear in some messages).
const env = JSON.parse(readFileSync(path.join(fixturesDir, 'config', 'oracle', 'env.json'), 'utf8')) as Record<string, string>;

test('there are at least 15 broken fixtures', () => assert.ok(fixtures.length >= 15, `${fixtures.length}`));

for (const fixture of fixtures) {
  test(`tssupervisord -n -c ${fixture} exits 2 with the expected file:line errors`, () => {
    const expected = readFileSync(path.join(dir, fixture.replace(/\.conf$/, '.expected')), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('error: '))
      .map((l) => `Error: ${l.slice('error: '.length)}`);
    const r = spawnSync(process.execPath, [path.join(binDir, 'tssupervisord'), '-n', '-c', fixture], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(r.status, 2, `exit ${r.status} ${r.signal ?? ''}\n${r.stderr}`);
    const lines = r.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, expected.length), expected);
    assert.equal(lines.at(-1), 'For help, use tssupervisord -h');
  });
}

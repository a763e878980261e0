// Every broken fixture gives exactly the diagnostics of its sibling .expected file (one `error: …` or
// `warning: …` line each, as formatDiagnostic prints them), and real supervisord rejected it too
// (its own words are in the sibling .supervisord.txt, written by oracle/regenerate.py).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../../helpers/paths.js';
import { loadConfig, formatDiagnostic } from '../../../src/config/load.js';

const brokenDir = path.join(fixturesDir, 'config', 'broken');
const env = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'config', 'oracle', 'env.json'), 'utf8')) as Record<string, string>;
const fixtures = fs.readdirSync(brokenDir).filter((f) => f.endsWith('.conf')).sort();
const sibling = (fixture: string, ext: string): string => path.join(brokenDir, fixture.replace(/\.conf$/u, ext));

test('there are at least 15 broken fixtures', () => {
  assert.ok(fixtures.length >= 15, `only ${fixtures.length}`);
});

for (const fixture of fixtures) {
  test(`broken: ${fixture}`, () => {
    const result = loadConfig({ file: fixture, cwd: brokenDir, env, hostname: '<HOST>' });
    assert.equal(result.ok, false, 'loaded without errors');
    const ours = [
      ...(result.ok ? [] : result.errors).map((d) => `error: ${formatDiagnostic(d)}`),
      ...result.warnings.map((d) => `warning: ${formatDiagnostic(d)}`),
    ];
    const expected = fs.readFileSync(sibling(fixture, '.expected'), 'utf8').split('\n').filter((l) => l !== '');
    assert.deepEqual(ours, expected);
    assert.match(fs.readFileSync(sibling(fixture, '.supervisord.txt'), 'utf8'), /^Error: /u, 'supervisord accepted it');
  });
}

// Every ok fixture, loaded by OUR loader and reported by configInfo, must equal what REAL supervisord
// 4.2.5 returned from getAllConfigInfo for it (test/fixtures/config/oracle/*.json, made by
// regenerate.py with the same environment and the same normalisation).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../../helpers/paths.js';
import { loadConfig, formatDiagnostic } from '../../../src/config/load.js';
import { configInfo } from '../../../src/config/config-info.js';

const okDir = path.join(fixturesDir, 'config', 'ok');
const oracleDir = path.join(fixturesDir, 'config', 'oracle');
const env = JSON.parse(fs.readFileSync(path.join(oracleDir, 'env.json'), 'utf8')) as Record<string, string>;

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return typeof value === 'string' ? value.replaceAll(okDir, '<HERE>') : value;
}

const fixtures = fs.readdirSync(okDir).filter((f) => f.endsWith('.conf')).sort();

test('there are at least 30 ok fixtures, each with an oracle dump', () => {
  assert.ok(fixtures.length >= 30, `only ${fixtures.length} fixtures`);
  for (const f of fixtures) assert.ok(fs.existsSync(path.join(oracleDir, f.replace(/\.conf$/u, '.json'))), `no dump for ${f}`);
});

for (const fixture of fixtures) {
  test(`oracle: ${fixture}`, () => {
    const result = loadConfig({ file: path.join(okDir, fixture), cwd: okDir, env, hostname: '<HOST>' });
    assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
    const active = new Set(result.config.groups.map((g) => g.name));
    const ours = normalise(configInfo(result.config, active, () => '<AUTO>'));
    const expected = JSON.parse(fs.readFileSync(path.join(oracleDir, fixture.replace(/\.conf$/u, '.json')), 'utf8')) as unknown;
    assert.deepEqual(ours, expected);
  });
}

// Which %(name)s names each option may use must be exactly supervisord's: every probe of
// test/fixtures/config/python-cases/scopes.json (one option naming an unknown name, run through REAL
// supervisord 4.2.5) must give the same label and the same "Available names" with our loader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../../helpers/paths.js';
import { loadConfig, formatDiagnostic } from '../../../src/config/load.js';
import { pythonCases } from './python-cases.js';
import { makeTree } from './tmp-tree.js';

interface Probe {
  name: string;
  config: string;
  error: string;
}
const probes = pythonCases<Probe[]>('scopes');
const env = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'config', 'oracle', 'env.json'), 'utf8')) as Record<string, string>;

function labelAndNames(message: string): { label: string; names: string[] } | null {
  const m = /for '([^']*)'.*Available names: (.*?)(?: in section '.*)?$/su.exec(message);
  return m ? { label: m[1] as string, names: (m[2] as string).split(', ') } : null;
}

for (const probe of probes) {
  test(`%(name)s scope of ${probe.name}`, (t) => {
    const root = makeTree(t, { 'probe.conf': probe.config });
    const result = loadConfig({ file: 'probe.conf', cwd: root, env });
    assert.equal(result.ok, false);
    const errors = result.ok ? [] : result.errors;
    const ours = errors.map((e) => labelAndNames(e.message)).find((x) => x !== null);
    assert.ok(ours, errors.map(formatDiagnostic).join('\n'));
    assert.deepEqual(ours, labelAndNames(probe.error));
  });
}

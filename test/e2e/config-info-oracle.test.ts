// getAllConfigInfo served by a real tssupervisord over its socket, for every ok fixture, equals what real
// supervisord 4.2.5 answered (the committed dumps, made by the same script pointed at supervisord).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { binDir, fixturesDir } from '../helpers/paths.js';
import { tempDir } from '../helpers/temp-dir.js';

const oracleDir = path.join(fixturesDir, 'config', 'oracle');

test('getAllConfigInfo over XML-RPC matches real supervisord for every ok fixture', (t) => {
  if (!existsSync('/usr/bin/python3')) return t.skip('python3 is not installed: cannot drive the oracle script');
  const out = tempDir('tss-config-info-');
  const r = spawnSync('/usr/bin/python3', [path.join(oracleDir, 'regenerate.py')], {
    encoding: 'utf8',
    timeout: 240_000,
    env: {
      ...process.env,
      TSS_ORACLE_DAEMON: JSON.stringify([process.execPath, path.join(binDir, 'tssupervisord')]),
      TSS_ORACLE_OUT: out,
    },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const dumps = readdirSync(oracleDir).filter((f) => f.endsWith('.json') && f !== 'env.json');
  assert.ok(dumps.length >= 30, `${dumps.length} dumps`);
  for (const dump of dumps) {
    const theirs: unknown = JSON.parse(readFileSync(path.join(oracleDir, dump), 'utf8'));
    const ours: unknown = JSON.parse(readFileSync(path.join(out, dump), 'utf8'));
    assert.deepEqual(ours, theirs, dump);
  }
});

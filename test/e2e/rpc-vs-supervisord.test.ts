// The whole supervisor.* / system.* surface against the oracle: the same config text under real
// supervisord 4.2.5 and under tssupervisord, the same ~250 calls (test/helpers/rpc-oracle.py), and the
// normalised answers must be equal, step by step, except for the differences listed below on purpose.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { removeDir, runOracle, startFixtureDaemon, SUPERVISORD, waitGone, type OracleDaemon, type OracleRun } from '../helpers/rpc-oracle.js';

/** Where we answer differently by design; both answers are pinned so neither side drifts unnoticed. */
const KNOWN_DIFFERENCES: Record<string, { supervisord: unknown; ours: unknown }> = {
  // Our method table checks parameter types against the signature before any method runs, so a wrong
  // type never carries the offending value (supervisord's sendProcessStdin alone checks by hand).
  'sendProcessStdin chars not a string': {
    supervisord: { fault: 2, text: 'INCORRECT_PARAMETERS: 123' },
    ours: { fault: 2, text: 'INCORRECT_PARAMETERS' },
  },
  // supervisord clears only the logs of a running process (it clears through the child's pipe
  // dispatchers), yet answers true; `clear` does what it says for a stopped process too.
  'read after clearing the logs of a stopped process': { supervisord: 'bye\n', ours: '' },
};

async function runBoth(): Promise<{ real: OracleRun; ours: OracleRun; daemons: OracleDaemon[] }> {
  const real = startFixtureDaemon('supervisord');
  const ours = startFixtureDaemon('ours');
  const [realRun, oursRun] = await Promise.allSettled([runOracle(real.dir), runOracle(ours.dir)]);
  await Promise.all([real.stop(), ours.stop()]);
  if (realRun.status === 'rejected') throw new Error(`${String(realRun.reason)}\n--- supervisord stderr ---\n${real.stderr()}`);
  if (oursRun.status === 'rejected') throw new Error(`${String(oursRun.reason)}\n--- tssupervisord stderr ---\n${ours.stderr()}`);
  return { real: realRun.value, ours: oursRun.value, daemons: [real, ours] };
}

test('every supervisor.* and system.* method answers as supervisord 4.2.5 does', { timeout: 300_000 }, async (t) => {
  if (!existsSync(SUPERVISORD)) {
    t.skip('supervisord 4.2.5 is not installed (/usr/bin/supervisord)');
    return;
  }
  const { real, ours, daemons } = await runBoth();
  try {
    assert.deepEqual(ours.steps.map(([label]) => label), real.steps.map(([label]) => label), 'the same calls ran on both');
    const seen = new Set<string>();
    for (const [i, [label, expected]] of real.steps.entries()) {
      const actual = ours.steps[i]?.[1];
      const known = KNOWN_DIFFERENCES[label];
      if (known) {
        seen.add(label);
        assert.deepEqual(expected, known.supervisord, `${label}: supervisord's answer changed`);
        assert.deepEqual(actual, known.ours, `${label}: our answer changed`);
        continue;
      }
      assert.deepEqual(actual, expected, `step ${i}: ${label}`);
    }
    assert.deepEqual([...seen].sort(), Object.keys(KNOWN_DIFFERENCES).sort(), 'every known difference was exercised');
    assert.ok(real.steps.length > 200, `the sequence ran to its end (${real.steps.length} steps)`);
  } finally {
    // Both daemons shut down at the end of the script; none of their children may outlive them.
    const survivors = await waitGone([...real.pids, ...ours.pids]);
    for (const d of daemons) removeDir(d.dir);
    assert.deepEqual(survivors, [], 'children still alive after their daemon exited');
  }
});

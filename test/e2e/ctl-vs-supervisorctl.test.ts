// The same command lines through real supervisorctl and through bin/tssupervisorctl against the same real
// supervisord: stdout, stderr and exit status must be identical after normalisation.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { describeDifferences, runCrossCheck } from '../helpers/ctl-crosscheck.js';
import { SUPERVISORD, startOracleDaemon } from '../helpers/ctl-oracle-daemon.js';
import { binDir } from '../helpers/paths.js';

const CANDIDATE = [process.execPath, path.join(binDir, 'tssupervisorctl')];

test('tssupervisorctl prints what supervisorctl prints, for every action', { timeout: 600_000 }, async (t) => {
  if (!existsSync(SUPERVISORD)) {
    t.skip('supervisord not installed');
    return;
  }
  const daemon = await startOracleDaemon();
  try {
    const outcomes = await runCrossCheck({
      serverUrl: daemon.serverUrl,
      configFile: daemon.configFile,
      configVariants: daemon.variants,
      authUrl: daemon.authUrl,
      tmpDir: daemon.dir,
      candidate: CANDIDATE,
      settle: daemon.settle,
    });
    t.diagnostic(`${outcomes.length} command lines compared`);
    assert.equal(outcomes.filter((o) => !o.same).length, 0, describeDifferences(outcomes));
  } finally {
    await daemon.stop();
  }
});

// The cross-check, three ways: real supervisorctl against real supervisord, real supervisorctl
// against tssupervisord, and tssupervisorctl against tssupervisord run the same scripted sequence (every
// action, error cases, a config edit then reread/update/add/remove); outputs and exit codes must be
// identical after normalising pids, times and temp paths.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { describeDifferences, runCrossCheck, type StepOutcome } from '../helpers/ctl-crosscheck.js';
import { SUPERVISORD, startOracleDaemon } from '../helpers/ctl-oracle-daemon.js';
import { binDir } from '../helpers/paths.js';
import { VERSION } from '../../src/version.js';

const OUR_CTL = [process.execPath, path.join(binDir, 'tssupervisorctl')];
const OUR_DAEMON = [process.execPath, path.join(binDir, 'tssupervisord')];

async function crossCheckOn(daemon: readonly string[]): Promise<StepOutcome[]> {
  const d = await startOracleDaemon(daemon);
  try {
    return await runCrossCheck({
      serverUrl: d.serverUrl,
      configFile: d.configFile,
      configVariants: d.variants,
      authUrl: d.authUrl,
      tmpDir: d.dir,
      candidate: OUR_CTL,
      settle: d.settle,
    });
  } finally {
    await d.stop();
  }
}

/**
 * What may differ between the two daemons, on purpose: the version (getSupervisorVersion is ours), the
 * CANT_REREAD detail (our config errors name file:line), and the main log's own lines (times and pids).
 */
function comparable(step: StepOutcome['step'], r: StepOutcome['oracle']): StepOutcome['oracle'] {
  const stdout = r.stdout
    .replaceAll(VERSION, '<version>')
    .replaceAll('4.2.5', '<version>')
    .replace(/["']?CANT_REREAD: [^\n]*/g, 'CANT_REREAD: <config error>');
  return step.line.startsWith('maintail') ? { ...r, stdout: '<main log>' } : { ...r, stdout };
}

test('supervisorctl→supervisord, supervisorctl→tssupervisord and tssupervisorctl→tssupervisord agree', { timeout: 900_000 }, async (t) => {
  if (!existsSync(SUPERVISORD)) return t.skip('supervisord is not installed (apt-get install -y supervisor): the oracle is missing');
  const [onTheirs, onOurs] = await Promise.all([crossCheckOn([SUPERVISORD]), crossCheckOn(OUR_DAEMON)]);
  t.diagnostic(`${onOurs.length} command lines, each run three ways`);
  // tssupervisorctl against tssupervisord prints what real supervisorctl prints against tssupervisord …
  assert.equal(onOurs.filter((o) => !o.same).length, 0, describeDifferences(onOurs));
  // … and real supervisorctl sees the same from tssupervisord as from supervisord.
  const daemonDiffs = onTheirs
    .map((theirs, i) => ({ theirs: comparable(theirs.step, theirs.oracle), ours: comparable(theirs.step, onOurs[i]!.oracle), step: theirs.step }))
    .filter(({ theirs, ours }) => JSON.stringify(theirs) !== JSON.stringify(ours));
  assert.deepEqual(
    daemonDiffs.map(({ step, ours }) => ({ step: step.line, ours })),
    daemonDiffs.map(({ step, theirs }) => ({ step: step.line, ours: theirs })),
  );
  // And, as a by-product, tssupervisorctl against real supervisord.
  assert.equal(onTheirs.filter((o) => !o.same).length, 0, describeDifferences(onTheirs));
});

// `restart name…|group:*|all [--json]`: exactly `stop` then `start` with the same names (no config reread).
// `restart --rolling` (ours) is restart-rolling.ts.

import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { ActionReport, takeJsonFlag } from '../json-output.js';
import { ROLLING_FLAG, restartRolling } from './restart-rolling.js';
import { startNames } from './start.js';
import { stopNames } from './stop.js';

export const restart: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const { json, words: all } = takeJsonFlag(arg);
  const words = all.filter((w) => w !== ROLLING_FLAG);
  if (words.length !== all.length) {
    const report = new ActionReport(ctl, json);
    await restartRolling(ctl, words, report);
    report.flush();
    return;
  }
  if (words.length === 0) {
    ctl.output('Error: restart requires a process name');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('restart');
    return;
  }
  const report = new ActionReport(ctl, json);
  await stopNames(ctl, words, report);
  await startNames(ctl, words, report);
  report.flush();
};

// `reread`: re-read the daemon's config and show what changed, without applying it.

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { formatChanges } from '../format.js';
import { isFault } from '../py-text.js';

export type ReloadResult = [[string[], string[], string[]]];

export const reread: Handler = async (ctl, arg) => {
  if (arg !== '') {
    ctl.output('Error: reread accepts no arguments');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('reread');
    return;
  }
  let result: ReloadResult;
  try {
    result = await ctl.call<ReloadResult>('supervisor.reloadConfig');
  } catch (err) {
    if (!isFault(err)) throw err;
    ctl.exitStatus = ExitCodes.GENERIC;
    if (err.code === FaultCodes.SHUTDOWN_STATE) ctl.output('ERROR: supervisor shutting down');
    else if (err.code === FaultCodes.CANT_REREAD) ctl.output(`ERROR: ${err.faultString}`);
    else throw err;
    return;
  }
  const [added, changed, removed] = result[0];
  for (const line of formatChanges(added, changed, removed)) ctl.output(line);
};

// `version`: the remote supervisord's version.

import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';

export const version: Handler = async (ctl, arg) => {
  if (arg !== '') {
    ctl.output('Error: version accepts no arguments');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('version');
    return;
  }
  if (!(await ctl.upcheck())) return;
  ctl.output(String(await ctl.call<string>('supervisor.getSupervisorVersion')));
};

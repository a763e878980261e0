// `avail [--json]`: every process of the (last read) configuration, in use or not.

import { FaultCodes } from '../../core/faults.js';
import { makeNamespec } from '../../core/names.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { formatConfigInfo, type ConfigInfo } from '../format.js';
import { takeJsonFlag } from '../json-output.js';
import { isFault } from '../py-text.js';

export const avail: Handler = async (ctl, arg) => {
  const { json, words } = takeJsonFlag(arg);
  if (words.length > 0) {
    ctl.output('Error: avail accepts no arguments');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('avail');
    return;
  }
  let infos: ConfigInfo[];
  try {
    infos = await ctl.call<ConfigInfo[]>('supervisor.getAllConfigInfo');
  } catch (err) {
    if (!isFault(err)) throw err;
    ctl.exitStatus = ExitCodes.GENERIC;
    if (err.code !== FaultCodes.SHUTDOWN_STATE) throw err;
    ctl.output('ERROR: supervisor shutting down');
    return;
  }
  if (json) {
    ctl.output(JSON.stringify(infos.map((info) => ({ namespec: makeNamespec(info.group, info.name), ...info })), null, 2));
    return;
  }
  for (const info of infos) ctl.output(formatConfigInfo(info));
};

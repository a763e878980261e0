// `maintail [-f|-N]`: the end of supervisord's own log.

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { follow } from '../follow.js';
import { splitWords } from '../json-output.js';
import { isFault } from '../py-text.js';

export const maintail: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const args = splitWords(arg);
  let bytes = 1600;
  if (args.length > 1) {
    ctl.output('Error: too many arguments');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('maintail');
    return;
  }
  if (args.length === 1) {
    const word = args[0]!;
    const what = word.slice(1);
    if (word.startsWith('-') && what === 'f') {
      ctl.output('==> Press Ctrl-C to exit <==');
      await follow(ctl, [{ path: '/mainlogtail', prefix: null }]);
      return;
    }
    if (!word.startsWith('-') || !/^\s*[-+]?\d+(_\d+)*\s*$/.test(what)) {
      ctl.output(`Error: bad argument ${word}`);
      ctl.exitStatus = ExitCodes.GENERIC;
      return;
    }
    bytes = Number(what.replaceAll('_', ''));
  }
  try {
    ctl.output(await ctl.call<string>('supervisor.readLog', -bytes, 0));
  } catch (err) {
    if (!isFault(err)) throw err;
    ctl.exitStatus = ExitCodes.GENERIC;
    if (err.code === FaultCodes.NO_FILE) ctl.output('supervisord: ERROR (no log file)');
    else if (err.code === FaultCodes.FAILED) ctl.output('supervisord: ERROR (unknown error reading log)');
    else throw err;
  }
};

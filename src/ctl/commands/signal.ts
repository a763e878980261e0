// `signal SIG name…|group:*|all`: every fault but SUCCESS counts (NOT_RUNNING gives 7).

import { FaultCodes } from '../../core/faults.js';
import { makeNamespec, parseNamespec } from '../../core/names.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { formatSignalResult, type ProcessResult } from '../format.js';
import { splitWords } from '../json-output.js';
import { isFault } from '../py-text.js';

export const signal: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const words = splitWords(arg);
  if (words.length < 2) {
    ctl.output('Error: signal requires a signal name and a process name');
    ctl.printHelp('signal');
    ctl.exitStatus = ExitCodes.GENERIC;
    return;
  }
  const [sig, ...names] = words as [string, ...string[]];
  const show = (results: readonly ProcessResult[]): void => {
    for (const result of results) {
      ctl.output(formatSignalResult(result));
      ctl.setExitStatusFromFault(result.status);
    }
  };
  if (names.includes('all')) {
    show(await ctl.call<ProcessResult[]>('supervisor.signalAllProcesses', sig));
    return;
  }
  for (const name of names) {
    const { group, process } = parseNamespec(name);
    if (process === null) {
      try {
        show(await ctl.call<ProcessResult[]>('supervisor.signalProcessGroup', group, sig));
      } catch (err) {
        if (!isFault(err) || err.code !== FaultCodes.BAD_NAME) throw err;
        ctl.output(`${group}: ERROR (no such group)`);
        ctl.exitStatus = ExitCodes.GENERIC;
      }
      continue;
    }
    try {
      await ctl.call('supervisor.signalProcess', name, sig);
      ctl.output(`${makeNamespec(group, process)}: signalled`);
    } catch (err) {
      if (!isFault(err)) throw err;
      ctl.output(formatSignalResult({ status: err.code, name: process, group, description: err.faultString }));
      ctl.setExitStatusFromFault(err.code);
    }
  }
};

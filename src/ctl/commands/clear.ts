// `clear name…|all`: truncate process logs.

import { parseNamespec } from '../../core/names.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { formatClearResult, type ProcessResult } from '../format.js';
import { splitWords } from '../json-output.js';
import { isFault } from '../py-text.js';

export const clear: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const names = splitWords(arg);
  if (names.length === 0) {
    ctl.output('Error: clear requires a process name');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('clear');
    return;
  }
  if (names.includes('all')) {
    for (const result of await ctl.call<ProcessResult[]>('supervisor.clearAllProcessLogs')) {
      ctl.output(formatClearResult(result));
      ctl.setExitStatusFromFault(result.status);
    }
    return;
  }
  for (const name of names) {
    const { group, process } = parseNamespec(name);
    try {
      await ctl.call('supervisor.clearProcessLogs', name);
      ctl.output(formatClearResult({ name: process, group, status: 80, description: 'OK' }));
    } catch (err) {
      if (!isFault(err)) throw err;
      ctl.output(formatClearResult({ name: process, group, status: err.code, description: err.faultString }));
      ctl.setExitStatusFromFault(err.code);
    }
  }
};

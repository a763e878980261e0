// `stop name…|group:*|all [--json]`: NOT_RUNNING leaves the exit status alone; an unknown group gives 1.

import { FaultCodes } from '../../core/faults.js';
import { makeNamespec, parseNamespec } from '../../core/names.js';
import type { Handler } from '../commands.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import { formatStopResult, type ProcessResult } from '../format.js';
import { ActionReport, takeJsonFlag } from '../json-output.js';
import { isFault } from '../py-text.js';
import { groupFault, success } from './start.js';

export const stop: Handler = async (ctl, arg) => {
  const { json, words } = takeJsonFlag(arg);
  const report = new ActionReport(ctl, json);
  await stopNames(ctl, words, report);
  report.flush();
};

export async function stopNames(ctl: Controller, names: readonly string[], report: ActionReport): Promise<void> {
  if (!(await ctl.upcheck())) return;
  if (names.length === 0) {
    ctl.output('Error: stop requires a process name');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('stop');
    return;
  }
  const show = (results: readonly ProcessResult[]): void => {
    for (const result of results) {
      report.add('stop', result, formatStopResult(result));
      ctl.setExitStatusFromFault(result.status, FaultCodes.NOT_RUNNING);
    }
  };
  if (names.includes('all')) {
    show(await ctl.call<ProcessResult[]>('supervisor.stopAllProcesses'));
    return;
  }
  for (const name of names) {
    const { group, process } = parseNamespec(name);
    if (process === null) {
      try {
        show(await ctl.call<ProcessResult[]>('supervisor.stopProcessGroup', group));
      } catch (err) {
        ctl.exitStatus = ExitCodes.GENERIC;
        if (!isFault(err) || err.code !== FaultCodes.BAD_NAME) throw err;
        report.add('stop', groupFault(group, err), `${group}: ERROR (no such group)`);
      }
      continue;
    }
    try {
      await ctl.call('supervisor.stopProcess', name);
      report.add('stop', success(group, process), `${makeNamespec(group, process)}: stopped`);
    } catch (err) {
      if (!isFault(err)) throw err;
      const result = { status: err.code, name: process, group, description: err.faultString };
      report.add('stop', result, formatStopResult(result));
      ctl.setExitStatusFromFault(err.code, FaultCodes.NOT_RUNNING);
    }
  }
}

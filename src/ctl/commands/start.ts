// `start name…|group:*|all [--json]`: ALREADY_STARTED leaves the exit status alone, dead-program faults give 7,
// an unknown group gives 2.

import { Fault, FaultCodes } from '../../core/faults.js';
import { makeNamespec, parseNamespec } from '../../core/names.js';
import type { Handler } from '../commands.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import { formatStartResult, type ProcessResult } from '../format.js';
import { ActionReport, takeJsonFlag } from '../json-output.js';
import { isFault } from '../py-text.js';

export const start: Handler = async (ctl, arg) => {
  const { json, words } = takeJsonFlag(arg);
  const report = new ActionReport(ctl, json);
  await startNames(ctl, words, report);
  report.flush();
};

export async function startNames(ctl: Controller, names: readonly string[], report: ActionReport): Promise<void> {
  if (!(await ctl.upcheck())) return;
  if (names.length === 0) {
    ctl.output('Error: start requires a process name');
    ctl.exitStatus = ExitCodes.INVALID_ARGS;
    ctl.printHelp('start');
    return;
  }
  const show = (results: readonly ProcessResult[]): void => {
    for (const result of results) {
      report.add('start', result, formatStartResult(result));
      ctl.setExitStatusFromFault(result.status, FaultCodes.ALREADY_STARTED);
    }
  };
  if (names.includes('all')) {
    show(await ctl.call<ProcessResult[]>('supervisor.startAllProcesses'));
    return;
  }
  for (const name of names) {
    const { group, process } = parseNamespec(name);
    if (process === null) {
      try {
        show(await ctl.call<ProcessResult[]>('supervisor.startProcessGroup', group));
      } catch (err) {
        if (!isFault(err) || err.code !== FaultCodes.BAD_NAME) {
          ctl.exitStatus = ExitCodes.GENERIC;
          throw err;
        }
        report.add('start', groupFault(group, err), `${group}: ERROR (no such group)`);
        ctl.exitStatus = ExitCodes.INVALID_ARGS;
      }
      continue;
    }
    try {
      await ctl.call('supervisor.startProcess', name);
      report.add('start', success(group, process), `${makeNamespec(group, process)}: started`);
    } catch (err) {
      if (!isFault(err)) throw err;
      const result = { status: err.code, name: process, group, description: err.faultString };
      report.add('start', result, formatStartResult(result));
      ctl.setExitStatusFromFault(err.code, FaultCodes.ALREADY_STARTED);
    }
  }
}

export function success(group: string, name: string): ProcessResult {
  return { name, group, status: FaultCodes.SUCCESS, description: 'OK' };
}

export function groupFault(group: string, err: Fault | { code: number; faultString: string }): ProcessResult {
  return { name: null, group, status: err.code, description: err.faultString };
}

// `start` and `stop` are the same walk over names (all / group:* / single) with supervisorctl's per-verb
// policies: which fault leaves the exit status alone, and which status a missing name or group gives.

import { FaultCodes } from '../../core/faults.js';
import { makeNamespec, parseNamespec } from '../../core/names.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import type { ProcessResult } from '../format.js';
import type { ActionReport } from '../json-output.js';
import { isFault } from '../py-text.js';

export interface ActionSpec {
  readonly verb: 'start' | 'stop';
  /** `<name>: started` / `<name>: stopped`. */
  readonly done: string;
  readonly methods: { readonly all: string; readonly group: string; readonly one: string };
  /** The fault that does not change the exit status (ALREADY_STARTED / NOT_RUNNING). */
  readonly ignoredFault: number;
  readonly noNameStatus: number;
  readonly noGroupStatus: number;
  readonly format: (result: ProcessResult) => string;
}

export function success(group: string, name: string): ProcessResult {
  return { name, group, status: FaultCodes.SUCCESS, description: 'OK' };
}

export function groupFault(group: string, err: { code: number; faultString: string }): ProcessResult {
  return { name: null, group, status: err.code, description: err.faultString };
}

export async function runProcessAction(spec: ActionSpec, ctl: Controller, names: readonly string[], report: ActionReport): Promise<void> {
  if (!(await ctl.upcheck())) return;
  if (names.length === 0) {
    ctl.output(`Error: ${spec.verb} requires a process name`);
    ctl.exitStatus = spec.noNameStatus;
    ctl.printHelp(spec.verb);
    return;
  }
  const show = (results: readonly ProcessResult[]): void => {
    for (const result of results) {
      report.add(spec.verb, result, spec.format(result));
      ctl.setExitStatusFromFault(result.status, spec.ignoredFault);
    }
  };
  if (names.includes('all')) {
    show(await ctl.call<ProcessResult[]>(spec.methods.all));
    return;
  }
  for (const name of names) {
    const { group, process } = parseNamespec(name);
    if (process === null) {
      try {
        show(await ctl.call<ProcessResult[]>(spec.methods.group, group));
      } catch (err) {
        ctl.exitStatus = ExitCodes.GENERIC;
        if (!isFault(err) || err.code !== FaultCodes.BAD_NAME) throw err;
        report.add(spec.verb, groupFault(group, err), `${group}: ERROR (no such group)`);
        ctl.exitStatus = spec.noGroupStatus;
      }
      continue;
    }
    try {
      await ctl.call(spec.methods.one, name);
      report.add(spec.verb, success(group, process), `${makeNamespec(group, process)}: ${spec.done}`);
    } catch (err) {
      if (!isFault(err)) throw err;
      const result = { status: err.code, name: process, group, description: err.faultString };
      report.add(spec.verb, result, spec.format(result));
      ctl.setExitStatusFromFault(err.code, spec.ignoredFault);
    }
  }
}

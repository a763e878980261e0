// `restart --rolling <group>|<group>:* … [--json]` (ours): tssupervisor.restartRolling per name, printed
// as supervisorctl's restart lines (`app:app_1: stopped`, `app:app_1: started`), one process after the
// other. A process that does not come back ends that group's roll with exit status 7 (as a failed start).

import { FaultCodes } from '../../core/faults.js';
import { makeNamespec, parseNamespec } from '../../core/names.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import { formatStartResult, formatStopResult, type ProcessResult } from '../format.js';
import { EXTRA_HELP_TEXTS } from '../help-texts.js';
import type { ActionReport } from '../json-output.js';
import { isFault } from '../py-text.js';
import { groupFault } from './process-action.js';

export const ROLLING_FLAG = '--rolling';
export const ROLLING_HELP_TOPIC = 'restart --rolling';
export const ROLLING_METHOD = 'tssupervisor.restartRolling';

interface RollStep extends ProcessResult {
  readonly name: string;
  readonly action: 'stop' | 'start';
}

export async function restartRolling(ctl: Controller, names: readonly string[], report: ActionReport): Promise<void> {
  if (names.length === 0) {
    ctl.output('Error: restart --rolling requires a group name');
    ctl.exitStatus = ExitCodes.GENERIC;
    for (const line of EXTRA_HELP_TEXTS[ROLLING_HELP_TOPIC] ?? []) ctl.output(line);
    return;
  }
  for (const name of names) {
    let steps: RollStep[];
    try {
      steps = await ctl.call<RollStep[]>(ROLLING_METHOD, name);
    } catch (err) {
      if (!isFault(err)) throw err;
      ctl.exitStatus = ExitCodes.GENERIC;
      const group = parseNamespec(name).group;
      if (err.code === FaultCodes.UNKNOWN_METHOD) {
        report.add('restart', groupFault(group, err), `${name}: ERROR (this server has no rolling restart: ${ROLLING_METHOD} is tssupervisord's)`);
        return;
      }
      const line = err.code === FaultCodes.BAD_NAME ? `${name}: ERROR (no such group)` : `${name}: ERROR (${err.faultString})`;
      report.add('restart', groupFault(group, err), line);
      continue;
    }
    for (const step of steps) {
      report.add(step.action, step, formatStep(step));
      ctl.setExitStatusFromFault(step.status);
    }
  }
}

/** supervisorctl's stop/start lines; a fault those have no words for prints its fault string. */
function formatStep(step: RollStep): string {
  try {
    return step.action === 'stop' ? formatStopResult(step) : formatStartResult(step);
  } catch {
    return `${makeNamespec(step.group, step.name)}: ERROR (${step.description})`;
  }
}

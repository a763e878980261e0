// `stop name…|group:*|all [--json]`: NOT_RUNNING leaves the exit status alone; no name and an unknown group give 1.

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import { formatStopResult } from '../format.js';
import { ActionReport, takeJsonFlag } from '../json-output.js';
import { runProcessAction, type ActionSpec } from './process-action.js';

const STOP: ActionSpec = {
  verb: 'stop',
  done: 'stopped',
  methods: { all: 'supervisor.stopAllProcesses', group: 'supervisor.stopProcessGroup', one: 'supervisor.stopProcess' },
  ignoredFault: FaultCodes.NOT_RUNNING,
  noNameStatus: ExitCodes.GENERIC,
  noGroupStatus: ExitCodes.GENERIC,
  format: formatStopResult,
};

export const stop: Handler = async (ctl, arg) => {
  const { json, words } = takeJsonFlag(arg);
  const report = new ActionReport(ctl, json);
  await stopNames(ctl, words, report);
  report.flush();
};

export const stopNames = (ctl: Controller, names: readonly string[], report: ActionReport): Promise<void> =>
  runProcessAction(STOP, ctl, names, report);

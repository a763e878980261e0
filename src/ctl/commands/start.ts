// `start name…|group:*|all [--json]`: ALREADY_STARTED leaves the exit status alone, dead-program faults give 7,
// no name and an unknown group give 2.

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import { formatStartResult } from '../format.js';
import { ActionReport, takeJsonFlag } from '../json-output.js';
import { runProcessAction, type ActionSpec } from './process-action.js';

const START: ActionSpec = {
  verb: 'start',
  done: 'started',
  methods: { all: 'supervisor.startAllProcesses', group: 'supervisor.startProcessGroup', one: 'supervisor.startProcess' },
  ignoredFault: FaultCodes.ALREADY_STARTED,
  noNameStatus: ExitCodes.INVALID_ARGS,
  noGroupStatus: ExitCodes.INVALID_ARGS,
  format: formatStartResult,
};

export const start: Handler = async (ctl, arg) => {
  const { json, words } = takeJsonFlag(arg);
  const report = new ActionReport(ctl, json);
  await startNames(ctl, words, report);
  report.flush();
};

export const startNames = (ctl: Controller, names: readonly string[], report: ActionReport): Promise<void> =>
  runProcessAction(START, ctl, names, report);

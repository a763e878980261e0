// `add group…` / `remove group…`: activate or drop groups of the last reread configuration.

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { splitWords } from '../json-output.js';
import { isFault } from '../py-text.js';

export const add: Handler = async (ctl, arg) => {
  for (const name of splitWords(arg)) {
    try {
      await ctl.call('supervisor.addProcessGroup', name);
      ctl.output(`${name}: added process group`);
    } catch (err) {
      if (!isFault(err)) throw err;
      if (err.code === FaultCodes.SHUTDOWN_STATE) {
        ctl.output('ERROR: shutting down');
        ctl.exitStatus = ExitCodes.GENERIC;
      } else if (err.code === FaultCodes.ALREADY_ADDED) {
        ctl.output('ERROR: process group already active');
      } else if (err.code === FaultCodes.BAD_NAME) {
        ctl.output(`ERROR: no such process/group: ${name}`);
        ctl.exitStatus = ExitCodes.GENERIC;
      } else {
        ctl.exitStatus = ExitCodes.GENERIC;
        throw err;
      }
    }
  }
};

export const remove: Handler = async (ctl, arg) => {
  for (const name of splitWords(arg)) {
    try {
      await ctl.call('supervisor.removeProcessGroup', name);
      ctl.output(`${name}: removed process group`);
    } catch (err) {
      if (!isFault(err)) throw err;
      ctl.exitStatus = ExitCodes.GENERIC;
      if (err.code === FaultCodes.STILL_RUNNING) ctl.output(`ERROR: process/group still running: ${name}`);
      else if (err.code === FaultCodes.BAD_NAME) ctl.output(`ERROR: no such process/group: ${name}`);
      else throw err;
    }
  }
};

// `reload` / `shutdown`: restart or stop the remote supervisord (asks first in interactive mode).

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import type { Controller } from '../controller.js';
import { eofError } from '../dispatch.js';
import { ExitCodes } from '../exit-codes.js';
import { isFault, isTransportError } from '../py-text.js';

async function confirmed(ctl: Controller, question: string): Promise<boolean> {
  if (!ctl.options.interactive) return true;
  const answer = await ctl.input.question(question);
  if (answer === null) throw eofError();
  return answer.toLowerCase().startsWith('y');
}

function rejectArguments(ctl: Controller, action: string, arg: string): boolean {
  if (arg === '') return false;
  ctl.output(`Error: ${action} accepts no arguments`);
  ctl.exitStatus = ExitCodes.GENERIC;
  ctl.printHelp(action);
  return true;
}

export const shutdown: Handler = async (ctl, arg) => {
  if (rejectArguments(ctl, 'shutdown', arg)) return;
  if (!(await confirmed(ctl, 'Really shut the remote supervisord process down y/N? '))) return;
  try {
    await ctl.call('supervisor.shutdown');
  } catch (err) {
    if (isFault(err)) {
      if (err.code === FaultCodes.SHUTDOWN_STATE) {
        ctl.output('ERROR: already shutting down');
        return;
      }
      ctl.exitStatus = ExitCodes.GENERIC;
      throw err;
    }
    if (isTransportError(err) && (err.kind === 'ECONNREFUSED' || err.kind === 'ENOENT')) {
      ctl.exitStatus = ExitCodes.GENERIC;
      const what = err.kind === 'ECONNREFUSED' ? 'refused connection' : 'no such file';
      ctl.output(`ERROR: ${ctl.options.serverUrl} ${what} (already shut down?)`);
      return;
    }
    if (isTransportError(err) && err.kind !== 'UNAUTHORIZED' && err.kind !== 'HTTP') ctl.exitStatus = ExitCodes.GENERIC;
    throw err;
  }
  ctl.output('Shut down');
};

export const reload: Handler = async (ctl, arg) => {
  if (rejectArguments(ctl, 'reload', arg)) return;
  if (!(await confirmed(ctl, 'Really restart the remote supervisord process y/N? '))) return;
  try {
    await ctl.call('supervisor.restart');
  } catch (err) {
    if (!isFault(err)) throw err;
    ctl.exitStatus = ExitCodes.GENERIC;
    if (err.code !== FaultCodes.SHUTDOWN_STATE) throw err;
    ctl.output('ERROR: already shutting down');
    return;
  }
  ctl.output('Restarted supervisord');
};

// `fg <process>`: show the process's stdout and stderr live and send every typed line to its stdin.

import { FaultCodes } from '../../core/faults.js';
import { ProcessStates } from '../../core/states.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { startFollowing } from '../follow.js';
import type { ProcessInfo } from '../format.js';
import { splitWords } from '../json-output.js';
import { isFault, pyRepr } from '../py-text.js';

export const fg: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const names = splitWords(arg);
  if (names.length === 0) {
    ctl.output('ERROR: no process name supplied');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('fg');
    return;
  }
  if (names.length > 1) {
    ctl.output('ERROR: too many process names supplied');
    ctl.exitStatus = ExitCodes.GENERIC;
    return;
  }
  const name = names[0]!;
  let info: ProcessInfo;
  try {
    info = await ctl.call<ProcessInfo>('supervisor.getProcessInfo', name);
  } catch (err) {
    if (!isFault(err)) throw err;
    if (err.code === FaultCodes.BAD_NAME) {
      ctl.output('ERROR: bad process name supplied');
      ctl.exitStatus = ExitCodes.GENERIC;
    } else {
      ctl.output(`ERROR: ${faultText(err)}`);
    }
    return;
  }
  if (info.state !== ProcessStates.RUNNING) {
    ctl.output('ERROR: process not running');
    ctl.exitStatus = ExitCodes.GENERIC;
    return;
  }
  ctl.output('==> Press Ctrl-C to exit <==');
  const output = startFollowing(
    ctl,
    ['stdout', 'stderr'].map((channel) => ({ path: `/logtail/${name}/${channel}`, prefix: null })),
  );
  let interrupted = false;
  let stopInput: () => void = () => {};
  const interruptedPromise = new Promise<null>((resolve) => (stopInput = () => resolve(null)));
  const unsubscribe = ctl.onInterrupt(() => {
    interrupted = true;
    stopInput();
  });
  try {
    for (;;) {
      const line = await Promise.race([ctl.input.question(''), interruptedPromise]);
      if (line === null || interrupted) break;
      try {
        await ctl.call('supervisor.sendProcessStdin', name, `${line}\n`);
      } catch (err) {
        if (!isFault(err)) throw err;
        ctl.output(err.code === FaultCodes.NOT_RUNNING ? 'Process got killed' : `ERROR: ${faultText(err)}`);
        ctl.output('Exiting foreground');
        return;
      }
      const now = await ctl.call<ProcessInfo>('supervisor.getProcessInfo', name);
      if (now.state !== ProcessStates.RUNNING) {
        ctl.output('Process got killed');
        ctl.output('Exiting foreground');
        return;
      }
    }
    ctl.output('Exiting foreground');
  } finally {
    unsubscribe();
    output.stop();
  }
};

/** Python's str() of an xmlrpc Fault. */
function faultText(err: { code: number; faultString: string }): string {
  return `<Fault ${err.code}: ${pyRepr(err.faultString)}>`;
}

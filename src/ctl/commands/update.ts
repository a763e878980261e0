// `update [all|group…]`: reread, then stop+remove vanished groups, restart changed ones, add new ones.

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import type { ProcessInfo, ProcessResult } from '../format.js';
import { splitWords } from '../json-output.js';
import { isFault } from '../py-text.js';
import type { ReloadResult } from './reread.js';

export const update: Handler = async (ctl, arg) => {
  let result: ReloadResult;
  try {
    result = await ctl.call<ReloadResult>('supervisor.reloadConfig');
  } catch (err) {
    ctl.exitStatus = ExitCodes.GENERIC;
    if (isFault(err) && err.code === FaultCodes.SHUTDOWN_STATE) {
      ctl.output('ERROR: already shutting down');
      return;
    }
    throw err;
  }
  const [added, changed, removed] = result[0];
  let wanted = new Set(splitWords(arg));
  if (wanted.has('all')) wanted = new Set();
  if (wanted.size > 0) {
    const known = new Set((await ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo')).map((i) => i.group));
    for (const name of added) known.add(name);
    for (const name of wanted) {
      if (known.has(name)) continue;
      ctl.output(`ERROR: no such group: ${name}`);
      ctl.exitStatus = ExitCodes.GENERIC;
    }
  }
  const selected = (name: string): boolean => wanted.size === 0 || wanted.has(name);

  for (const group of removed.filter(selected)) {
    const results = await ctl.call<ProcessResult[]>('supervisor.stopProcessGroup', group);
    ctl.output(`${group}: stopped`);
    if (results.some((r) => r.status === FaultCodes.FAILED)) {
      ctl.output(`${group}: has problems; not removing`);
      ctl.exitStatus = ExitCodes.GENERIC;
      continue;
    }
    await ctl.call('supervisor.removeProcessGroup', group);
    ctl.output(`${group}: removed process group`);
  }
  for (const group of changed.filter(selected)) {
    await ctl.call('supervisor.stopProcessGroup', group);
    ctl.output(`${group}: stopped`);
    await ctl.call('supervisor.removeProcessGroup', group);
    await ctl.call('supervisor.addProcessGroup', group);
    ctl.output(`${group}: updated process group`);
  }
  for (const group of added.filter(selected)) {
    await ctl.call('supervisor.addProcessGroup', group);
    ctl.output(`${group}: added process group`);
  }
};

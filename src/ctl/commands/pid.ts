// `pid [name…|all] [--json]`: supervisord's pid, or each process's (0 when not running: exit 7).

import { FaultCodes } from '../../core/faults.js';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import type { ProcessInfo } from '../format.js';
import { takeJsonFlag } from '../json-output.js';
import { isFault } from '../py-text.js';

export const pid: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const { json, words: names } = takeJsonFlag(arg);
  if (names.length === 0) {
    const value = await ctl.call<number>('supervisor.getPID');
    ctl.output(json ? JSON.stringify({ supervisord: value }) : String(value));
    return;
  }
  const records: Array<{ namespec: string; pid: number | null; error?: string }> = [];
  if (names.includes('all')) {
    for (const info of await ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo')) {
      if (json) records.push({ namespec: info.group === info.name ? info.name : `${info.group}:${info.name}`, pid: info.pid });
      else ctl.output(String(info.pid));
    }
  } else {
    for (const name of names) {
      try {
        const info = await ctl.call<ProcessInfo>('supervisor.getProcessInfo', name);
        if (json) records.push({ namespec: name, pid: info.pid });
        else ctl.output(String(info.pid));
        if (info.pid === 0) ctl.exitStatus = ExitCodes.NOT_RUNNING;
      } catch (err) {
        if (!isFault(err)) throw err;
        ctl.exitStatus = ExitCodes.GENERIC;
        if (err.code !== FaultCodes.BAD_NAME) throw err;
        if (json) records.push({ namespec: name, pid: null, error: 'no such process' });
        else ctl.output(`No such process ${name}`);
      }
    }
  }
  if (json) ctl.output(JSON.stringify(records, null, 2));
};

// `status [name…|all] [--json]`: the process table, exit 3 when a shown process is not running,
// 4 for unknown names or an unreachable server.

import { makeNamespec, parseNamespec } from '../../core/names.js';
import { ProcessStates } from '../../core/states.js';
import type { Handler } from '../commands.js';
import { UPCHECK_FAILED, type Controller } from '../controller.js';
import { StatusExitCodes } from '../exit-codes.js';
import { formatStatusLines, type ProcessInfo } from '../format.js';
import { takeJsonFlag } from '../json-output.js';

const NOT_RUNNING_CODES: ReadonlySet<number> = new Set([
  ProcessStates.STOPPED,
  ProcessStates.EXITED,
  ProcessStates.FATAL,
  ProcessStates.UNKNOWN,
]);

export const status: Handler = async (ctl, arg) => {
  const { json, words } = takeJsonFlag(arg);
  await showStatus(ctl, words, json);
};

export async function showStatus(ctl: Controller, names: readonly string[], json = false): Promise<void> {
  // The upcheck and the call travel in one request: `status` is the command people time.
  const all = await ctl.upcheckThenCall<ProcessInfo[]>('supervisor.getAllProcessInfo');
  if (all === UPCHECK_FAILED) {
    ctl.exitStatus = StatusExitCodes.UNKNOWN;
    return;
  }
  const { matches, errors } = selectProcesses(all, names);
  if (errors.length > 0) ctl.exitStatus = StatusExitCodes.UNKNOWN;
  if (json) {
    ctl.output(JSON.stringify({ processes: matches.map(toJson), errors }, null, 2));
  } else {
    for (const error of errors) ctl.output(`${error.name}: ERROR (${error.error})`);
    // One write for the table: a hundred lines cost a hundred syscalls otherwise.
    const lines = formatStatusLines(matches);
    if (lines.length > 0) ctl.output(lines.join('\n'));
  }
  if (matches.some((info) => NOT_RUNNING_CODES.has(info.state))) ctl.exitStatus = StatusExitCodes.NOT_RUNNING;
}

export interface Selection {
  readonly matches: ProcessInfo[];
  readonly errors: Array<{ name: string; error: 'no such process' | 'no such group' }>;
}

/** Names are matched in the order given (duplicates repeat rows); `all` or no names selects everything. */
export function selectProcesses(all: readonly ProcessInfo[], names: readonly string[]): Selection {
  if (names.length === 0 || names.includes('all')) return { matches: [...all], errors: [] };
  const matches: ProcessInfo[] = [];
  const errors: Selection['errors'] = [];
  for (const name of names) {
    const { group, process } = parseNamespec(name);
    const found = all.filter((info) => info.group === group && (process === null || info.name === process));
    if (found.length > 0) matches.push(...found);
    else if (process === null) errors.push({ name: group, error: 'no such group' });
    else errors.push({ name, error: 'no such process' });
  }
  return { matches, errors };
}

function toJson(info: ProcessInfo): Record<string, unknown> {
  return { namespec: makeNamespec(info.group, info.name), ...info };
}

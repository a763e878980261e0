// Carries out the reducer's `control` effects through the daemon's API and words the outcome the way
// supervisorctl does (`web: started`, `web: ERROR (spawn error)`), for the footer.

import { formatSignalResult, formatStartResult, formatStopResult, type ProcessResult } from '../ctl/format.js';
import { Fault } from '../core/faults.js';
import { parseNamespec } from '../core/names.js';
import type { Operation, Target } from './model/types.js';

type Call = <T>(method: string, params: readonly unknown[]) => Promise<T>;
type Formatter = (result: ProcessResult) => string;

const FORMATTERS: Record<Operation, Formatter> = {
  start: formatStartResult,
  stop: formatStopResult,
  restart: formatStartResult,
  signal: (r) => formatSignalResult(r),
};

function word(format: Formatter, result: ProcessResult): string {
  try {
    return format(result);
  } catch {
    return `${result.group}: ERROR (${result.description})`;
  }
}

/** One process: the call's fault becomes a result with the fault's code, as supervisorctl prints it. */
async function single(call: Call, method: string, params: unknown[], namespec: string, format: Formatter, success: string): Promise<string> {
  const { group, process } = parseNamespec(namespec);
  try {
    await call(method, params);
    return `${namespec}: ${success}`;
  } catch (err) {
    if (!(err instanceof Fault)) throw err;
    return word(format, { name: process, group, status: err.code, description: err.faultString });
  }
}

async function many(call: Call, method: string, params: unknown[], format: Formatter, empty: string): Promise<string> {
  const results = await call<ProcessResult[]>(method, params);
  return results.length === 0 ? empty : results.map((r) => word(format, r)).join('\n');
}

async function runOnce(call: Call, op: Exclude<Operation, 'restart'>, target: Target, signal: string): Promise<string> {
  const format = FORMATTERS[op];
  if (target.kind === 'process') {
    const params: unknown[] = op === 'signal' ? [target.namespec, signal] : [target.namespec, true];
    return single(call, `supervisor.${op}Process`, params, target.namespec, format, op === 'signal' ? 'signalled' : `${op === 'start' ? 'started' : 'stopped'}`);
  }
  if (target.kind === 'group') {
    const params: unknown[] = op === 'signal' ? [target.group, signal] : [target.group, true];
    return many(call, `supervisor.${op}ProcessGroup`, params, format, `${target.group}: nothing to ${op}`);
  }
  return many(call, `supervisor.${op}AllProcesses`, op === 'signal' ? [signal] : [true], format, `nothing to ${op}`);
}

/** The footer text for an operation; `error` when any part of it failed. */
export async function runControl(call: Call, op: Operation, target: Target, signal = 'TERM'): Promise<{ text: string; error: boolean }> {
  let text: string;
  try {
    if (op === 'restart') {
      // supervisorctl restart: stop (what is not running is fine), then start.
      const stopped = await runOnce(call, 'stop', target, signal);
      const started = await runOnce(call, 'start', target, signal);
      const stopLines = stopped.split('\n').filter((line) => !line.includes('(not running)'));
      text = [...stopLines, started].filter((line) => line !== '').join('\n');
    } else {
      text = await runOnce(call, op, target, signal);
    }
  } catch (err) {
    const name = target.kind === 'process' ? target.namespec : target.kind === 'group' ? target.group : 'all';
    return { text: `${name}: ERROR (${err instanceof Error ? err.message : String(err)})`, error: true };
  }
  return { text, error: /ERROR|abnormal/i.test(text) };
}

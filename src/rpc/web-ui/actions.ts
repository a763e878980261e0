// The web UI's `?action=…` (reference §4.10): each runs through the same method table as XML-RPC and ends
// in the message the page is redirected to, with supervisord's exact words (scripts and habits read them).

import { Fault, FaultCodes } from '../../core/faults.js';
import { parseNamespec } from '../../core/names.js';
import { pyCtime } from './text.js';

/** Calls a method of the control plane; a fault is thrown as Fault. */
export type Call = (method: string, params: readonly unknown[]) => Promise<unknown>;

/** An action supervisord's web UI does not know (it answers 500). */
export class UnknownAction extends Error {
  constructor(action: string) {
    super(`unknown web UI action ${JSON.stringify(action)}`);
    this.name = 'UnknownAction';
  }
}

const START_FAULT_WORDS: ReadonlyMap<number, string> = new Map([
  [FaultCodes.NO_FILE, 'no such file'],
  [FaultCodes.NOT_EXECUTABLE, 'file not executable'],
  [FaultCodes.ALREADY_STARTED, 'already started'],
  [FaultCodes.SPAWN_ERROR, 'spawn error'],
  [FaultCodes.ABNORMAL_TERMINATION, 'abnormal termination'],
]);

function unexpected(fault: Fault): string {
  return `unexpected rpc fault [${fault.code}] ${fault.faultString}`;
}

/** Runs `call`; a fault becomes `onFault(fault)`'s text, anything else propagates (500). */
async function attempt(call: () => Promise<unknown>, done: string, onFault: (fault: Fault) => string): Promise<string> {
  try {
    await call();
  } catch (err) {
    if (err instanceof Fault) return onFault(err);
    throw err;
  }
  return done;
}

async function processExists(call: Call, namespec: string): Promise<boolean> {
  const { group, process } = parseNamespec(namespec);
  if (process === null) return false;
  const infos = (await call('supervisor.getAllProcessInfo', [])) as ReadonlyArray<{ group: string; name: string }>;
  return infos.some((info) => info.group === group && info.name === process);
}

/** The message for an action, once it has completed. Throws UnknownAction where supervisord answers 500. */
export async function runAction(call: Call, action: string, namespec: string | undefined): Promise<string> {
  switch (action) {
    case 'refresh':
      return `Page refreshed at ${pyCtime()}`;
    case 'stopall':
      await call('supervisor.stopAllProcesses', []);
      return `All stopped at ${pyCtime()}`;
    case 'restartall':
      await call('system.multicall', [[{ methodName: 'supervisor.stopAllProcesses' }, { methodName: 'supervisor.startAllProcesses' }]]);
      return `All restarted at ${pyCtime()}`;
  }
  if (namespec === undefined) throw new UnknownAction(action);
  // The name is checked before the action, so `?processname=nosuch&action=bogus` reads "No such process".
  if (!(await processExists(call, namespec))) return `No such process named ${namespec}`;
  switch (action) {
    case 'start':
      return attempt(() => call('supervisor.startProcess', [namespec, true]), `Process ${namespec} started`, (fault) =>
        `ERROR: Process ${namespec}: ${START_FAULT_WORDS.get(fault.code) ?? unexpected(fault)}`);
    case 'stop':
      return attempt(() => call('supervisor.stopProcess', [namespec, true]), `Process ${namespec} stopped`, unexpected);
    case 'restart':
      // Like supervisord: one multicall, whose per-call faults (e.g. stopping a stopped process) are not reported.
      await call('system.multicall', [[
        { methodName: 'supervisor.stopProcess', params: [namespec] },
        { methodName: 'supervisor.startProcess', params: [namespec] },
      ]]);
      return `Process ${namespec} restarted`;
    case 'clearlog':
      return attempt(() => call('supervisor.clearProcessLogs', [namespec]), `Log for ${namespec} cleared`, unexpected);
    default:
      throw new UnknownAction(action);
  }
}

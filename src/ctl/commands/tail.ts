// `tail [-f|-N] name [stdout|stderr]`. Ours on top: `tail -f group:*` follows every process of the group,
// merged with `namespec | ` prefixes (supervisorctl gets a 404 for it).

import { FaultCodes } from '../../core/faults.js';
import { makeNamespec, parseNamespec } from '../../core/names.js';
import type { Handler } from '../commands.js';
import type { Controller } from '../controller.js';
import { ExitCodes } from '../exit-codes.js';
import { follow, type FollowSource } from '../follow.js';
import type { ProcessInfo } from '../format.js';
import { splitWords } from '../json-output.js';
import { isFault, pyRepr } from '../py-text.js';

const DEFAULT_BYTES = 1600;

export const tail: Handler = async (ctl, arg) => {
  if (!(await ctl.upcheck())) return;
  const args = splitWords(arg);
  if (args.length < 1 || args.length > 3) {
    ctl.output(args.length < 1 ? 'Error: too few arguments' : 'Error: too many arguments');
    ctl.exitStatus = ExitCodes.GENERIC;
    ctl.printHelp('tail');
    return;
  }
  const modifier = args[0]!.startsWith('-') ? args.shift()! : null;
  let name: string;
  let channel = 'stdout';
  if (args.length === 1) {
    name = args[0]!;
  } else if (args.length === 0) {
    return fail(ctl, 'Error: tail requires process name');
  } else {
    name = args[0]!;
    channel = args[args.length - 1]!.toLowerCase();
    if (channel !== 'stdout' && channel !== 'stderr') return fail(ctl, `Error: bad channel ${pyRepr(channel)}`);
  }
  let bytes: number | null = DEFAULT_BYTES;
  if (modifier !== null) {
    const what = modifier.slice(1);
    if (what === 'f') bytes = null;
    else if (/^\s*[-+]?\d+(_\d+)*\s*$/.test(what)) bytes = Number(what.replaceAll('_', ''));
    else return fail(ctl, `Error: bad argument ${modifier}`);
  }
  if (bytes === null) return followProcess(ctl, name, channel);
  const method = channel === 'stdout' ? 'supervisor.readProcessStdoutLog' : 'supervisor.readProcessStderrLog';
  try {
    ctl.output(await ctl.call<string>(method, name, -bytes, 0));
  } catch (err) {
    if (!isFault(err)) throw err;
    ctl.exitStatus = ExitCodes.GENERIC;
    const reason = TAIL_ERRORS.get(err.code);
    if (reason === undefined) throw err;
    ctl.output(`${name}: ERROR (${reason})`);
  }
};

const TAIL_ERRORS: ReadonlyMap<number, string> = new Map([
  [FaultCodes.NO_FILE, 'no log file'],
  [FaultCodes.FAILED, 'unknown error reading log'],
  [FaultCodes.BAD_NAME, 'no such process name'],
]);

function fail(ctl: Controller, message: string): void {
  ctl.output(message);
  ctl.exitStatus = ExitCodes.GENERIC;
}

async function followProcess(ctl: Controller, name: string, channel: string): Promise<void> {
  ctl.output('==> Press Ctrl-C to exit <==');
  const { group, process } = parseNamespec(name);
  let sources: FollowSource[] = [{ path: `/logtail/${name}/${channel}`, prefix: null }];
  if (process === null) {
    const members = (await ctl.call<ProcessInfo[]>('supervisor.getAllProcessInfo')).filter((i) => i.group === group);
    if (members.length > 0) {
      sources = members.map((info) => {
        const namespec = makeNamespec(info.group, info.name);
        return { path: `/logtail/${namespec}/${channel}`, prefix: namespec };
      });
    }
  }
  await follow(ctl, sources);
}

// One command line → one action, with supervisorctl's line syntax (Python cmd.Cmd), its 401 handling and its
// catch-all: any error a command does not handle becomes `error: <class '…'>, …` and exit status 1.

import { COMMANDS } from './commands.js';
import type { Controller } from './controller.js';
import { ExitCodes } from './exit-codes.js';
import { PyError, describeError, genericErrorLine, isTransportError } from './py-text.js';

const IDENT = /^[A-Za-z0-9_]*/;

export interface ParsedLine {
  /** null: not a command at all (a `!` line). '' when the line starts with a non-identifier character. */
  readonly cmd: string | null;
  readonly arg: string;
  readonly line: string;
}

/** cmd.Cmd.parseline: `?` means help, the action is the leading run of [A-Za-z0-9_], the rest is the argument. */
export function parseLine(input: string): ParsedLine {
  let line = input.trim();
  if (line === '') return { cmd: null, arg: '', line };
  if (line.startsWith('?')) line = `help ${line.slice(1)}`;
  else if (line.startsWith('!')) return { cmd: null, arg: '', line };
  const cmd = IDENT.exec(line)![0];
  return { cmd, arg: line.slice(cmd.length).trim(), line };
}

/** Runs one line. Returns true when the shell should end (quit, exit, EOF). */
export async function runLine(ctl: Controller, input: string): Promise<boolean> {
  const { cmd, arg, line } = parseLine(input);
  if (line === '') return false;
  const load = cmd ? COMMANDS.get(cmd) : undefined;
  if (!load) {
    ctl.output(`*** Unknown syntax: ${line}`);
    ctl.exitStatus = ExitCodes.GENERIC;
    return false;
  }
  try {
    const handler = await load();
    try {
      return (await handler(ctl, arg)) === true;
    } catch (err) {
      if (!isTransportError(err) || (err.kind !== 'UNAUTHORIZED' && err.kind !== 'HTTP')) throw err;
      if (err.kind === 'HTTP') {
        ctl.exitStatus = ExitCodes.GENERIC;
        throw err;
      }
      ctl.output('Server requires authentication');
      if (ctl.options.interactive) return await askCredentialsAndRetry(ctl, input);
      ctl.exitStatus = ExitCodes.GENERIC;
    }
    // supervisorctl runs the action a second time after a non-interactive 401 (and reports that failure).
    return (await handler(ctl, arg)) === true;
  } catch (err) {
    reportCrash(ctl, err);
    return false;
  }
}

async function askCredentialsAndRetry(ctl: Controller, input: string): Promise<boolean> {
  const username = await ctl.input.question('Username:');
  const password = username === null ? null : await ctl.input.question('Password:', { hidden: true });
  if (username === null || password === null) throw eofError();
  ctl.output('');
  await ctl.reconnect({ username, password });
  return runLine(ctl, input);
}

/** What Python's input() raises at end of input; supervisorctl reports it through its catch-all. */
export function eofError(): PyError {
  return new PyError('EOFError', 'EOF when reading a line');
}

function reportCrash(ctl: Controller, err: unknown): void {
  ctl.output(genericErrorLine(err));
  ctl.exitStatus = ExitCodes.GENERIC;
  const view = describeError(err);
  if (view.unexpected) {
    ctl.warn(`tssupervisorctl: unexpected error, please report it:\n${err instanceof Error ? err.stack : String(err)}`);
  }
}

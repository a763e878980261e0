// tssupervisorctl entry: argv → options → one action (or the shell) → exit status. Only the action's module
// and the RPC client are loaded, so `status` starts fast.

import { Controller, type RpcFactory } from './controller.js';
import { runLine } from './dispatch.js';
import { HelpRequested, UsageError, parseOptions, type CtlOptions } from './options.js';
import { createTerminalIo } from './terminal-io.js';

const INTERRUPTED_EXIT = 130;

const rpcFactory: RpcFactory = async (settings) => {
  const { createCtlRpc } = await import('./transport.js');
  return createCtlRpc(settings);
};

function exit(code: number): never {
  process.exit(code);
}

async function readOptions(progname: string): Promise<CtlOptions> {
  try {
    return parseOptions(process.argv.slice(2), progname, process.env);
  } catch (err) {
    if (err instanceof HelpRequested) {
      const { usageText } = await import('./usage-text.js');
      process.stdout.write(usageText(progname));
      exit(0);
    }
    if (err instanceof UsageError) {
      process.stderr.write(`Error: ${err.message}\nFor help, use ${progname} -h\n`);
      exit(2);
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const progname = process.argv[1] ?? 'tssupervisorctl';
  const options = await readOptions(progname);
  for (const note of options.notes) process.stderr.write(`${note}\n`);
  const shellMode = options.args.length === 0;
  const io = createTerminalIo(() => exit(shellMode ? 0 : INTERRUPTED_EXIT));
  const ctl = new Controller({
    options,
    rpcFactory,
    stdout: process.stdout,
    stderr: process.stderr,
    input: () => io.input,
    onInterrupt: (handler) => io.onInterrupt(handler),
  });

  // A reader that went away (`tssupervisorctl tail -f x | head`) ends us quietly, with the status so far.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(ctl.exitStatus);
    throw err;
  });

  if (!shellMode) {
    await runLine(ctl, options.args.join(' '));
    // The connection is not closed first: exit closes it, and a socket's destroy costs a one-shot run ~0.5 ms.
    io.close();
    finish(ctl.exitStatus);
    return;
  }
  const [{ createShellReadline, runShell }, { QueuedLineInput }] = await Promise.all([import('./shell.js'), import('./line-input.js')]);
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const shellRl = createShellReadline(ctl, { input: process.stdin, output: process.stdout, terminal }, options.historyFile);
  const shellInput = new QueuedLineInput(shellRl, process.stdout);
  io.useShellInput(shellInput);
  await runShell(ctl, shellRl, shellInput, io.interrupts, options.historyFile);
  await ctl.close();
  finish(0);
}

/** Exit once stdout has taken everything (it may be a pipe). */
function finish(code: number): void {
  process.stdout.write('', () => exit(code));
}

main().catch((err: unknown) => {
  process.stderr.write(`tssupervisorctl: unexpected error, please report it:\n${err instanceof Error ? err.stack : String(err)}\n`);
  exit(1);
});

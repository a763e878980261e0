// tssupervisorctl entry: argv → options → one action (or the shell) → exit status. Only the action's module
// and the RPC client are loaded, so `status` starts fast.

import readline from 'node:readline';
import { Controller, type LineInput, type RpcFactory } from './controller.js';
import { runLine } from './dispatch.js';
import { Interrupts } from './interrupts.js';
import { QueuedLineInput } from './line-input.js';
import { HelpRequested, UsageError, parseOptions, type CtlOptions } from './options.js';

const INTERRUPTED_EXIT = 130;

const rpcFactory: RpcFactory = async (settings) => {
  const { createRpcClient } = await import('../rpc/client.js');
  return createRpcClient(settings);
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
  const shellMode = options.args.length === 0;
  let rl: readline.Interface | null = null;
  let lineInput: QueuedLineInput | null = null;
  const interrupts = new Interrupts(() => exit(shellMode ? 0 : INTERRUPTED_EXIT));
  let listening = false;
  const makeInput = (): LineInput => {
    if (!lineInput) {
      const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
      rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal });
      rl.on('SIGINT', () => interrupts.fire());
      lineInput = new QueuedLineInput(rl, process.stdout);
    }
    return lineInput;
  };
  const ctl = new Controller({
    options,
    rpcFactory,
    stdout: process.stdout,
    stderr: process.stderr,
    input: () => makeInput(),
    onInterrupt: (handler) => {
      if (!listening) {
        listening = true;
        process.on('SIGINT', () => interrupts.fire());
      }
      return interrupts.on(handler);
    },
  });

  if (!shellMode) {
    await runLine(ctl, options.args.join(' '));
    await ctl.close();
    (rl as readline.Interface | null)?.close();
    finish(ctl.exitStatus);
    return;
  }
  const { createShellReadline, runShell } = await import('./shell.js');
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  rl = createShellReadline(ctl, { input: process.stdin, output: process.stdout, terminal }, options.historyFile);
  lineInput = new QueuedLineInput(rl, process.stdout);
  await runShell(ctl, rl, lineInput, interrupts, options.historyFile);
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

// The only module that starts processes (through execa). A child gets its own process group (and
// session), real pipes on fds 0/1/2 (os-pipes.ts) with fd 2 = fd 1's pipe under redirect_stderr, and
// its stdin stays open. No execa cleanup or kill-on-exit: the engine alone decides when to signal.

import { execa, execaSync, type Options } from 'execa';
import type { ChildProcess } from 'node:child_process';
import type net from 'node:net';
import type { Writable } from 'node:stream';
import { wrapChild, type ChildHandle } from './child-handle.js';
import { chdirFailure, credentialedCommand, planPrivileges, type PrivilegePlan } from './fork-checks.js';
import { closeAll, openStdioPipes, PipeFactory } from './os-pipes.js';

export type { ChildHandle, ExitListener } from './child-handle.js';

export interface SpawnSpec {
  readonly file: string;
  /** argv[0] is passed as is (the word from `command=`, e.g. `cat` while file is `/bin/cat`). */
  readonly argv: readonly string[];
  readonly cwd: string | null;
  readonly env: Readonly<Record<string, string>>;
  readonly uid: number | null;
  /** null with a uid: the user's primary group from /etc/passwd, as supervisord does. */
  readonly gid: number | null;
  readonly umask: number | null;
  readonly redirectStderr: boolean;
  /** The process name in spawnerr texts (default: argv[0]). */
  readonly name?: string;
  /** Coalesce reads of chatty output (default true). Turn off for event listeners' protocol channel. */
  readonly paceOutput?: boolean;
}

const pipes = new PipeFactory((paths, sync) => {
  const args = ['-m', '600', '--', ...paths];
  if (sync) execaSync('mkfifo', args);
  else return execa('mkfifo', args).then(() => undefined);
});
process.once('exit', () => pipes.dispose());

/**
 * Prepares the pipes for a burst of spawns (start-up's autostart) in one go, so that the burst starts no
 * `mkfifo` of its own; resolves when they are ready. Optional: spawnChild works without it.
 */
export function reservePipes(children: Iterable<{ readonly redirectStderr: boolean }>): Promise<void> {
  let count = 0;
  for (const child of children) count += child.redirectStderr ? 2 : 3;
  return pipes.reserve(count);
}

/** What we use of execa's subprocess: the ChildProcess, and its promise only to silence it. */
type Subprocess = ChildProcess & Promise<unknown>;

const EMULATION_SCRIPT = 'printf "%s\\n" "$@" >&2; exit 127';

/** Starts the child (or, for a failure supervisord only sees after fork, a child that reports it). */
export function spawnChild(spec: SpawnSpec): ChildHandle {
  const name = spec.name ?? spec.argv[0] ?? spec.file;
  const self = { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  const privileges = planPrivileges(spec.uid, spec.gid, self);
  const identity = privileges.kind === 'switch' ? privileges : self;
  const failure = privileges.kind === 'fail' ? privileges.lines : chdirFailure(spec.cwd, identity);

  const stdio = openStdioPipes(pipes, name, spec.redirectStderr);
  const childFds = [stdio.stdin.childFd, stdio.stdout.childFd, (stdio.stderr ?? stdio.stdout).childFd] as const;
  const common = {
    // execa's types only list fds 0-9 here; any fd works (it is handed to child_process as is).
    stdio: [...childFds] as unknown as Options['stdio'],
    detached: true,
    cleanup: false,
    buffer: false,
    reject: false,
    extendEnv: false,
    stripFinalNewline: false,
  } as const;

  let subprocess: Subprocess;
  const previousUmask = spec.umask !== null && failure === null ? process.umask(spec.umask) : null;
  try {
    const started = failure
      ? execa('/bin/sh', ['-c', EMULATION_SCRIPT, 'sh', ...failure], { ...common, env: {} })
      : startProgram(spec, privileges, common);
    subprocess = started as unknown as Subprocess;
  } finally {
    // libuv forks inside the call: the child has the mask, the daemon gets its own back at once.
    if (previousUmask !== null) process.umask(previousUmask);
    closeAll(childFds.slice(0, stdio.stderr ? 3 : 2));
  }
  subprocess.catch(() => undefined);

  const parentFds = [stdio.stdin.parentFd, stdio.stdout.parentFd, ...(stdio.stderr ? [stdio.stderr.parentFd] : [])];
  if (subprocess.pid === undefined) {
    closeAll(parentFds);
    throw new Error(`unknown error during fork for '${name}'`);
  }
  return wrapChild(subprocess, subprocess.pid, stdio, spec.paceOutput ?? true);
}

function startProgram(spec: SpawnSpec, privileges: PrivilegePlan, common: Options): unknown {
  const base = { ...common, env: spec.env, ...(spec.cwd !== null ? { cwd: spec.cwd } : {}) };
  if (privileges.kind !== 'switch') return execa(spec.file, spec.argv.slice(1), { ...base, argv0: spec.argv[0] ?? spec.file });
  const command = credentialedCommand(privileges, spec.file, spec.argv.slice(1));
  // setpriv runs as root and drops uid, gid and groups itself before it execs the program.
  if (command.viaSetpriv) return execa(command.file, command.args, base);
  return execa(spec.file, spec.argv.slice(1), { ...base, argv0: spec.argv[0] ?? spec.file, uid: privileges.uid, gid: privileges.gid });
}

export interface DaemonCopyOptions {
  readonly execPath: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly umask: number;
}

export type DaemonCopyReply = { readonly ready: true } | { readonly ready: false; readonly error: string };

/**
 * Starts a detached copy of the daemon (its own session, stdio on /dev/null) and waits for its first IPC
 * message: `{ready: true}` or `{ready: false, error}`. An exit before any message is a failure too.
 */
export function spawnDaemonCopy(options: DaemonCopyOptions): Promise<DaemonCopyReply> {
  const previousUmask = process.umask(options.umask);
  let subprocess: Subprocess;
  try {
    const started = execa(options.execPath, [...options.args], {
      env: options.env,
      extendEnv: false,
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      cleanup: false,
      buffer: false,
      reject: false,
    });
    subprocess = started as unknown as Subprocess;
  } finally {
    process.umask(previousUmask);
  }
  subprocess.catch(() => undefined);
  return new Promise((resolve) => {
    const done = (reply: DaemonCopyReply): void => {
      subprocess.removeAllListeners('message');
      if (subprocess.connected) subprocess.disconnect();
      subprocess.unref();
      resolve(reply);
    };
    subprocess.once('message', (message: unknown) => {
      const reply = message as { ready?: boolean; error?: string };
      done(reply.ready ? { ready: true } : { ready: false, error: String(reply.error ?? 'start-up failed') });
    });
    subprocess.once('exit', (code, signal) => {
      done({ ready: false, error: `daemon process exited before it was ready (${signal ?? `exit status ${code}`})` });
    });
  });
}

export interface HelperProcess {
  readonly pid: number;
  readonly stdin: Writable;
  /** Ends stdin and lets the helper finish on its own. */
  close(): void;
}

/** A small long-lived helper fed through its stdin (e.g. `logger` for syslog); output is discarded. */
export function spawnHelper(file: string, args: readonly string[]): HelperProcess {
  const subprocess = execa(file, [...args], {
    stdio: ['pipe', 'ignore', 'ignore'],
    cleanup: false,
    buffer: false,
    reject: false,
  });
  subprocess.catch(() => undefined);
  const stdin = subprocess.stdin as net.Socket;
  stdin.on('error', () => undefined);
  if (subprocess.pid === undefined) throw new Error(`could not start ${file}`);
  // A helper must never keep the daemon (or a test) alive; it sees EOF when we exit.
  subprocess.unref();
  stdin.unref();
  return { pid: subprocess.pid, stdin, close: () => stdin.end() };
}

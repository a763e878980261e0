// tssupervisord's command line: supervisord's options (same letters, same texts), plus --check.

import { parseArgs } from 'node:util';

export const DAEMON_OPTIONS = {
  configuration: { short: 'c', type: 'string', arg: 'FILENAME', doc: 'configuration file path (searches if not given)' },
  nodaemon: { short: 'n', type: 'boolean', doc: "run in the foreground (same as 'nodaemon=true' in config file)" },
  silent: { short: 's', type: 'boolean', doc: "no logs to stdout (maps to 'silent=true' in config file)" },
  help: { short: 'h', type: 'boolean', doc: 'print this usage message and exit' },
  version: { short: 'v', type: 'boolean', doc: 'print supervisord version number and exit' },
  user: { short: 'u', type: 'string', arg: 'USER', doc: 'run supervisord as this user (or numeric uid)' },
  umask: { short: 'm', type: 'string', arg: 'UMASK', doc: 'use this umask for daemon subprocess (default is 022)' },
  directory: { short: 'd', type: 'string', arg: 'DIRECTORY', doc: 'directory to chdir to when daemonized' },
  logfile: { short: 'l', type: 'string', arg: 'FILENAME', doc: 'use FILENAME as logfile path' },
  logfile_maxbytes: { short: 'y', type: 'string', arg: 'BYTES', doc: 'use BYTES to limit the max size of logfile' },
  logfile_backups: { short: 'z', type: 'string', arg: 'NUM', doc: 'number of backups to keep when max bytes reached' },
  loglevel: { short: 'e', type: 'string', arg: 'LEVEL', doc: 'use LEVEL as log level (debug,info,warn,error,critical)' },
  pidfile: { short: 'j', type: 'string', arg: 'FILENAME', doc: 'write a pid file for the daemon process to FILENAME' },
  identifier: { short: 'i', type: 'string', arg: 'STR', doc: 'identifier used for this instance of supervisord' },
  childlogdir: { short: 'q', type: 'string', arg: 'DIRECTORY', doc: 'the log directory for child process logs' },
  nocleanup: {
    short: 'k',
    type: 'boolean',
    doc: ' prevent the process from performing cleanup (removal of\n                   old automatic child log files) at startup.',
  },
  minfds: { short: 'a', type: 'string', arg: 'NUM', doc: 'the minimum number of file descriptors for start success' },
  strip_ansi: { short: 't', type: 'boolean', doc: 'strip ansi escape codes from process output' },
  minprocs: { type: 'string', arg: 'NUM', doc: 'the minimum number of processes available for start success' },
  check: { type: 'boolean', doc: 'load the configuration, print the resolved processes and problems, and exit (0 ok, 2 bad)' },
  options: { type: 'boolean', doc: 'print every config section and option with its default and meaning, and exit' },
} as const satisfies Record<string, { short?: string; type: 'string' | 'boolean'; arg?: string; doc: string }>;

export type DaemonOptionName = keyof typeof DAEMON_OPTIONS;
export type DaemonArgs = { [K in DaemonOptionName]?: (typeof DAEMON_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export class UsageError extends Error {}

export function parseDaemonArgs(argv: readonly string[]): DaemonArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: DAEMON_OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const match = /'(-{1,2}[^' ]*)'/.exec((error as Error).message);
    throw new UsageError(`option ${match?.[1] ?? argv.join(' ')} not recognized`);
  }
  if (parsed.positionals.length > 0) {
    throw new UsageError(`positional arguments are not supported: [${parsed.positionals.map((p) => `'${p}'`).join(', ')}]`);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`conflicting command line option '${token.rawName}'`);
    seen.add(token.name);
  }
  return parsed.values as DaemonArgs;
}

export function daemonUsage(argv0: string): string {
  const lines = ['tssupervisord -- run a set of applications as daemons.', '', `Usage: ${argv0} [options]`, '', 'Options:'];
  for (const [long, spec] of Object.entries(DAEMON_OPTIONS)) {
    const flag = 'short' in spec ? `-${spec.short}/--${long}` : `--${long}`;
    const arg = 'arg' in spec ? ` ${spec.arg}` : '';
    lines.push(`${flag}${arg} -- ${spec.doc}`);
  }
  return lines.join('\n') + '\n';
}

// tssupervisord: parse the command line, load the config (a broken one stops us before anything runs),
// daemonize unless told not to, then run until shutdown; a restart request (SIGHUP, `reload`) re-reads
// the config and runs again in the same process, as supervisord does. The only process.exit of the daemon.

import path from 'node:path';
import { loadConfig, formatDiagnostic, type LoadOptions } from '../config/load.js';
import { renderCheckReport } from '../config/check-report.js';
import type { Config } from '../config/types.js';
import { daemonUsage, parseDaemonArgs, UsageError, type DaemonArgs } from './cli.js';
import { runDaemon, StartupError } from './daemon.js';
import { becomeDaemon, isDaemonChild, reportReady } from './daemonize.js';
import { closeInheritedFds } from './inherited-fds.js';
import { VERSION } from '../version.js';

const argv0 = path.basename(process.argv[1] ?? 'tssupervisord');

function usageError(message: string): never {
  process.stderr.write(`Error: ${message}\nFor help, use ${argv0} -h\n`);
  process.exit(2);
}

function loadOptions(args: DaemonArgs): LoadOptions {
  const overrides: NonNullable<LoadOptions['cliOverrides']> = {};
  for (const key of [
    'nodaemon', 'silent', 'user', 'umask', 'directory', 'logfile', 'logfile_maxbytes', 'logfile_backups', 'loglevel',
    'pidfile', 'identifier', 'childlogdir', 'nocleanup', 'minfds', 'strip_ansi', 'minprocs',
  ] as const) {
    const value = args[key];
    if (value !== undefined) overrides[key] = value === true ? 'true' : String(value);
  }
  return { file: args.configuration, cliOverrides: overrides, argv0: process.argv[1] ?? 'tssupervisord' };
}

/** Loads or exits 2 with one line per problem. */
function loadOrExit(args: DaemonArgs): Config {
  const result = loadConfig(loadOptions(args));
  if (result.ok) return result.config;
  for (const error of result.errors) process.stderr.write(`Error: ${formatDiagnostic(error)}\n`);
  process.stderr.write(`For help, use ${argv0} -h\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args: DaemonArgs;
  try {
    args = parseDaemonArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) usageError(error.message);
    throw error;
  }
  if (args.help) {
    process.stdout.write(daemonUsage(process.argv[1] ?? 'tssupervisord'));
    return;
  }
  if (args.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (args.options) {
    const { renderOptionsReference } = await import('../config/options-doc.js');
    process.stdout.write(renderOptionsReference());
    return;
  }
  if (args.check) {
    const result = loadConfig(loadOptions(args));
    process.stdout.write(renderCheckReport(result, args.configuration ?? '(searched)'));
    process.exit(result.ok ? 0 : 2);
  }

  let config = loadOrExit(args);
  if (!config.supervisord.nodaemon && !isDaemonChild()) {
    process.exit(await becomeDaemon(config));
  }
  closeInheritedFds();
  for (let first = true; ; first = false) {
    let outcome: 'shutdown' | 'restart';
    try {
      outcome = await runDaemon(config, {
        first,
        onReady: first ? () => reportReady() : () => {},
        reread: () => loadConfig(loadOptions(args)),
      });
    } catch (error) {
      if (error instanceof StartupError) {
        reportReady(error.message);
        usageError(error.message);
      }
      throw error;
    }
    if (outcome === 'shutdown') break;
    const next = loadConfig(loadOptions(args));
    if (!next.ok) {
      // supervisord exits when the re-read config is broken; say exactly why.
      for (const error of next.errors) process.stderr.write(`Error: ${formatDiagnostic(error)}\n`);
      process.exit(2);
    }
    config = next.config;
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`tssupervisord: internal error (please report): ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});

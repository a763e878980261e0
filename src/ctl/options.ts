// argv → the ctl's settings, with supervisorctl's precedence (command line > [supervisorctl] > defaults) and its
// usage errors. Ours on top: SUPERVISOR_SERVER_URL as a fallback below the command line and the config file,
// and -r/--history_file actually used (supervisorctl parses it but ignores it).

import { loadCtlConfig } from '../config/ctl.js';
import { formatDiagnostic } from '../config/diagnostics.js';
import type { CtlConfig } from '../config/types.js';
import { GetoptError, getopt } from './getopt.js';
import { pyRepr } from './py-text.js';

export const DEFAULT_SERVER_URL = 'http://localhost:9001';

export type ServerUrlSource = 'command line' | 'config file' | 'SUPERVISOR_SERVER_URL' | 'default';

export interface CtlOptions {
  readonly progname: string;
  /** The config file read, or null when none was given or found. */
  readonly configFile: string | null;
  /** The action words; empty means the interactive shell. */
  readonly args: readonly string[];
  /** -i, or no action given: shutdown/reload ask for confirmation, 401 asks for credentials. */
  interactive: boolean;
  serverUrl: string;
  serverUrlSource: ServerUrlSource;
  username: string | null;
  password: string | null;
  readonly prompt: string;
  readonly historyFile: string | null;
  /** Things to tell the user on stderr (e.g. ignored [ctlplugin:x] sections). */
  readonly notes: readonly string[];
}

/** `Error: <message>` + `For help, use <progname> -h` on stderr, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** -h/--help/-?: print the help text and exit 0. */
export class HelpRequested extends Error {
  constructor() {
    super('help');
    this.name = 'HelpRequested';
  }
}

const SHORT_OPTS = 'h?c:is:u:p:r:';
const LONG_OPTS = ['help', 'configuration=', 'interactive', 'serverurl=', 'username=', 'password=', 'history_file='];
const OPTION_NAMES: Record<string, string> = {
  '-c': 'configfile', '--configuration': 'configfile',
  '-i': 'interactive', '--interactive': 'interactive',
  '-s': 'serverurl', '--serverurl': 'serverurl',
  '-u': 'username', '--username': 'username',
  '-p': 'password', '--password': 'password',
  '-r': 'history', '--history_file': 'history',
};

/** supervisorctl's URL check (urlparse: a scheme and a netloc or path). */
export function isUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value);
  if (!m) return false;
  const rest = m[2]!;
  return rest.replace(/^\/\//, '').replace(/[?#].*$/s, '') !== '';
}

export function parseOptions(argv: readonly string[], progname: string, env: NodeJS.ProcessEnv): CtlOptions {
  let parsed;
  try {
    parsed = getopt(argv, SHORT_OPTS, LONG_OPTS);
  } catch (err) {
    if (err instanceof GetoptError) throw new UsageError(err.message);
    throw err;
  }
  const cli = new Map<string, string>();
  for (const [opt, value] of parsed.opts) {
    if (opt === '-h' || opt === '-?' || opt === '--help') throw new HelpRequested();
    const name = OPTION_NAMES[opt]!;
    if (name === 'serverurl' && !isUrl(value)) {
      throw new UsageError(`invalid value for ${opt} ${pyRepr(value)}: value ${pyRepr(value)} is not a URL`);
    }
    if (cli.has(name)) throw new UsageError(`conflicting command line option ${pyRepr(opt)}`);
    cli.set(name, value);
  }
  // An empty -c '' means "no config file", as in supervisorctl.
  const given = cli.get('configfile');
  const loaded = given === '' ? null : readConfig(given, progname, env);
  const file = loaded?.config ?? null;
  const envUrl = env.SUPERVISOR_SERVER_URL;
  let serverUrl: string;
  let serverUrlSource: ServerUrlSource;
  // A serverurl equal to the default counts as not configured, so the environment can still point elsewhere.
  if (cli.has('serverurl')) [serverUrl, serverUrlSource] = [cli.get('serverurl')!, 'command line'];
  else if (file && file.serverurl !== DEFAULT_SERVER_URL) [serverUrl, serverUrlSource] = [file.serverurl, 'config file'];
  else if (envUrl && isUrl(envUrl)) [serverUrl, serverUrlSource] = [envUrl, 'SUPERVISOR_SERVER_URL'];
  else [serverUrl, serverUrlSource] = [DEFAULT_SERVER_URL, 'default'];
  return {
    progname,
    configFile: loaded?.file ?? null,
    args: parsed.args,
    interactive: cli.has('interactive') || parsed.args.length === 0,
    serverUrl,
    serverUrlSource,
    username: cli.get('username') ?? file?.username ?? null,
    password: cli.get('password') ?? file?.password ?? null,
    prompt: file?.prompt ?? 'supervisor',
    historyFile: cli.get('history') ?? file?.historyFile ?? null,
    notes: loaded?.notes ?? [],
  };
}

/** The [supervisorctl] section (src/config/ctl.ts); its problems become usage errors as in supervisorctl. */
function readConfig(
  given: string | undefined,
  progname: string,
  env: NodeJS.ProcessEnv,
): { config: CtlConfig; file: string | null; notes: string[] } {
  const result = loadCtlConfig({ file: given, env, argv0: progname });
  if (!result.ok) {
    // File-level problems read exactly as supervisorctl's; others carry file:line [section] option.
    throw new UsageError(result.errors.map((d) => (d.line === 0 ? d.message : formatDiagnostic(d))).join('\n'));
  }
  const notes = Object.keys(result.plugins).map(
    (name) => `tssupervisorctl: ignoring [ctlplugin:${name}]: supervisorctl plugins are Python code`,
  );
  return { config: result.config, file: result.file, notes };
}

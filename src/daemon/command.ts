// From `command=` to the file to exec, with supervisord's pre-spawn checks and their exact spawnerr texts,
// and the environment a child gets. Pure apart from stat/access calls on the file system.

import fs from 'node:fs';
import { shlexSplit } from '../config/shlex.js';
import { pyRepr } from '../config/py.js';

export type ResolvedCommand =
  | { readonly ok: true; readonly file: string; readonly argv: string[] }
  | { readonly ok: false; readonly fault: 'NO_FILE' | 'NOT_EXECUTABLE'; readonly spawnerr: string };

/** supervisord's fallback when neither `environment=` nor its own environment has a non-empty PATH. */
const DEFAULT_PATH = ['/bin', '/usr/bin', '/usr/local/bin'];

function notExecutable(spawnerr: string): ResolvedCommand {
  return { ok: false, fault: 'NOT_EXECUTABLE', spawnerr };
}

function statOrNull(file: string): fs.Stats | null {
  try {
    // Most PATH entries miss: no exception (and its stack trace) for those.
    return fs.statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function joinPath(dir: string, name: string): string {
  // Python's os.path.join: an empty directory adds nothing, a trailing slash is not doubled.
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * The search path: `env.PATH` when non-empty (the child's environment, i.e. the program's `environment=`
 * over supervisord's own), else supervisord's default. An empty PATH coming from `environment=` means
 * "the current directory" in supervisord; from the merged env we cannot tell, so it gets the default.
 */
function searchPath(env: Readonly<Record<string, string | undefined>>): string[] {
  const value = env.PATH;
  return value ? value.split(':') : DEFAULT_PATH;
}

/** `shlex.split`, PATH search (first entry that can be stat()ed wins, executable or not), then the checks. */
export function resolveCommand(command: string, env: Readonly<Record<string, string | undefined>>): ResolvedCommand {
  const split = shlexSplit(command);
  if (!split.ok) return notExecutable(`can't parse command ${pyRepr(command)}: ${split.error}`);
  const argv = split.value;
  const program = argv[0];
  if (program === undefined) return notExecutable('command is empty');

  let file = program;
  let stats: fs.Stats | null = null;
  if (program.includes('/')) {
    stats = statOrNull(program);
  } else {
    for (const dir of searchPath(env)) {
      const candidate = joinPath(dir, program);
      stats = statOrNull(candidate);
      if (stats) {
        file = candidate;
        break;
      }
    }
  }

  const shown = pyRepr(file);
  if (!stats) return { ok: false, fault: 'NO_FILE', spawnerr: `can't find command ${shown}` };
  if (stats.isDirectory()) return notExecutable(`command at ${shown} is a directory`);
  if ((stats.mode & 0o111) === 0) return notExecutable(`command at ${shown} is not executable`);
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return notExecutable(`no permission to run command ${shown}`);
  }
  return { ok: true, file, argv };
}

export interface ChildEnvInput {
  /** supervisord's own environment (variables that are undefined are skipped). */
  readonly base: Readonly<Record<string, string | undefined>>;
  /** The program's `serverurl`, else the first unix/inet server's URL; null = not set at all. */
  readonly serverUrl: string | null;
  readonly processName: string;
  /** Empty or null: no SUPERVISOR_GROUP_NAME. */
  readonly groupName: string | null;
  /** `[supervisord] environment` merged under the program's `environment=` (applied last, so it wins). */
  readonly environment: Readonly<Record<string, string>> | null;
}

/**
 * The child's environment in supervisord 4.2.5's order: its own environment, SUPERVISOR_ENABLED,
 * SUPERVISOR_SERVER_URL, SUPERVISOR_PROCESS_NAME, SUPERVISOR_GROUP_NAME, then `environment=` on top.
 * HOME, USER and LOGNAME are left alone even with `user=` (4.2.5 does not touch them).
 */
export function buildChildEnv(input: ChildEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.base)) if (value !== undefined) env[key] = value;
  env.SUPERVISOR_ENABLED = '1';
  if (input.serverUrl) env.SUPERVISOR_SERVER_URL = input.serverUrl;
  env.SUPERVISOR_PROCESS_NAME = input.processName;
  if (input.groupName) env.SUPERVISOR_GROUP_NAME = input.groupName;
  if (input.environment) Object.assign(env, input.environment);
  return env;
}

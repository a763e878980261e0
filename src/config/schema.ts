// THE options table: every key of every section supervisord reads, with its converter, default, which
// `%(name)s` names it may use, and a one-line doc. The loader reads options through this table; docs
// can be generated from it (export OPTION_TABLES). The compile-time checks at the end make a field of
// ProcessConfig / LogChannelConfig / SupervisordConfig without an entry here a tsc error.

import type { LogChannelConfig, ProcessConfig, SupervisordConfig } from './types.js';
import { AUTO } from './types.js';
import {
  ok, toAutoRestart, toBoolean, toByteSize, toExitCodes, toInteger, toKeyValuePairs, toList, toLogLevel, toOctal,
  toSignal, type Converter,
} from './convert.js';
import { toExistingDirectory, toExistingDirpath, toLogFile, toUserGroup } from './convert-paths.js';
import { toWatchDelay, toWatchList } from './convert-watch.js';

/**
 * Which `%(name)s` names an option may use (reference §1.3, checked against supervisord 4.2.5):
 * - supervisord: here + ENV_* of the process environment
 * - include: here, host_node_name + ENV_* of the process environment
 * - program: here, program_name, group_name, host_node_name + ENV_* (incl. [supervisord] environment)
 * - process: program + process_num, numprocs + ENV_* of the program's own environment
 * - pool: here + ENV_* (incl. [supervisord] environment)
 * - fcgi-socket: here, program_name + ENV_*
 * - here-env: here + ENV_*;  env: ENV_* only;  raw: read unexpanded (the loader expands it itself)
 */
export type Scope = 'supervisord' | 'include' | 'program' | 'process' | 'pool' | 'fcgi-socket' | 'here-env' | 'env' | 'raw';

export interface OptionSpec<T> {
  /** null: the text itself is the value. */
  readonly convert: Converter<T> | null;
  readonly default: T;
  /** The default as documented (some are computed, e.g. childlogdir). */
  readonly defaultText: string;
  readonly scope: Scope;
  readonly doc: string;
}

function opt<T>(convert: Converter<T> | null, def: T, defaultText: string, scope: Scope, doc: string): OptionSpec<T> {
  return { convert, default: def, defaultText, scope, doc };
}

const str: Converter<string> = (raw) => ok(raw);
const MB50 = 50 * 1024 * 1024;

export const SUPERVISORD_OPTIONS = {
  logfile: opt(toExistingDirpath, 'supervisord.log', 'supervisord.log', 'supervisord', 'activity log; relative paths start at the cwd; "syslog" logs to syslog'),
  logfile_maxbytes: opt(toByteSize, MB50, '50MB', 'supervisord', 'rotate the activity log at this size (0 = never)'),
  logfile_backups: opt(toInteger, 10, '10', 'supervisord', 'rotated activity logs to keep (0 = none)'),
  loglevel: opt(toLogLevel, 'info', 'info', 'supervisord', 'critical, error, warn, info, debug, trace or blather'),
  pidfile: opt(toExistingDirpath, 'supervisord.pid', 'supervisord.pid', 'supervisord', 'pid file; relative paths start at the cwd'),
  umask: opt(toOctal, 0o22, '022', 'supervisord', 'umask of the daemon (applied only when daemonizing)'),
  nodaemon: opt(toBoolean, false, 'false', 'supervisord', 'run in the foreground'),
  silent: opt(toBoolean, false, 'false', 'supervisord', 'in the foreground, do not copy the log to stdout'),
  minfds: opt(toInteger, 1024, '1024', 'supervisord', 'minimum number of file descriptors (raises RLIMIT_NOFILE or fails)'),
  minprocs: opt(toInteger, 200, '200', 'supervisord', 'minimum number of processes (raises RLIMIT_NPROC or fails)'),
  nocleanup: opt(toBoolean, false, 'false', 'supervisord', 'keep old AUTO child logs at start-up'),
  childlogdir: opt(toExistingDirectory, '/tmp', '$TMPDIR or /tmp', 'supervisord', 'directory of AUTO child logs'),
  user: opt<string | null>(str, null, 'none', 'supervisord', 'switch to this user (name or uid) at start-up'),
  directory: opt<string | null>(toExistingDirectory, null, 'none', 'supervisord', 'chdir here when daemonizing'),
  strip_ansi: opt(toBoolean, false, 'false', 'supervisord', 'strip ANSI escape sequences from child output'),
  environment: opt<Record<string, string>>(toKeyValuePairs, {}, 'none', 'raw', 'KEY="value",… added to every child (and to ENV_* names)'),
  identifier: opt(str, 'supervisor', 'supervisor', 'supervisord', 'name of this supervisor (RPC getIdentification, events, AUTO log names)'),
  watch_config: opt(toBoolean, false, 'false', 'supervisord', 'tssupervisor only: apply edits of the config files (main and included) like reread + update'),
} as const;

/** Options of `[program:x]`; `[eventlistener:x]` and `[fcgi-program:x]` have them too. */
export const PROGRAM_OPTIONS = {
  command: opt<string | null>(str, null, 'required', 'process', 'command line, split like a POSIX shell (quotes, backslashes)'),
  process_name: opt(str, '%(program_name)s', '%(program_name)s', 'raw', 'process name; must contain %(process_num) when numprocs > 1'),
  numprocs: opt(toInteger, 1, '1', 'program', 'how many processes of this program'),
  numprocs_start: opt(toInteger, 0, '0', 'program', 'first process_num'),
  priority: opt(toInteger, 999, '999 (eventlistener: -1)', 'program', 'start order (lower first) and stop order (lower last)'),
  autostart: opt(toBoolean, true, 'true', 'program', 'start when supervisord starts'),
  autorestart: opt(toAutoRestart, 'unexpected', 'unexpected', 'program', 'restart after exit: true, false, or unexpected (exit code not in exitcodes)'),
  startsecs: opt(toInteger, 1, '1', 'program', 'seconds the process must stay up to count as started'),
  startretries: opt(toInteger, 3, '3', 'program', 'failed starts allowed before FATAL'),
  exitcodes: opt<number[]>(toExitCodes, [0], '0', 'program', 'expected exit codes (for autorestart=unexpected)'),
  stopsignal: opt(toSignal, 15, 'TERM', 'program', 'signal sent to stop the process'),
  stopwaitsecs: opt(toInteger, 10, '10', 'program', 'seconds to wait after stopsignal before SIGKILL'),
  stopasgroup: opt(toBoolean, false, 'false', 'program', 'send stopsignal to the whole process group (implies killasgroup)'),
  killasgroup: opt(toBoolean, false, 'value of stopasgroup', 'program', 'send SIGKILL to the whole process group'),
  user: opt<string | null>(str, null, 'none', 'program', 'run as this user (name or uid)'),
  redirect_stderr: opt(toBoolean, false, 'false', 'program', "send the child's stderr to its stdout (2>&1)"),
  stdout_logfile: opt(toLogFile, AUTO, 'AUTO', 'process', 'AUTO, NONE, or a file path'),
  stdout_logfile_maxbytes: opt(toByteSize, MB50, '50MB', 'process', 'rotate at this size (0 = never)'),
  stdout_logfile_backups: opt(toInteger, 10, '10', 'process', 'rotated files to keep'),
  stdout_capture_maxbytes: opt(toByteSize, 0, '0', 'program', 'capture mode buffer (0 = off)'),
  stdout_events_enabled: opt(toBoolean, false, 'false', 'program', 'emit PROCESS_LOG_STDOUT events'),
  stdout_syslog: opt(toBoolean, false, 'false', 'process', 'also send stdout to syslog'),
  stderr_logfile: opt(toLogFile, AUTO, 'AUTO', 'process', 'AUTO, NONE, or a file path'),
  stderr_logfile_maxbytes: opt(toByteSize, MB50, '50MB', 'process', 'rotate at this size (0 = never)'),
  stderr_logfile_backups: opt(toInteger, 10, '10', 'process', 'rotated files to keep'),
  stderr_capture_maxbytes: opt(toByteSize, 0, '0', 'program', 'capture mode buffer (0 = off)'),
  stderr_events_enabled: opt(toBoolean, false, 'false', 'program', 'emit PROCESS_LOG_STDERR events'),
  stderr_syslog: opt(toBoolean, false, 'false', 'process', 'also send stderr to syslog'),
  environment: opt<Record<string, string>>(toKeyValuePairs, {}, 'none', 'raw', 'KEY="value",… over [supervisord] environment'),
  directory: opt<string | null>(str, null, 'none', 'process', 'chdir here before exec (checked only at spawn)'),
  umask: opt<number | null>(toOctal, null, 'none', 'program', 'umask of the child'),
  serverurl: opt<string | null>(str, null, 'AUTO', 'program', 'SUPERVISOR_SERVER_URL for the child (AUTO = our own server)'),
  // Ours, not supervisord's (which ignores them, so a config stays portable).
  watch: opt<string[]>(toWatchList, [], 'none', 'program', 'tssupervisor only: paths or globs (space- or comma-separated, relative to directory, else to the file of the section) whose changes restart the program'),
  watch_ignore: opt<string[]>(toWatchList, [], 'none; always ignored: .git node_modules __pycache__ *.swp *.swx *~ .#* 4913', 'program', 'tssupervisor only: more globs never watched; one without "/" matches any path component, one with "/" the path from the watched folder'),
  watch_delay: opt(toWatchDelay, 500, '500', 'program', 'tssupervisor only: ms of quiet that end a burst of changes (one restart per burst)'),
  watch_signal: opt<number | null>(toSignal, null, 'none (restart)', 'program', 'tssupervisor only: send this signal on a change instead of restarting (e.g. HUP)'),
} as const;

/** Keys we accept in program sections for features to come; they neither warn nor act yet. */
export const FUTURE_PROGRAM_KEYS: readonly string[] = ['depends_on'];

export const EVENTLISTENER_OPTIONS = {
  events: opt<string[]>(toList, [], 'required', 'pool', 'comma-separated event types to listen to'),
  buffer_size: opt(toInteger, 10, '10', 'pool', 'event queue length of the pool'),
  result_handler: opt(str, 'supervisor.dispatchers:default_handler', 'supervisor.dispatchers:default_handler', 'pool', 'how listener results are handled'),
} as const;

export const FCGI_OPTIONS = {
  socket: opt<string | null>(str, null, 'required', 'fcgi-socket', 'unix:///abs/path or tcp://host:port, passed to children as fd 0'),
  socket_backlog: opt<number | null>(toInteger, null, 'SOMAXCONN', 'pool', 'listen backlog (1..65535)'),
  socket_owner: opt<{ uid: number; gid: number } | null>(toUserGroup, null, "the program's user", 'pool', 'user[:group] of a unix socket'),
  socket_mode: opt<number | null>(toOctal, null, '0700', 'pool', 'mode of a unix socket'),
} as const;

export const GROUP_OPTIONS = {
  programs: opt<string[]>(toList, [], 'none', 'pool', 'comma-separated [program:x] / [fcgi-program:x] names'),
  priority: opt(toInteger, 999, '999', 'pool', 'start/stop order of the group'),
} as const;

export const UNIX_SERVER_OPTIONS = {
  file: opt<string | null>(str, null, 'required', 'here-env', 'socket path; relative paths start at the cwd'),
  chmod: opt(toOctal, 0o700, '0700', 'env', 'socket mode'),
  chown: opt<{ uid: number; gid: number } | null>(toUserGroup, null, 'unchanged', 'env', 'user[:group] of the socket'),
  username: opt<string | null>(str, null, 'none', 'env', 'HTTP Basic auth user (needs password)'),
  password: opt<string | null>(str, null, 'none', 'env', 'clear text or {SHA} + hex SHA-1 (needs username)'),
} as const;

export const INET_SERVER_OPTIONS = {
  port: opt<string | null>(str, null, 'required', 'env', 'host:port, :port, *:port or port'),
  username: opt<string | null>(str, null, 'none', 'env', 'HTTP Basic auth user (needs password)'),
  password: opt<string | null>(str, null, 'none', 'env', 'clear text or {SHA} + hex SHA-1 (needs username)'),
} as const;

export const CTL_OPTIONS = {
  serverurl: opt(str, 'http://localhost:9001', 'http://localhost:9001', 'here-env', 'http://host:port or unix:///path'),
  username: opt<string | null>(str, null, 'none', 'env', 'user sent to the server'),
  password: opt<string | null>(str, null, 'none', 'env', 'password sent to the server (clear text)'),
  prompt: opt(str, 'supervisor', 'supervisor', 'env', 'interactive prompt (shown as "<prompt>> ")'),
  history_file: opt<string | null>(str, null, 'none', 'here-env', 'readline history file'),
} as const;

export const INCLUDE_OPTIONS = {
  files: opt<string | null>(str, null, 'required', 'include', 'space-separated globs, relative to the main config file'),
} as const;

export type SectionKind =
  | 'supervisord' | 'program' | 'eventlistener' | 'fcgi-program' | 'group' | 'unix_http_server' | 'inet_http_server'
  | 'supervisorctl' | 'include';

export const OPTION_TABLES: Readonly<Record<SectionKind, Readonly<Record<string, OptionSpec<unknown>>>>> = {
  supervisord: SUPERVISORD_OPTIONS,
  program: PROGRAM_OPTIONS,
  eventlistener: { ...PROGRAM_OPTIONS, ...EVENTLISTENER_OPTIONS },
  'fcgi-program': { ...PROGRAM_OPTIONS, ...FCGI_OPTIONS },
  group: GROUP_OPTIONS,
  unix_http_server: UNIX_SERVER_OPTIONS,
  inet_http_server: INET_SERVER_OPTIONS,
  supervisorctl: CTL_OPTIONS,
  include: INCLUDE_OPTIONS,
};

/** Keys that are known but ignored (supervisord reads `profile_options` only from the command line). */
export const IGNORED_KEYS: Readonly<Partial<Record<SectionKind, readonly string[]>>> = {
  supervisord: ['profile_options'],
  program: FUTURE_PROGRAM_KEYS,
  eventlistener: FUTURE_PROGRAM_KEYS,
  'fcgi-program': FUTURE_PROGRAM_KEYS,
};

// ---- compile-time completeness checks -------------------------------------------------------------

type Snake<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T>}` : S;
type ValueOf<T> = T extends OptionSpec<infer V> ? V : never;

/** ProcessConfig fields that are not options (derived from the section, the loop, or another option). */
type DerivedProcessFields = 'name' | 'section' | 'source' | 'programName' | 'processNum' | 'uid' | 'stdout' | 'stderr';
type ProcessOptionField = Exclude<keyof ProcessConfig, DerivedProcessFields>;
type ChannelKey = `stdout_${Snake<keyof LogChannelConfig>}` | `stderr_${Snake<keyof LogChannelConfig>}`;

type MissingProgramOptions = Exclude<Snake<ProcessOptionField> | ChannelKey, keyof typeof PROGRAM_OPTIONS>;
type MissingSupervisordOptions = Exclude<Snake<Exclude<keyof SupervisordConfig, 'uid'>>, keyof typeof SUPERVISORD_OPTIONS>;
/** `command` is nullable in the table (missing = error), so it is checked by the loader instead. */
type TypedField = Exclude<ProcessOptionField, 'command'>;
type WrongProgramTypes = {
  [K in TypedField]: ValueOf<(typeof PROGRAM_OPTIONS)[Snake<K>]> extends ProcessConfig[K] ? never : K;
}[TypedField];

const programOptionsComplete: [MissingProgramOptions, WrongProgramTypes] extends [never, never] ? true : never = true;
const supervisordOptionsComplete: MissingSupervisordOptions extends never ? true : never = true;
void programOptionsComplete;
void supervisordOptionsComplete;

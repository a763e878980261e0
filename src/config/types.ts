// The typed, readonly config model: what load() returns and what the daemon, the ctl and the
// dashboard read. Names follow supervisord's option names (camelCased) so a reader can map them 1:1.

/** Where a value came from, for messages of the form `file:line [section] option: problem`. */
export interface SourcePos {
  /** As shown in messages: the config path as given, or an included file relative to the cwd (absolute outside it). */
  readonly file: string;
  readonly line: number;
}

/** `AUTO` is a distinct value, not a path: the daemon resolves it to a file in childlogdir. */
export const AUTO = 'AUTO' as const;
export type LogFileSetting = typeof AUTO | string | null; // null = NONE/OFF

export type AutoRestart = 'unexpected' | boolean;

export interface LogChannelConfig {
  readonly logfile: LogFileSetting;
  readonly logfileMaxbytes: number;
  readonly logfileBackups: number;
  readonly captureMaxbytes: number;
  readonly eventsEnabled: boolean;
  readonly syslog: boolean;
}

/** One process of a group (a `[program:x]` with numprocs=3 gives three of these). */
export interface ProcessConfig {
  readonly name: string;
  /** The section it came from, e.g. `program:web`, and where that section starts. */
  readonly section: string;
  readonly source: SourcePos;
  readonly programName: string;
  readonly processNum: number;
  readonly command: string;
  readonly directory: string | null;
  readonly umask: number | null;
  readonly priority: number;
  readonly autostart: boolean;
  readonly autorestart: AutoRestart;
  readonly startsecs: number;
  readonly startretries: number;
  /** The user name as written (`user=`), and its uid when it resolved. */
  readonly user: string | null;
  readonly uid: number | null;
  readonly stopsignal: number;
  readonly stopwaitsecs: number;
  readonly stopasgroup: boolean;
  readonly killasgroup: boolean;
  readonly exitcodes: readonly number[];
  readonly redirectStderr: boolean;
  readonly stdout: LogChannelConfig;
  readonly stderr: LogChannelConfig;
  /** `[supervisord] environment` merged under this program's `environment` (program wins). */
  readonly environment: Readonly<Record<string, string>>;
  /** null when `AUTO`. */
  readonly serverurl: string | null;
  /** Ours, not supervisord's (absent from getAllConfigInfo): absolute paths or globs whose changes restart the process. */
  readonly watch: readonly string[];
  /** Extra ignore globs, on top of the built-in ones (src/core/watch-match.ts). */
  readonly watchIgnore: readonly string[];
  /** Debounce of a burst of changes, in ms. */
  readonly watchDelay: number;
  /** Signal sent instead of a restart; null = restart. */
  readonly watchSignal: number | null;
}

export type GroupKind = 'program' | 'group' | 'eventlistener' | 'fcgi-program';

interface GroupBase {
  readonly name: string;
  readonly priority: number;
  readonly processes: readonly ProcessConfig[];
  readonly source: SourcePos;
}

export interface ProgramGroupConfig extends GroupBase {
  readonly kind: 'program' | 'group';
}

export interface EventListenerPoolConfig extends GroupBase {
  readonly kind: 'eventlistener';
  readonly events: readonly string[];
  readonly bufferSize: number;
  readonly resultHandler: string;
}

export interface FcgiGroupConfig extends GroupBase {
  readonly kind: 'fcgi-program';
  readonly socket: string;
  readonly socketBacklog: number | null;
  readonly socketOwner: { readonly uid: number; readonly gid: number } | null;
  readonly socketMode: number | null;
}

export type GroupConfig = ProgramGroupConfig | EventListenerPoolConfig | FcgiGroupConfig;

export type LogLevelName = 'critical' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'blather';

/** `[supervisord]` after defaults and command-line overrides. Paths are absolute where supervisord makes them so. */
export interface SupervisordConfig {
  readonly logfile: string; // absolute, or 'syslog'
  readonly logfileMaxbytes: number;
  readonly logfileBackups: number;
  readonly loglevel: LogLevelName;
  readonly pidfile: string;
  readonly umask: number;
  readonly nodaemon: boolean;
  readonly silent: boolean;
  readonly minfds: number;
  readonly minprocs: number;
  readonly nocleanup: boolean;
  readonly childlogdir: string;
  readonly user: string | null;
  readonly uid: number | null;
  readonly directory: string | null;
  readonly stripAnsi: boolean;
  readonly environment: Readonly<Record<string, string>>;
  readonly identifier: string;
  /** Ours: apply edits of the config files like `reread` + `update`. */
  readonly watchConfig: boolean;
}

export interface HttpAuth {
  readonly username: string;
  /** Cleartext, or `{SHA}` + lowercase hex SHA-1. */
  readonly password: string;
}

export interface UnixServerConfig {
  readonly kind: 'unix';
  readonly section: string;
  readonly file: string; // absolute
  readonly chmod: number;
  readonly chown: { readonly uid: number; readonly gid: number } | null;
  readonly auth: HttpAuth | null;
}

export interface InetServerConfig {
  readonly kind: 'inet';
  readonly section: string;
  /** '' = all interfaces. */
  readonly host: string;
  readonly port: number;
  readonly auth: HttpAuth | null;
}

export type ServerConfig = UnixServerConfig | InetServerConfig;

export interface CtlConfig {
  readonly serverurl: string;
  readonly username: string | null;
  readonly password: string | null;
  readonly prompt: string;
  readonly historyFile: string | null;
}

export interface RpcInterfaceConfig {
  readonly name: string;
  readonly factory: string;
  readonly extra: Readonly<Record<string, string>>;
}

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly section: string | null;
  readonly option: string | null;
  readonly message: string;
}

export interface Config {
  /** The config path exactly as given (`-c`), and its absolute form. */
  readonly configFile: string;
  readonly configPath: string;
  readonly here: string;
  /** Every file read, main first, then includes in the order read. */
  readonly files: readonly string[];
  readonly supervisord: SupervisordConfig;
  /** Sorted by (priority, name), as supervisord sorts them. */
  readonly groups: readonly GroupConfig[];
  readonly servers: readonly ServerConfig[];
  readonly ctl: CtlConfig | null;
  readonly rpcinterfaces: readonly RpcInterfaceConfig[];
  /** Messages supervisord logs once its logger exists (included files, unmatched globs, AUTO-without-rollover …). */
  readonly infos: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

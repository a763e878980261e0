// The processes of one `[program:x]` / `[eventlistener:x]` / `[fcgi-program:x]` section (reference
// §1.10, §1.11), read in supervisord's order so that each option sees exactly the `%(name)s` names
// supervisord gives it: options read once per section first, then per process (process_num, numprocs
// and the program's own ENV_* appear only there; ENV_* of earlier processes stay visible, as in 4.2.5).

import path from 'node:path';
import type { LogChannelConfig, LogFileSetting, ProcessConfig } from './types.js';
import { AUTO } from './types.js';
import { PROGRAM_OPTIONS, type OptionSpec } from './schema.js';
import { programNames, type LoadContext } from './load-context.js';
import type { ExpansionValue, Expansions } from './expand.js';
import { lookupUid, SYSLOG, toLogFile } from './convert-paths.js';
import { toProcessName } from './convert.js';
import { compareCodePoints } from './py.js';
import { shlexSplit } from './shlex.js';

export type ProgramKind = 'program' | 'eventlistener' | 'fcgi-program';
const MAX_NUMPROCS = 100_000;
type Key = keyof typeof PROGRAM_OPTIONS;
type ValueOf<K extends Key> = (typeof PROGRAM_OPTIONS)[K] extends OptionSpec<infer T> ? T : never;

/** Options supervisord reads once per section, before the per-process loop. */
const SECTION_KEYS = [
  'priority', 'autostart', 'autorestart', 'startsecs', 'startretries', 'stopsignal', 'stopwaitsecs', 'stopasgroup',
  'killasgroup', 'exitcodes', 'redirect_stderr', 'numprocs', 'numprocs_start', 'stdout_capture_maxbytes',
  'stdout_events_enabled', 'stderr_capture_maxbytes', 'stderr_events_enabled', 'serverurl', 'user', 'umask',
  // ours (supervisord does not read them, so their place in this order changes nothing)
  'watch', 'watch_ignore', 'watch_delay', 'watch_signal',
] as const satisfies readonly Key[];
type SectionValues = { [K in (typeof SECTION_KEYS)[number]]: ValueOf<K> };

export interface ProcessReadOptions {
  /** Keys whose first read happens at group level with here + ENV_* only (e.g. a pool's priority). */
  readonly groupScoped: ReadonlySet<string>;
  readonly groupNames: Expansions;
}

/** Reads the section; returns its processes sorted by (priority, name), or null when it has errors. */
export function readProcesses(ctx: LoadContext, section: string, groupName: string, opts: ProcessReadOptions): ProcessConfig[] | null {
  const rawName = section.slice(section.indexOf(':') + 1);
  const nameCheck = toProcessName(rawName);
  if (!nameCheck.ok) ctx.reader.error(section, null, nameCheck.message);
  const programName = nameCheck.ok ? nameCheck.value : rawName.trim();
  const names = programNames(ctx, programName, groupName);
  const once = readSectionOptions(ctx, section, names, opts);
  let broken = !nameCheck.ok || !once.ok;

  // With invalid options the processes are still read, to report their problems too.
  const processes: ProcessConfig[] = [];
  const start = once.values.numprocs_start ?? 0;
  for (let num = start; num < start + once.numprocs; num++) {
    names.set('process_num', num);
    names.set('numprocs', once.numprocs);
    const proc = readOneProcess(ctx, section, names, once.processName, once.values.redirect_stderr === true);
    if (!proc || broken) {
      broken = true;
      continue;
    }
    processes.push(assemble(ctx, section, programName, num, once, proc));
  }
  return broken ? null : processes.sort(byPriorityAndName);
}

interface SectionOptions {
  /** False when any option is invalid; values then lacks those. */
  readonly ok: boolean;
  readonly values: Partial<SectionValues>;
  readonly uid: number | null;
  /** The raw (unexpanded) process_name, checked. */
  readonly processName: string;
  readonly numprocs: number;
}

/** The options read once per section, and the rules between them. */
function readSectionOptions(ctx: LoadContext, section: string, names: Expansions, opts: ProcessReadOptions): SectionOptions {
  const { reader } = ctx;
  let ok = true;
  const v: Partial<SectionValues> = {};
  for (const key of SECTION_KEYS) {
    const scope = opts.groupScoped.has(key) ? opts.groupNames : names;
    const spec: OptionSpec<unknown> = key === 'killasgroup' ? { ...PROGRAM_OPTIONS.killasgroup, default: v.stopasgroup ?? false } : PROGRAM_OPTIONS[key];
    const value = reader.value(section, key, spec, scope);
    if (value === undefined) ok = false;
    else (v as Record<string, unknown>)[key] = value;
  }
  if (typeof v.serverurl === 'string' && v.serverurl.trim().toUpperCase() === 'AUTO') v.serverurl = null;
  const fail = (key: string, message: string): void => {
    reader.error(section, key, message);
    ok = false;
  };
  let uid: number | null = null;
  if (typeof v.user === 'string') {
    const looked = lookupUid(reader.convertContext.users, v.user);
    if (looked.ok) uid = looked.value;
    else fail('user', looked.message);
  }
  const processName = toProcessName(reader.raw(section, 'process_name') ?? PROGRAM_OPTIONS.process_name.default);
  if (!processName.ok) fail('process_name', processName.message);
  let numprocs = v.numprocs ?? 1;
  if (numprocs > MAX_NUMPROCS) {
    // supervisord would try to build them all; we refuse instead of exhausting memory.
    fail('numprocs', `numprocs ${numprocs} is more than ${MAX_NUMPROCS}`);
    numprocs = 1;
  }
  if (numprocs > 1 && processName.ok && !processName.value.includes('%(process_num)')) {
    const key = reader.has(section, 'process_name') ? 'process_name' : 'numprocs';
    fail(key, `%(process_num) must be present within process_name when numprocs > 1 (numprocs is ${numprocs})`);
  }
  if (v.stopasgroup === true && v.killasgroup === false) {
    fail('killasgroup', 'cannot set stopasgroup=true and killasgroup=false (stopping the group implies killing it)');
  }
  const template = processName.ok ? processName.value : PROGRAM_OPTIONS.process_name.default;
  return { ok: ok && processName.ok, values: v, uid, processName: template, numprocs };
}

function assemble(ctx: LoadContext, section: string, programName: string, num: number, once: SectionOptions, proc: OneProcess): ProcessConfig {
  const v = once.values as SectionValues; // complete: only called when once.ok
  return {
    name: proc.name,
    section,
    source: ctx.reader.where(section, null),
    programName,
    processNum: num,
    command: proc.command,
    directory: proc.directory,
    umask: v.umask,
    priority: v.priority,
    autostart: v.autostart,
    autorestart: v.autorestart,
    startsecs: v.startsecs,
    startretries: v.startretries,
    user: v.user,
    uid: once.uid,
    stopsignal: v.stopsignal,
    stopwaitsecs: v.stopwaitsecs,
    stopasgroup: v.stopasgroup,
    killasgroup: v.killasgroup,
    exitcodes: v.exitcodes,
    redirectStderr: v.redirect_stderr,
    stdout: channelConfig(proc.stdout, v.stdout_capture_maxbytes, v.stdout_events_enabled),
    stderr: channelConfig(proc.stderr, v.stderr_capture_maxbytes, v.stderr_events_enabled),
    environment: proc.environment,
    serverurl: v.serverurl,
    watch: resolveWatchPaths(ctx, section, v.watch, proc.directory),
    watchIgnore: v.watch_ignore,
    watchDelay: v.watch_delay,
    watchSignal: v.watch_signal,
  };
}

/** Absolute now, so a daemon that changes its cwd later still watches what the config meant. */
function resolveWatchPaths(ctx: LoadContext, section: string, watch: readonly string[], directory: string | null): string[] {
  if (watch.length === 0) return [];
  const { cwd } = ctx.reader.convertContext;
  const base = directory !== null ? path.resolve(cwd, directory) : path.dirname(path.resolve(cwd, ctx.reader.where(section, null).file));
  return watch.map((entry) => path.resolve(base, entry));
}

export function byPriorityAndName(a: { priority: number; name: string }, b: { priority: number; name: string }): number {
  return a.priority - b.priority || compareCodePoints(a.name, b.name);
}

type Channel = Omit<LogChannelConfig, 'captureMaxbytes' | 'eventsEnabled'>;

/**
 * Written out, not `{...channel, ...}`: V8 gives each object that a spread makes and then adds properties to a
 * hidden class of its own (seen with %HaveSameMap in Node 20), ~0.5 KiB per object that lives as long as the
 * process does.
 */
function channelConfig(channel: Channel, captureMaxbytes: number, eventsEnabled: boolean): LogChannelConfig {
  const { logfile, logfileMaxbytes, logfileBackups, syslog } = channel;
  return { logfile, logfileMaxbytes, logfileBackups, captureMaxbytes, eventsEnabled, syslog };
}
interface OneProcess {
  name: string;
  command: string;
  directory: string | null;
  environment: Record<string, string>;
  stdout: Channel;
  stderr: Channel;
}

/** The per-process options; names is updated with the program's ENV_* (they stay for later processes). */
function readOneProcess(
  ctx: LoadContext,
  section: string,
  names: Map<string, ExpansionValue>,
  processName: string,
  redirectStderr: boolean,
): OneProcess | null {
  const { reader } = ctx;
  let ok = true;
  const envRaw = reader.raw(section, 'environment') ?? '';
  const envText = reader.expand(section, 'environment', envRaw, names, 'environment');
  const environment = envText === undefined ? undefined : reader.convert(section, 'environment', PROGRAM_OPTIONS.environment, envText);
  if (environment === undefined) ok = false;
  for (const [k, value] of Object.entries(environment ?? {})) names.set(`ENV_${k}`, value);

  const directory = reader.value(section, 'directory', PROGRAM_OPTIONS.directory, names);
  const channels: Partial<Record<'stdout' | 'stderr', Channel>> = {};
  for (const ch of ['stdout', 'stderr'] as const) {
    const channel = readChannel(ctx, section, ch, names);
    if (channel) channels[ch] = channel;
    else ok = false;
  }
  if (redirectStderr && channels.stderr) {
    if (channels.stderr.logfile !== AUTO && channels.stderr.logfile !== null) {
      reader.warn(section, 'stderr_logfile', `For [${section}], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored`);
    }
    channels.stderr = { ...channels.stderr, logfile: null };
  }
  const commandRaw = reader.raw(section, 'command');
  let command: string | undefined;
  if (commandRaw === undefined) reader.error(section, 'command', `program section ${section} does not specify a command`);
  else command = reader.expand(section, 'command', commandRaw, names);
  if (command !== undefined) {
    const argv = shlexSplit(command);
    if (!argv.ok) reader.warn(section, 'command', `cannot be split into arguments (${argv.error.toLowerCase()}): supervisord accepts it but every start fails`);
    else if (argv.value.length === 0) reader.warn(section, 'command', 'is empty: supervisord accepts it but every start fails');
  }
  const name = reader.expand(section, 'process_name', processName, names, 'process_name');
  if (!ok || directory === undefined || command === undefined || name === undefined || !channels.stdout || !channels.stderr) return null;
  return { name, command, directory, environment: environment ?? {}, stdout: channels.stdout, stderr: channels.stderr };
}

function readChannel(ctx: LoadContext, section: string, ch: 'stdout' | 'stderr', names: Expansions): Channel | null {
  const { reader } = ctx;
  const key = `${ch}_logfile` as const;
  let logfile: LogFileSetting | typeof SYSLOG | undefined = AUTO;
  const raw = reader.raw(section, key);
  if (raw !== undefined) {
    // Expanded twice, as 4.2.5 does (so a `%%` there ends up as a lone `%`).
    const once = reader.expand(section, key, raw, names);
    const twice = once === undefined ? undefined : reader.expand(section, key, once, names, key);
    logfile = twice === undefined ? undefined : reader.convert(section, key, { ...PROGRAM_OPTIONS[key], convert: toLogFile }, twice);
  }
  const backups = reader.value(section, `${ch}_logfile_backups`, PROGRAM_OPTIONS[`${ch}_logfile_backups`], names);
  const maxbytes = reader.value(section, `${ch}_logfile_maxbytes`, PROGRAM_OPTIONS[`${ch}_logfile_maxbytes`], names);
  let syslog = reader.value(section, `${ch}_syslog`, PROGRAM_OPTIONS[`${ch}_syslog`], names);
  if (logfile === SYSLOG) {
    reader.warn(section, key, `For [${section}], ${key}=syslog but this is deprecated and will be removed.  Use ${ch}_syslog=true to enable syslog instead.`);
    logfile = null;
    syslog = true;
  }
  if (logfile === AUTO && maxbytes === 0) {
    reader.warn(section, `${ch}_logfile_maxbytes`, `For [${section}], AUTO logging used for ${key} without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally`);
  }
  if (logfile === undefined || backups === undefined || maxbytes === undefined || syslog === undefined) return null;
  return { logfile, logfileMaxbytes: maxbytes, logfileBackups: backups, syslog };
}

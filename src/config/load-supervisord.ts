// `[supervisord]` (reference §1.6): every option through the table, then supervisord's finishing
// touches — logfile/pidfile made absolute against the cwd ('syslog' kept), the user resolved to a uid,
// and `environment` expanded twice as 4.2.5 does (so its ENV_* names can be used by later sections).

import fs from 'node:fs';
import path from 'node:path';
import type { SupervisordConfig } from './types.js';
import { SUPERVISORD_OPTIONS, type OptionSpec } from './schema.js';
import { namesWith, scopeNames, type LoadContext } from './load-context.js';
import { lookupUid, normalizePath } from './convert-paths.js';
import type { ConvertContext } from './convert.js';
import { envNames } from './load-context.js';

export type SupervisordKey = keyof typeof SUPERVISORD_OPTIONS;
type Values = { -readonly [K in SupervisordKey]: (typeof SUPERVISORD_OPTIONS)[K] extends OptionSpec<infer T> ? T : never };

/** Python's tempfile.gettempdir(): $TMPDIR, $TEMP, $TMP, then /tmp, /var/tmp, /usr/tmp. */
export function defaultTempDir(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const candidates = [env.TMPDIR, env.TEMP, env.TMP, '/tmp', '/var/tmp', '/usr/tmp'];
  for (const c of candidates) {
    if (!c) continue;
    const abs = path.resolve(cwd, c);
    try {
      if (fs.statSync(abs).isDirectory()) return abs;
    } catch {
      // try the next one
    }
  }
  return cwd;
}

/** Read [supervisord] (the section must exist). Sets ctx.fullEnv. Returns the raw values, or undefined for invalid ones. */
export function readSupervisordSection(ctx: LoadContext): Partial<Values> {
  const { reader } = ctx;
  const section = 'supervisord';
  const names = scopeNames(ctx, 'supervisord');
  const values: Partial<Values> = {};
  const set = <K extends SupervisordKey>(key: K, value: Values[K] | undefined): void => {
    if (value !== undefined) values[key] = value;
  };
  for (const key of Object.keys(SUPERVISORD_OPTIONS) as SupervisordKey[]) {
    if (key === 'environment' || key === 'childlogdir') continue;
    set(key, reader.value(section, key, SUPERVISORD_OPTIONS[key] as OptionSpec<never>, names));
  }
  set('childlogdir', readChildlogdir(ctx));
  set('environment', readEnvironment(ctx));
  ctx.fullEnv = namesWith(ctx.processEnv, Object.fromEntries(envNames(values.environment ?? {})));
  return values;
}

function readChildlogdir(ctx: LoadContext): string | undefined {
  const cc = ctx.reader.convertContext;
  if (!ctx.reader.has('supervisord', 'childlogdir')) return defaultTempDir(cc.env, cc.cwd);
  return ctx.reader.value('supervisord', 'childlogdir', SUPERVISORD_OPTIONS.childlogdir, scopeNames(ctx, 'supervisord'));
}

/** 4.2.5 expands it twice: first with here + ENV_*, then with here, host_node_name + ENV_*. */
function readEnvironment(ctx: LoadContext): Record<string, string> | undefined {
  const { reader } = ctx;
  const raw = reader.raw('supervisord', 'environment');
  if (raw === undefined) return {};
  const once = reader.expand('supervisord', 'environment', raw, scopeNames(ctx, 'supervisord'));
  if (once === undefined) return undefined;
  const second = namesWith(ctx.processEnv, { here: ctx.here, host_node_name: ctx.hostname });
  const twice = reader.expand('supervisord', 'environment', once, second, 'environment');
  if (twice === undefined) return undefined;
  return reader.convert('supervisord', 'environment', SUPERVISORD_OPTIONS.environment, twice);
}

/** Turn read values (+ command-line values, which win) into the final [supervisord] config. */
export function finishSupervisord(
  values: Partial<Values>,
  cli: Partial<Values>,
  cc: ConvertContext,
  report: (key: SupervisordKey, message: string) => void,
): SupervisordConfig | undefined {
  const v = { ...values, ...cli };
  const all = Object.keys(SUPERVISORD_OPTIONS) as SupervisordKey[];
  if (all.some((k) => v[k] === undefined)) return undefined;
  const full = v as Values;
  let uid: number | null = null;
  if (full.user !== null) {
    const looked = lookupUid(cc.users, full.user);
    if (!looked.ok) {
      report('user', looked.message);
      return undefined;
    }
    uid = looked.value;
  }
  return {
    logfile: full.logfile === 'syslog' ? 'syslog' : normalizePath(full.logfile, cc),
    logfileMaxbytes: full.logfile_maxbytes,
    logfileBackups: full.logfile_backups,
    loglevel: full.loglevel,
    pidfile: normalizePath(full.pidfile, cc),
    umask: full.umask,
    nodaemon: full.nodaemon,
    silent: full.silent,
    minfds: full.minfds,
    minprocs: full.minprocs,
    nocleanup: full.nocleanup,
    childlogdir: path.resolve(cc.cwd, full.childlogdir),
    user: full.user,
    uid,
    directory: full.directory,
    stripAnsi: full.strip_ansi,
    environment: full.environment,
    identifier: full.identifier,
    watchConfig: full.watch_config,
  };
}

/** Convert command-line values (strings, as typed) with the same converters as the file's. */
export function convertCliValues(
  cli: Partial<Record<SupervisordKey, string>>,
  cc: ConvertContext,
  report: (key: SupervisordKey, message: string) => void,
): Partial<Values> {
  const out: Partial<Values> = {};
  for (const [key, text] of Object.entries(cli) as Array<[SupervisordKey, string | undefined]>) {
    if (text === undefined || !Object.hasOwn(SUPERVISORD_OPTIONS, key)) continue;
    const spec = SUPERVISORD_OPTIONS[key] as OptionSpec<unknown>;
    const converted = spec.convert === null ? { ok: true as const, value: text } : spec.convert(text, cc);
    if (converted.ok) (out as Record<string, unknown>)[key] = converted.value;
    else report(key, `invalid value for --${key} ${JSON.stringify(text)}: ${converted.message}`);
  }
  return out;
}

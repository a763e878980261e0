// loadConfig: from a file name to the typed model (types.ts), as supervisord 4.2.5 reads it:
// command-line values → find the file → parse INI → [include] → [supervisord] → [rpcinterface:x] →
// groups and processes → servers → [supervisorctl]. It never throws for a bad config and collects ALL
// problems of a run (every bad option of every section) instead of stopping at the first one.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, Diagnostic, GroupConfig, SupervisordConfig } from './types.js';
import { IniDocument } from './ini.js';
import { Diagnostics, sortDiagnostics } from './diagnostics.js';
import { OptionReader } from './option-reader.js';
import { envNames, namesWith, type LoadContext } from './load-context.js';
import { processIncludes } from './include.js';
import { convertCliValues, finishSupervisord, readSupervisordSection, type SupervisordKey } from './load-supervisord.js';
import { readGroups } from './load-groups.js';
import { readRpcInterfaces, readServers } from './load-servers.js';
import { readCtlSection } from './ctl.js';
import { warnUnknownKeys } from './unknown-keys.js';
import { findConfigFile, noConfigFoundMessage } from './search-path.js';
import { readUserDb, type UserDb } from './users.js';

export { formatDiagnostic } from './diagnostics.js';

export interface LoadOptions {
  /** `-c FILE` exactly as given; searched for (reference §1.1) when absent. */
  readonly file?: string | undefined;
  readonly cwd?: string;
  /** The environment ENV_* names come from (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** argv[0] of the program, for the search path's HERE (default: process.argv[1]). */
  readonly argv0?: string;
  /** Command-line values as typed (`-m 022`, flags as 'true'); converted like the file's values, and they win. */
  readonly cliOverrides?: Partial<Record<SupervisordKey, string>>;
  /** Typed values that win over everything (for embedding and tests). */
  readonly overrides?: Partial<SupervisordConfig>;
  /** `%(host_node_name)s` (default: os.hostname()). */
  readonly hostname?: string;
  /** Users and groups (default: read from /etc/passwd and /etc/group). */
  readonly users?: UserDb;
}

export type LoadResult =
  | { readonly ok: true; readonly config: Config; readonly warnings: Diagnostic[] }
  | { readonly ok: false; readonly errors: Diagnostic[]; readonly warnings: Diagnostic[] };

const NO_PLACE = { file: '', line: 0 };
const ROOT_SEARCH_WARNING =
  'Supervisord is running as root and it is searching for its configuration file in default locations (including its current working directory); ' +
  'you probably want to specify a "-c" argument specifying an absolute path to a configuration file for improved security.';

export function loadConfig(opts: LoadOptions = {}): LoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const diagnostics = new Diagnostics();
  const convertContext = { cwd, env, users: opts.users ?? readUserDb(), dirCache: new Map<string, boolean>() };
  const failed = (files: readonly string[] = []): LoadResult => ({
    ok: false,
    errors: sortDiagnostics(diagnostics.errors, files),
    warnings: sortDiagnostics(diagnostics.warnings, files),
  });

  const cli = convertCliValues(opts.cliOverrides ?? {}, convertContext, (_key, message) => diagnostics.error(NO_PLACE, null, null, message));
  if (diagnostics.failed) return failed();

  const argv0 = opts.argv0 ?? process.argv[1] ?? 'tssupervisord';
  const file = opts.file ?? findConfigFile(argv0, cwd);
  if (opts.file === undefined && process.getuid?.() === 0) {
    diagnostics.warn(NO_PLACE, null, null, ROOT_SEARCH_WARNING);
  }
  if (file === null) {
    diagnostics.error(NO_PLACE, null, null, noConfigFoundMessage(argv0));
    return failed();
  }
  const configPath = path.resolve(cwd, file);
  const here = path.dirname(configPath);
  const fileError = (message: string): LoadResult => {
    diagnostics.error({ file, line: 0 }, null, null, message);
    return failed([file]);
  };
  if (!fs.existsSync(configPath)) return fileError(`could not find config file ${file}`);
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch {
    return fileError(`could not read config file ${file}`);
  }

  const doc = new IniDocument();
  const problems = doc.read(text, file);
  for (const p of problems) diagnostics.error(p, p.section, null, p.message);
  if (problems.some((p) => p.fatal)) return failed([file]);
  const display = (absolute: string): string => {
    const rel = path.relative(cwd, path.resolve(absolute));
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
  };
  const processEnv = envNames(env);
  const hostname = opts.hostname ?? os.hostname();
  const included = processIncludes({
    doc,
    diagnostics,
    mainDir: here,
    names: namesWith(processEnv, { here, host_node_name: hostname }),
    display,
  });
  const files = [configPath, ...included.map((f) => path.resolve(f))];
  const displayed = [file, ...included.map(display)];
  if (!doc.has('supervisord')) {
    diagnostics.error({ file, line: 0 }, null, null, '.ini file does not include supervisord section');
    return failed(displayed);
  }

  const reader = new OptionReader(doc, diagnostics, convertContext);
  const ctx: LoadContext = { reader, here, hostname, processEnv, fullEnv: processEnv };
  const values = readSupervisordSection(ctx);
  const supervisord = finishSupervisord(values, cli, convertContext, (key, message) => reader.error('supervisord', key, message));
  const rpcinterfaces = readRpcInterfaces(ctx);
  const groups = readGroups(ctx);
  const servers = readServers(ctx);
  const ctl = doc.has('supervisorctl') ? readCtlSection(reader, here, processEnv) : null;
  warnUnknownKeys(doc, diagnostics);

  const warnings = sortDiagnostics(diagnostics.warnings, displayed);
  if (diagnostics.failed || !supervisord) return failed(displayed);
  const config: Config = {
    configFile: file,
    configPath,
    here,
    files,
    supervisord: { ...supervisord, ...opts.overrides },
    groups: withGlobalEnvironment(groups, supervisord.environment),
    servers,
    ctl,
    rpcinterfaces,
    infos: diagnostics.infos,
    warnings,
  };
  return { ok: true, config, warnings };
}

/** Each process's environment is [supervisord] environment with the program's own on top. */
function withGlobalEnvironment(groups: readonly GroupConfig[], global: Readonly<Record<string, string>>): GroupConfig[] {
  return groups.map((g) => ({ ...g, processes: g.processes.map((p) => ({ ...p, environment: { ...global, ...p.environment } })) }));
}

// tssupervisorctl's config (reference §1.1, §1.9): only `[supervisorctl]` of the main file is read
// (`[include]` is ignored, as supervisorctl does). The file is optional: without one the defaults apply
// (serverurl http://localhost:9001); a file without a [supervisorctl] section is an error.

import fs from 'node:fs';
import path from 'node:path';
import type { CtlConfig, Diagnostic } from './types.js';
import { IniDocument } from './ini.js';
import { Diagnostics } from './diagnostics.js';
import { OptionReader } from './option-reader.js';
import { CTL_OPTIONS } from './schema.js';
import { envNames, namesWith } from './load-context.js';
import { normalizePath } from './convert-paths.js';
import { readUserDb, type UserDb } from './users.js';
import { findConfigFile } from './search-path.js';
import type { Expansions } from './expand.js';

export interface CtlLoadOptions {
  readonly file?: string | undefined;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly argv0?: string;
}

export type CtlLoadResult =
  | {
      readonly ok: true;
      readonly config: CtlConfig;
      /** The file read (as given or as found), or null when none was found. */
      readonly file: string | null;
      /** `[ctlplugin:x]` sections: name → factory spec (Python plugins; we cannot load them). */
      readonly plugins: Readonly<Record<string, string>>;
      readonly warnings: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly errors: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

export const DEFAULT_CTL_CONFIG: CtlConfig = {
  serverurl: 'http://localhost:9001',
  username: null,
  password: null,
  prompt: 'supervisor',
  historyFile: null,
};

/** Read [supervisorctl] from a parsed document (also used for the daemon's Config.ctl). */
export function readCtlSection(reader: OptionReader, here: string, processEnv: Expansions): CtlConfig | null {
  const section = 'supervisorctl';
  const withHere = namesWith(processEnv, { here });
  let serverurl = reader.value(section, 'serverurl', CTL_OPTIONS.serverurl, withHere);
  const username = reader.value(section, 'username', CTL_OPTIONS.username, processEnv);
  const password = reader.value(section, 'password', CTL_OPTIONS.password, processEnv);
  const prompt = reader.value(section, 'prompt', CTL_OPTIONS.prompt, processEnv);
  const history = reader.value(section, 'history_file', CTL_OPTIONS.history_file, withHere);
  if (serverurl === undefined || username === undefined || password === undefined || prompt === undefined || history === undefined) {
    return null;
  }
  if (serverurl.startsWith('unix://')) serverurl = `unix://${normalizePath(serverurl.slice(7), reader.convertContext)}`;
  return {
    serverurl,
    username,
    password,
    prompt,
    historyFile: history ? normalizePath(history, reader.convertContext) : null,
  };
}

export function loadCtlConfig(opts: CtlLoadOptions = {}): CtlLoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const env = opts.env ?? process.env;
  const diagnostics = new Diagnostics();
  const file = opts.file ?? findConfigFile(opts.argv0 ?? process.argv[1] ?? 'tssupervisorctl', cwd);
  if (file === null) return { ok: true, config: DEFAULT_CTL_CONFIG, file: null, plugins: {}, warnings: [] };
  const fail = (message: string): CtlLoadResult => ({ ok: false, errors: [{ file, line: 0, section: null, option: null, message }], warnings: [] });
  const absolute = path.resolve(cwd, file);
  if (!fs.existsSync(absolute)) return fail(`could not find config file ${file}`);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch {
    return fail(`could not read config file ${file}`);
  }
  const doc = new IniDocument();
  for (const p of doc.read(text, file)) diagnostics.error(p, p.section, null, p.message);
  if (diagnostics.failed) return { ok: false, errors: diagnostics.errors, warnings: [] };
  if (!doc.has('supervisorctl')) return fail('.ini file does not include supervisorctl section');
  // Only `~user` paths need the user database: most ctl runs never read /etc/passwd.
  let users: UserDb | undefined;
  const context = {
    cwd,
    env,
    get users(): UserDb {
      return (users ??= readUserDb());
    },
  };
  const reader = new OptionReader(doc, diagnostics, context);
  // supervisorctl's %(here)s is the directory of the normalised path (symlinks are not resolved).
  const config = readCtlSection(reader, path.dirname(absolute), envNames(env));
  const plugins: Record<string, string> = {};
  for (const section of doc.sections().filter((s) => s.startsWith('ctlplugin:'))) {
    const factory = doc.get(section, 'supervisor.ctl_factory');
    if (!factory) reader.error(section, 'supervisor.ctl_factory', `section [${section}] does not specify a supervisor.ctl_factory`);
    else plugins[section.slice('ctlplugin:'.length)] = factory.value;
  }
  if (diagnostics.failed || config === null) return { ok: false, errors: diagnostics.errors, warnings: diagnostics.warnings };
  return { ok: true, config, file, plugins, warnings: diagnostics.warnings };
}

// What every stage of the loader shares: the reader (document + diagnostics + converter context), the
// main file's directory, and the `%(name)s` tables of each scope (see Scope in schema.ts).

import type { ExpansionValue, Expansions } from './expand.js';
import type { OptionReader } from './option-reader.js';
import type { Scope } from './schema.js';

export interface LoadContext {
  readonly reader: OptionReader;
  /** Absolute directory of the main config file (`%(here)s`). */
  readonly here: string;
  readonly hostname: string;
  /** ENV_* of the process environment only. */
  readonly processEnv: Expansions;
  /** ENV_* of the process environment plus `[supervisord] environment` (set once that is read). */
  fullEnv: Expansions;
}

/** `ENV_<name>` for every variable. */
export function envNames(env: Readonly<Record<string, string | undefined>>): Map<string, ExpansionValue> {
  const names = new Map<string, ExpansionValue>();
  for (const [k, v] of Object.entries(env)) if (v !== undefined) names.set(`ENV_${k}`, v);
  return names;
}

export function namesWith(base: Expansions, extra: Record<string, ExpansionValue>): Map<string, ExpansionValue> {
  const names = new Map(base);
  for (const [k, v] of Object.entries(extra)) names.set(k, v);
  return names;
}

/** Scopes whose names do not depend on a program (program scopes are built by the program reader). */
export type FixedScope = Extract<Scope, 'supervisord' | 'include' | 'pool' | 'here-env' | 'env'>;

export function scopeNames(ctx: LoadContext, scope: FixedScope): Expansions {
  switch (scope) {
    case 'supervisord':
      return namesWith(ctx.processEnv, { here: ctx.here });
    case 'include':
      return namesWith(ctx.processEnv, { here: ctx.here, host_node_name: ctx.hostname });
    case 'pool':
    case 'here-env':
      return namesWith(ctx.fullEnv, { here: ctx.here });
    case 'env':
      return ctx.fullEnv;
  }
}

/** here, program_name, group_name, host_node_name + ENV_* (the names of options read once per program). */
export function programNames(ctx: LoadContext, programName: string, groupName: string): Map<string, ExpansionValue> {
  return namesWith(ctx.fullEnv, { here: ctx.here, program_name: programName, group_name: groupName, host_node_name: ctx.hostname });
}

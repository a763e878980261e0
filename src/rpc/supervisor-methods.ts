// The `supervisor.*` namespace as supervisord 4.2.5 serves it (API 3.0): every method and alias, with
// its signature, arity and faults. Served over XML-RPC and JSON through the same table.

import type { ControlContext } from './control-context.js';
import { daemonMethods } from './daemon-methods.js';
import type { MethodSpec, MethodTable } from './method-table.js';
import { processControlMethods } from './process-control-methods.js';
import { processIoMethods } from './process-io-methods.js';

/** Old names supervisord still answers to, and the method each one is. */
const ALIASES = {
  getVersion: 'getAPIVersion',
  readMainLog: 'readLog',
  readProcessLog: 'readProcessStdoutLog',
  tailProcessLog: 'tailProcessStdoutLog',
  clearProcessLog: 'clearProcessLogs',
} as const;

/**
 * Keys are `<namespace>.<method>`; the namespace is the `[rpcinterface:x]` name, `supervisor` in every
 * usual config.
 */
export function buildSupervisorMethods(ctx: ControlContext, namespace = 'supervisor'): MethodTable {
  const defs: Record<string, MethodSpec> = {
    ...daemonMethods(ctx),
    ...processControlMethods(ctx),
    ...processIoMethods(ctx),
  };
  for (const [alias, target] of Object.entries(ALIASES)) {
    const spec = defs[target];
    if (spec) defs[alias] = spec;
  }
  return new Map(Object.entries(defs).map(([name, spec]) => [`${namespace}.${name}`, spec]));
}

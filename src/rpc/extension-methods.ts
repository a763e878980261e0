// Our own methods, beyond supervisord's API, in the `tssupervisor.` namespace of the same table: clients
// that only know supervisord never see a difference, and `system.listMethods` lists these honestly.
// Each topic keeps its methods in its own file and is registered here with one line.

import type { ControlContext } from './control-context.js';
import type { MethodSpec, MethodTable } from './method-table.js';
import { rollingMethods } from './rolling-methods.js';
import { statsMethods } from './stats-methods.js';

export const EXTENSION_NAMESPACE = 'tssupervisor';

type MethodGroup = (ctx: ControlContext) => Record<string, MethodSpec>;

const GROUPS: readonly MethodGroup[] = [
  // one line per topic, e.g. `statsMethods,`
  statsMethods,
  rollingMethods,
];

export function buildExtensionMethods(ctx: ControlContext): MethodTable {
  const table = new Map<string, MethodSpec>();
  for (const group of GROUPS) {
    for (const [name, spec] of Object.entries(group(ctx))) table.set(`${EXTENSION_NAMESPACE}.${name}`, spec);
  }
  return table;
}

// The table's rows, in the order `status` prints them (group name, then process name, by code point),
// with a `[group:x]` header above every real group. Filtering and collapsing happen here too.

import { comparePython } from '../../ctl/format.js';
import { makeNamespec } from '../../core/names.js';
import type { DashState, ProcessInfo } from './types.js';

export interface GroupRow {
  readonly kind: 'group';
  readonly key: string;
  readonly group: string;
  /** Members in the group, and how many of them the filter lets through. */
  readonly size: number;
  readonly shown: number;
  readonly collapsed: boolean;
}

export interface ProcessRow {
  readonly kind: 'process';
  readonly key: string;
  readonly namespec: string;
  readonly info: ProcessInfo;
  /** Drawn under a group header. */
  readonly member: boolean;
}

export type Row = GroupRow | ProcessRow;

export const processKey = (namespec: string): string => `p:${namespec}`;
export const groupKey = (group: string): string => `g:${group}`;

/** A program is its own group (no header) when the group has one process of the same name. */
function isRealGroup(members: readonly ProcessInfo[]): boolean {
  return members.length !== 1 || members[0]?.name !== members[0]?.group;
}

export function matchesFilter(namespec: string, filter: string): boolean {
  return filter === '' || namespec.toLowerCase().includes(filter.toLowerCase());
}

export function buildRows(processes: ReadonlyMap<string, ProcessInfo>, filter: string, collapsed: ReadonlySet<string>): Row[] {
  const groups = new Map<string, ProcessInfo[]>();
  for (const info of processes.values()) {
    const members = groups.get(info.group);
    if (members) members.push(info);
    else groups.set(info.group, [info]);
  }
  const rows: Row[] = [];
  for (const group of [...groups.keys()].sort(comparePython)) {
    const members = (groups.get(group) ?? []).sort((a, b) => comparePython(a.name, b.name));
    const shown = members.filter((info) => matchesFilter(makeNamespec(info.group, info.name), filter));
    if (shown.length === 0) continue;
    const real = isRealGroup(members);
    // While filtering, matches are never hidden inside a collapsed group.
    const folded = real && filter === '' && collapsed.has(group);
    if (real) rows.push({ kind: 'group', key: groupKey(group), group, size: members.length, shown: shown.length, collapsed: folded });
    if (folded) continue;
    for (const info of shown) {
      const namespec = makeNamespec(info.group, info.name);
      rows.push({ kind: 'process', key: processKey(namespec), namespec, info, member: real });
    }
  }
  return rows;
}

let cache: { processes: unknown; filter: string; collapsed: unknown; rows: Row[] } | null = null;

/** buildRows for a state, remembered while the inputs are the same objects (every key press asks). */
export function rowsOf(state: Pick<DashState, 'processes' | 'filter' | 'collapsed'>): Row[] {
  const { processes, filter, collapsed } = state;
  if (cache && cache.processes === processes && cache.filter === filter && cache.collapsed === collapsed) return cache.rows;
  cache = { processes, filter, collapsed, rows: buildRows(processes, filter, collapsed) };
  return cache.rows;
}

export function selectedRow(state: DashState): Row | undefined {
  return rowsOf(state).find((row) => row.key === state.selected);
}

/** Counts per state name, for the header line. */
export function stateCounts(processes: ReadonlyMap<string, ProcessInfo>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const info of processes.values()) counts.set(info.statename, (counts.get(info.statename) ?? 0) + 1);
  return counts;
}

// Process groups from all sections (reference §1.12–§1.14, §1.16): `[group:x]` first (its programs
// do not also form their own groups), then `[program:x]`, `[eventlistener:x]`, `[fcgi-program:x]`;
// the whole list sorted by (priority, name). Group-level options are read with here + ENV_* only.

import type { EventListenerPoolConfig, FcgiGroupConfig, GroupConfig, ProcessConfig } from './types.js';
import { EVENTLISTENER_OPTIONS, GROUP_OPTIONS, PROGRAM_OPTIONS } from './schema.js';
import { scopeNames, type LoadContext } from './load-context.js';
import { byPriorityAndName, readProcesses } from './load-process.js';
import { toProcessName } from './convert.js';
import { readFcgiSocket } from './load-fcgi.js';

/** supervisord's event type names (what `events=` may list). */
export const EVENT_TYPES: readonly string[] = [
  'EVENT', 'PROCESS_STATE', 'PROCESS_STATE_STOPPED', 'PROCESS_STATE_EXITED', 'PROCESS_STATE_STARTING', 'PROCESS_STATE_STOPPING',
  'PROCESS_STATE_BACKOFF', 'PROCESS_STATE_FATAL', 'PROCESS_STATE_RUNNING', 'PROCESS_STATE_UNKNOWN', 'PROCESS_COMMUNICATION',
  'PROCESS_COMMUNICATION_STDOUT', 'PROCESS_COMMUNICATION_STDERR', 'PROCESS_LOG', 'PROCESS_LOG_STDOUT', 'PROCESS_LOG_STDERR',
  'REMOTE_COMMUNICATION', 'SUPERVISOR_STATE_CHANGE', 'SUPERVISOR_STATE_CHANGE_RUNNING', 'SUPERVISOR_STATE_CHANGE_STOPPING', 'TICK',
  'TICK_5', 'TICK_60', 'TICK_3600', 'PROCESS_GROUP', 'PROCESS_GROUP_ADDED', 'PROCESS_GROUP_REMOVED',
];

/** The only result handler there is (supervisord imports Python callables; we run no Python). */
export const DEFAULT_RESULT_HANDLER = 'supervisor.dispatchers:default_handler';

const suffix = (section: string): string => section.slice(section.indexOf(':') + 1);

export function readGroups(ctx: LoadContext): GroupConfig[] {
  const { reader } = ctx;
  const sections = reader.doc.sections();
  const pool = scopeNames(ctx, 'pool');
  const groups: GroupConfig[] = [];
  const inGroups = new Set<string>();
  const noGroupScope = { groupScoped: new Set<string>(), groupNames: pool };

  for (const section of sections.filter((s) => s.startsWith('group:'))) {
    const name = groupName(ctx, section);
    const programs = reader.value(section, 'programs', GROUP_OPTIONS.programs, pool) ?? [];
    const priority = reader.value(section, 'priority', GROUP_OPTIONS.priority, pool);
    const processes: ProcessConfig[] = [];
    let ok = priority !== undefined;
    for (const program of programs) {
      const asProgram = sections.includes(`program:${program}`);
      const asFcgi = sections.includes(`fcgi-program:${program}`);
      if (!asProgram && !asFcgi) {
        reader.error(section, 'programs', `[${section}] names unknown program or fcgi-program ${program}`);
        ok = false;
        continue;
      }
      if (asProgram && asFcgi) {
        reader.error(section, 'programs', `[${section}] name ${program} is ambiguous (exists as program and fcgi-program)`);
        ok = false;
        continue;
      }
      const member = asProgram ? `program:${program}` : `fcgi-program:${program}`;
      if (asFcgi) reader.warn(section, 'programs', `[${member}] is listed in [${section}]: supervisord then runs it as a plain program, without its socket`);
      inGroups.add(member);
      const procs = readProcesses(ctx, member, name, noGroupScope);
      if (procs) processes.push(...procs);
      else ok = false;
    }
    if (ok && priority !== undefined) groups.push({ kind: 'group', name, priority, processes, source: reader.where(section, null) });
  }

  for (const section of sections.filter((s) => s.startsWith('program:') && !inGroups.has(s))) {
    const name = groupName(ctx, section);
    const priority = reader.value(section, 'priority', PROGRAM_OPTIONS.priority, pool);
    const processes = readProcesses(ctx, section, name, { groupScoped: new Set(['priority']), groupNames: pool });
    if (processes && priority !== undefined) groups.push({ kind: 'program', name, priority, processes, source: reader.where(section, null) });
  }

  for (const section of sections.filter((s) => s.startsWith('eventlistener:'))) {
    const listener = readEventListener(ctx, section);
    if (listener) groups.push(listener);
  }

  for (const section of sections.filter((s) => s.startsWith('fcgi-program:') && !inGroups.has(s))) {
    const fcgi = readFcgiProgram(ctx, section);
    if (fcgi) groups.push(fcgi);
  }

  warnDuplicateNames(ctx, groups);
  return groups.sort(byPriorityAndName);
}

function groupName(ctx: LoadContext, section: string): string {
  const checked = toProcessName(suffix(section));
  if (checked.ok) return checked.value;
  ctx.reader.error(section, null, checked.message);
  return suffix(section).trim();
}

function readEventListener(ctx: LoadContext, section: string): EventListenerPoolConfig | null {
  const { reader } = ctx;
  const pool = scopeNames(ctx, 'pool');
  const name = suffix(section);
  let ok = true;
  const priority = reader.value(section, 'priority', { ...PROGRAM_OPTIONS.priority, default: -1 }, pool);
  const bufferSize = reader.value(section, 'buffer_size', EVENTLISTENER_OPTIONS.buffer_size, pool);
  if (bufferSize !== undefined && bufferSize < 1) {
    reader.error(section, 'buffer_size', `[${section}] section sets invalid buffer_size (${bufferSize}): it must be at least 1`);
    ok = false;
  }
  const resultHandler = reader.value(section, 'result_handler', EVENTLISTENER_OPTIONS.result_handler, pool);
  if (resultHandler !== undefined && resultHandler !== DEFAULT_RESULT_HANDLER) {
    reader.error(section, 'result_handler', `${resultHandler} cannot be resolved within [${section}]: only ${DEFAULT_RESULT_HANDLER} is available (no Python plugins)`);
    ok = false;
  }
  const listed = reader.value(section, 'events', EVENTLISTENER_OPTIONS.events, pool);
  const events = [...new Set((listed ?? []).map((e) => e.toUpperCase()))];
  if (listed !== undefined && events.length === 0) {
    reader.error(section, 'events', `[${section}] section requires an "events" line`);
    ok = false;
  }
  for (const event of events.filter((e) => !EVENT_TYPES.includes(e))) {
    reader.error(section, 'events', `Unknown event type ${event} in [${section}] events`);
    ok = false;
  }
  if (reader.value(section, 'redirect_stderr', PROGRAM_OPTIONS.redirect_stderr, pool) === true) {
    reader.error(section, 'redirect_stderr', `[${section}] section sets redirect_stderr=true but this is not allowed because it will interfere with the eventlistener protocol`);
    ok = false;
  }
  const processes = readProcesses(ctx, section, name, { groupScoped: new Set(['priority', 'redirect_stderr']), groupNames: pool });
  if (!ok || !processes || priority === undefined || bufferSize === undefined || resultHandler === undefined || listed === undefined) return null;
  return { kind: 'eventlistener', name, priority, processes, source: reader.where(section, null), events, bufferSize, resultHandler };
}

function readFcgiProgram(ctx: LoadContext, section: string): FcgiGroupConfig | null {
  const { reader } = ctx;
  const pool = scopeNames(ctx, 'pool');
  const name = groupName(ctx, section);
  const priority = reader.value(section, 'priority', PROGRAM_OPTIONS.priority, pool);
  const socket = readFcgiSocket(ctx, section, name);
  const processes = readProcesses(ctx, section, name, { groupScoped: new Set(['priority', 'user']), groupNames: pool });
  if (!processes || !socket || priority === undefined) return null;
  // Said at every start and by --check: nothing else would tell that the program runs without its socket.
  reader.warn(
    section,
    'socket',
    `${socket.socket} is not created: tssupervisord cannot hand a listening socket to its children yet, so they get a stdin pipe as fd 0 where supervisord would pass them the socket`,
  );
  return { kind: 'fcgi-program', name, priority, processes, source: reader.where(section, null), ...socket };
}

function warnDuplicateNames(ctx: LoadContext, groups: readonly GroupConfig[]): void {
  const seen = new Map<string, GroupConfig>();
  for (const group of groups) {
    const first = seen.get(group.name);
    if (first) {
      const section = `${group.kind === 'group' ? 'group' : group.kind}:${group.name}`;
      ctx.reader.diagnostics.warn(group.source, section, null, `the group name "${group.name}" is also used at ${first.source.file}:${first.source.line}; only one of them can run`);
    } else seen.set(group.name, group);
  }
}

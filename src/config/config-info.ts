// The structs of `supervisor.getAllConfigInfo` exactly as supervisord 4.2.5 returns them (reference
// §4.8): one per process of every group, sorted by name (a stable sort, ties keep group order), with
// AUTO shown as 'auto' and unset values as 'none'. 4.2.5 has no `autorestart` key; we do not add one.

import type { Config, ProcessConfig } from './types.js';
import { AUTO } from './types.js';
import { compareCodePoints } from './py.js';

export interface ConfigInfoStruct {
  readonly autostart: boolean;
  readonly directory: string;
  readonly uid: number | 'none';
  readonly command: string;
  readonly exitcodes: readonly number[];
  readonly group: string;
  readonly group_prio: number;
  readonly inuse: boolean;
  readonly killasgroup: boolean;
  readonly name: string;
  readonly process_prio: number;
  readonly redirect_stderr: boolean;
  readonly startretries: number;
  readonly startsecs: number;
  readonly stdout_capture_maxbytes: number;
  readonly stdout_events_enabled: boolean;
  readonly stdout_logfile: string;
  readonly stdout_logfile_backups: number;
  readonly stdout_logfile_maxbytes: number;
  readonly stdout_syslog: boolean;
  readonly stopsignal: number;
  readonly stopwaitsecs: number;
  readonly stderr_capture_maxbytes: number;
  readonly stderr_events_enabled: boolean;
  readonly stderr_logfile: string;
  readonly stderr_logfile_backups: number;
  readonly stderr_logfile_maxbytes: number;
  readonly stderr_syslog: boolean;
  readonly serverurl: string;
}

/**
 * Before the first reread, supervisord reports AUTO log files by their resolved path (quirk (a) of
 * §4.8). The loader leaves AUTO unresolved; the daemon passes a resolver giving the real path (or null
 * to show 'auto', as supervisord does after a reread).
 */
export type AutoLogResolver = (proc: ProcessConfig, channel: 'stdout' | 'stderr') => string | null;

function logfileInfo(proc: ProcessConfig, channel: 'stdout' | 'stderr', resolve?: AutoLogResolver): string {
  const logfile = proc[channel].logfile;
  if (logfile === null) return 'none';
  if (logfile === AUTO) return resolve?.(proc, channel) ?? 'auto';
  return logfile;
}

export function configInfo(config: Config, activeGroupNames: ReadonlySet<string>, resolveAuto?: AutoLogResolver): ConfigInfoStruct[] {
  const out: ConfigInfoStruct[] = [];
  for (const group of config.groups) {
    const inuse = activeGroupNames.has(group.name);
    for (const p of group.processes) {
      out.push({
        autostart: p.autostart,
        directory: p.directory ?? 'none',
        uid: p.uid ?? 'none',
        command: p.command,
        exitcodes: p.exitcodes,
        group: group.name,
        group_prio: group.priority,
        inuse,
        killasgroup: p.killasgroup,
        name: p.name,
        process_prio: p.priority,
        redirect_stderr: p.redirectStderr,
        startretries: p.startretries,
        startsecs: p.startsecs,
        stdout_capture_maxbytes: p.stdout.captureMaxbytes,
        stdout_events_enabled: p.stdout.eventsEnabled,
        stdout_logfile: logfileInfo(p, 'stdout', resolveAuto),
        stdout_logfile_backups: p.stdout.logfileBackups,
        stdout_logfile_maxbytes: p.stdout.logfileMaxbytes,
        stdout_syslog: p.stdout.syslog,
        stopsignal: p.stopsignal,
        stopwaitsecs: p.stopwaitsecs,
        stderr_capture_maxbytes: p.stderr.captureMaxbytes,
        stderr_events_enabled: p.stderr.eventsEnabled,
        stderr_logfile: logfileInfo(p, 'stderr', resolveAuto),
        stderr_logfile_backups: p.stderr.logfileBackups,
        stderr_logfile_maxbytes: p.stderr.logfileMaxbytes,
        stderr_syslog: p.stderr.syslog,
        serverurl: p.serverurl ?? 'none',
      });
    }
  }
  return out.sort((a, b) => compareCodePoints(a.name, b.name));
}

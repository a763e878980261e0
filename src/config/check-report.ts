// The text of `tssupervisord -c FILE --check` (like `nginx -t`). renderCheckReport(result, file)
// returns, each part followed by a blank line when present:
//
// 1. when the config loaded — the resolved processes as a table, one line per process, groups in start
//    order, headed `N group(s), M process(es):` (or `no programs configured`):
//      GROUP  NAME  AUTOSTART  AUTORESTART  STARTSECS  STOPSIGNAL  STDOUT  STDERR  COMMAND
//    NAME is the namespec (`group:name`, or `name` when they are equal); STOPSIGNAL without `SIG`;
//    STDOUT/STDERR are AUTO, NONE or the path (+ `+syslog`); STDERR is `(stdout)` with redirect_stderr;
//    COMMAND is last and complete (line breaks shown as `\n`);
// 2. `warnings (N):` then one `  <formatDiagnostic>` line each;
// 3. `errors (N):` then one `  <formatDiagnostic>` line each;
// 4. the final line: `configuration file FILE test is successful` or `configuration file FILE test failed`,
//    where FILE is the file read when the load succeeded, else `configFileAsGiven`.
// The whole text ends with a newline. The CLI prints it to stdout and exits 0 (ok) or 2 (failed).

import type { GroupConfig, LogChannelConfig, ProcessConfig } from './types.js';
import { AUTO } from './types.js';
import { formatDiagnostic } from './diagnostics.js';
import { signalDisplayName } from './signals.js';
import type { LoadResult } from './load.js';

const HEADERS = ['GROUP', 'NAME', 'AUTOSTART', 'AUTORESTART', 'STARTSECS', 'STOPSIGNAL', 'STDOUT', 'STDERR', 'COMMAND'];

function logText(channel: LogChannelConfig): string {
  const file = channel.logfile === null ? 'NONE' : channel.logfile === AUTO ? 'AUTO' : channel.logfile;
  return channel.syslog ? `${file}+syslog` : file;
}

function row(group: GroupConfig, p: ProcessConfig): string[] {
  return [
    group.name,
    group.name === p.name ? p.name : `${group.name}:${p.name}`,
    String(p.autostart),
    String(p.autorestart),
    String(p.startsecs),
    signalDisplayName(p.stopsignal).replace(/^SIG/u, ''),
    logText(p.stdout),
    p.redirectStderr ? '(stdout)' : logText(p.stderr),
    p.command.replaceAll('\n', '\\n'),
  ];
}

function table(rows: string[][]): string[] {
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(HEADERS), ...rows.map(line)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
}

export function renderCheckReport(result: LoadResult, configFileAsGiven: string): string {
  const parts: string[] = [];
  if (result.ok) {
    const { groups } = result.config;
    const rows = groups.flatMap((g) => g.processes.map((p) => row(g, p)));
    const count = rows.length;
    if (count === 0) parts.push(groups.length === 0 ? 'no programs configured' : `${plural(groups.length, 'group')}, no processes`);
    else parts.push([`${plural(groups.length, 'group')}, ${plural(count, 'process')}:`, ...table(rows)].join('\n'));
  }
  if (result.warnings.length > 0) {
    parts.push([`warnings (${result.warnings.length}):`, ...result.warnings.map((d) => `  ${formatDiagnostic(d)}`)].join('\n'));
  }
  if (!result.ok) {
    parts.push([`errors (${result.errors.length}):`, ...result.errors.map((d) => `  ${formatDiagnostic(d)}`)].join('\n'));
  }
  const file = result.ok ? result.config.configFile : configFileAsGiven;
  parts.push(`configuration file ${file} test ${result.ok ? 'is successful' : 'failed'}`);
  return parts.join('\n\n') + '\n';
}

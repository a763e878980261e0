// The status page (`/`, `/index.html`). Our own look, but supervisord's element classes, link hrefs, query
// strings and texts, so that scrapers and browser habits keep working. Every name and text is escaped.

import { makeNamespec } from '../../core/names.js';
import { ProcessStates } from '../../core/states.js';
import { STYLE } from './style.js';
import { escapeHtml, pyQuote } from './text.js';

export interface StatusRow {
  readonly group: string;
  readonly name: string;
  readonly state: number;
  readonly statename: string;
  readonly description: string;
}

export interface StatusPage {
  /** In any order: the page sorts by group, then name, as supervisord does. */
  readonly processes: readonly StatusRow[];
  /** The `?message=` being shown, if any. */
  readonly message: string | null;
  readonly version: string;
}

interface ActionLink {
  readonly name: string;
  readonly href: string;
  readonly blank: boolean;
}

function stateClass(state: number): string {
  if (state === ProcessStates.RUNNING) return 'statusrunning';
  if (state === ProcessStates.FATAL || state === ProcessStates.BACKOFF) return 'statuserror';
  return 'statusnominal';
}

/** Five slots per row, as in supervisord; null is an empty (hidden) slot. */
function actionsFor(state: number, quoted: string): Array<ActionLink | null> {
  const own = (name: string, action: string): ActionLink => ({ name, href: `index.html?processname=${quoted}&action=${action}`, blank: false });
  const tails: ActionLink[] = [
    { name: 'Tail -f Stdout', href: `logtail/${quoted}`, blank: true },
    { name: 'Tail -f Stderr', href: `logtail/${quoted}/stderr`, blank: true },
  ];
  const clear = own('Clear Log', 'clearlog');
  if (state === ProcessStates.RUNNING) return [own('Restart', 'restart'), own('Stop', 'stop'), clear, ...tails];
  if (state === ProcessStates.STOPPED || state === ProcessStates.EXITED || state === ProcessStates.FATAL) {
    return [own('Start', 'start'), null, clear, ...tails];
  }
  return [null, null, clear, ...tails];
}

function actionItem(link: ActionLink | null): string {
  if (link === null) return '<li><a class="hidden" href="#" name="#">Action</a></li>';
  const target = link.blank ? ' target="_blank"' : '';
  return `<li><a href="${escapeHtml(link.href)}" name="${link.name}"${target}>${link.name}</a></li>`;
}

function row(info: StatusRow, shaded: boolean): string {
  const namespec = makeNamespec(info.group, info.name);
  const quoted = pyQuote(namespec);
  return [
    `<tr class="${shaded ? 'shade' : ''}">`,
    `<td class="status"><span class="${stateClass(info.state)}">${escapeHtml(info.statename.toLowerCase())}</span></td>`,
    `<td><span>${escapeHtml(info.description)}</span></td>`,
    `<td><a href="tail.html?processname=${quoted}" target="_blank">${escapeHtml(namespec)}</a></td>`,
    `<td class="action"><ul>${actionsFor(info.state, quoted).map(actionItem).join('')}</ul></td>`,
    '</tr>',
  ].join('\n');
}

function byGroupThenName(a: StatusRow, b: StatusRow): number {
  const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.group, b.group) || cmp(a.name, b.name);
}

function table(processes: readonly StatusRow[]): string {
  if (processes.length === 0) return 'No programs to manage';
  const rows = [...processes].sort(byGroupThenName).map((info, i) => row(info, i % 2 === 1));
  return [
    '<table cellspacing="0">',
    '<thead><tr><th class="state">State</th><th class="desc">Description</th><th class="name">Name</th><th class="action">Action</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
  ].join('\n');
}

export function renderStatusPage(page: StatusPage): string {
  const message = page.message === null ? '<div class="hidden">#</div>' : `<div class="status_msg">${escapeHtml(page.message)}</div>`;
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<title>Supervisor Status</title>
<style>${STYLE}</style>
</head>
<body>
<div id="wrapper">
<div id="header"><h1>Supervisor status</h1></div>
<div>
${message}
<form action="index.html" method="post">
<ul class="clr" id="buttons">
<li class="action-button"><a href="index.html?action=refresh">Refresh</a></li>
<li class="action-button"><a href="index.html?action=restartall">Restart All</a></li>
<li class="action-button"><a href="index.html?action=stopall">Stop All</a></li>
</ul>
${table(page.processes)}
</form>
</div>
</div>
<div class="clr" id="footer">
<div class="left">tssupervisor <span>${escapeHtml(page.version)}</span> (supervisord 4.2.5 compatible)</div>
</div>
</body>
</html>
`;
}

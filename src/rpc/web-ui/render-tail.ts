// `/tail.html?processname=…&limit=…`: the end of a process's stdout log in a page, as supervisord shows it.

import { escapeHtml, pyQuote } from './text.js';

export interface TailPage {
  /** null when the request named no process (the page says so and has no refresh link). */
  readonly processname: string | null;
  readonly text: string;
  /** The byte count the refresh link asks for again. */
  readonly limit: number;
}

export function renderTailPage(page: TailPage): string {
  const refresh =
    page.processname === null
      ? ''
      : `<a href="${escapeHtml(`tail.html?processname=${pyQuote(page.processname)}&limit=${page.limit}`)}">` +
        '<input type="button" value=" Refresh " name="refresh" /></a>';
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<title>Supervisor tail of process ${escapeHtml(page.processname ?? 'None')}</title>
</head>
<body>
<div>
<pre>${escapeHtml(page.text)}</pre>
<form action="index.html" method="POST">
<div style="margin-top: 10px;">${refresh}</div>
</form>
</div>
</body>
</html>
`;
}

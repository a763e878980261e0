// supervisord's web UI at the port's root (reference §4.10): `/` and `/index.html` (status table and actions),
// `/tail.html`, `/ok.html`. GET or POST (a urlencoded body overrides the query string), behind the server's
// auth like every other route. An action answers 301 with `Location: <server>/?message=…` once it is done.

import type http from 'node:http';
import { Fault, FaultCodes } from '../../core/faults.js';
import { VERSION } from '../../version.js';
import { readRequestBody, sendError, type ControlLog } from '../http-util.js';
import { dispatch, type MethodTable } from '../method-table.js';
import { UnknownAction, runAction, type Call } from './actions.js';
import { renderStatusPage, type StatusRow } from './render-status.js';
import { renderTailPage } from './render-tail.js';
import { pyQuote, readForm } from './text.js';

export type WebUiView = 'index.html' | 'tail.html' | 'ok.html';

const VIEWS: ReadonlySet<string> = new Set<WebUiView>(['index.html', 'tail.html', 'ok.html']);

/** The view a request path (without query) names: leading slashes are dropped, and an empty path is the index. */
export function webUiView(path: string): WebUiView | null {
  const name = path.replace(/^\/+/, '') || 'index.html';
  return VIEWS.has(name) ? (name as WebUiView) : null;
}

const PAGE_HEADERS = {
  'Content-Type': 'text/html;charset=utf-8',
  Pragma: 'no-cache',
  'Cache-Control': 'no-cache',
  Expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
};

/** The body supervisord (medusa) sends with its redirects. */
const MOVED_PAGE =
  '<head>\r\n<title>Error response</title>\r\n</head>\r\n<body>\r\n<h1>Error response</h1>\r\n' +
  '<p>Error code 301.\r\n<p>Message: Moved Permanently.\r\n</body>\r\n';

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** `http://<Host>` as supervisord builds it (port 80 left out); the socket's own address without a Host header. */
export function serverUrl(req: http.IncomingMessage): string {
  const host = req.headers.host?.trim();
  let hostname: string;
  let port: string | undefined;
  if (host !== undefined && host !== '') {
    const m = /^(.*):([0-9]*)$/.exec(host);
    [hostname, port] = m ? [m[1]!, m[2]!] : [host, undefined];
  } else {
    hostname = req.socket.localAddress ?? 'localhost';
    port = req.socket.localPort === undefined ? undefined : String(req.socket.localPort);
  }
  return `http://${port === undefined || port === '80' ? hostname : `${hostname}:${port}`}`.replace(/\/$/, '');
}

function callerOf(methods: MethodTable, res: http.ServerResponse): Call {
  const aborter = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) aborter.abort(); // the browser left before the answer
  });
  return async (method, params) => {
    const outcome = await dispatch(methods, method, params, { transport: 'xmlrpc', signal: aborter.signal });
    if (outcome.kind === 'fault') throw outcome.fault;
    if (outcome.kind === 'error') throw outcome.error;
    return outcome.value;
  };
}

async function statusPage(res: http.ServerResponse, call: Call, message: string | null): Promise<void> {
  const processes = (await call('supervisor.getAllProcessInfo', [])) as StatusRow[];
  send(res, 200, PAGE_HEADERS, renderStatusPage({ processes, message, version: VERSION }));
}

async function tailPage(res: http.ServerResponse, call: Call, form: ReadonlyMap<string, string>): Promise<void> {
  const processname = form.get('processname') ?? null;
  const asked = form.get('limit') ?? '';
  const limit = Math.max(1024, /^[0-9]+$/.test(asked) ? Number(asked) : 1024);
  let text = 'No process name found';
  if (processname !== null) {
    try {
      text = String(await call('supervisor.readProcessStdoutLog', [processname, -limit, 0]));
    } catch (err) {
      if (!(err instanceof Fault)) throw err;
      text = err.code === FaultCodes.NO_FILE ? `No file for ${processname}` : `ERROR: unexpected rpc fault [${err.code}] ${err.faultString}`;
    }
  }
  send(res, 200, PAGE_HEADERS, renderTailPage({ processname, text, limit }));
}

async function readPostBody(req: http.IncomingMessage): Promise<string | null> {
  if (req.method !== 'POST') return null;
  return (await readRequestBody(req, { requireLength: false })).toString('utf8');
}

export async function handleWebUi(req: http.IncomingMessage, res: http.ServerResponse, view: WebUiView, methods: MethodTable, log: ControlLog): Promise<void> {
  // supervisord's UI takes GET and POST; its static handler answers HEAD with 404 and anything else with 400.
  if (req.method !== 'GET' && req.method !== 'POST') return sendError(res, req.method === 'HEAD' ? 404 : 400);
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  let form: Map<string, string>;
  try {
    form = readForm(queryAt === -1 ? '' : url.slice(queryAt + 1).replace(/#.*$/s, ''), await readPostBody(req));
  } catch {
    return sendError(res, 400, { close: true });
  }
  if (view === 'ok.html') return send(res, 200, { 'Content-Type': 'text/plain' }, 'OK');
  const call = callerOf(methods, res);
  try {
    if (view === 'tail.html') return await tailPage(res, call, form);
    const action = form.get('action');
    if (action === undefined) return await statusPage(res, call, form.get('message') ?? null);
    const message = await runAction(call, action, form.get('processname'));
    const location = `${serverUrl(req)}/?message=${pyQuote(message)}`;
    send(res, 301, { Location: location, ...PAGE_HEADERS, 'Content-Type': 'text/html' }, MOVED_PAGE);
  } catch (err) {
    if (err instanceof UnknownAction) log.warn(`Web interface error: ${err.message}`);
    else log.crit(`Web interface error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    sendError(res, 500);
  }
}

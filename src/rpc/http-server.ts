// The control plane's HTTP servers: one per [unix_http_server] / [inet_http_server] section, each
// serving XML-RPC (/RPC2), the log tails, and our JSON API, all behind the section's Basic auth.
import http from 'node:http';
import type { ServerConfig } from '../config/types.js';
import { UNAUTHORIZED_HEADERS, checkAuth } from './http-auth.js';
import { pathOf, sendError, type ControlLog } from './http-util.js';
import { handleEvents, handleJsonCall, type EventSource } from './json-api.js';
import { isLoopbackHost, listenInet, listenUnix, unlinkOwnSocket } from './listen.js';
import { handleLogtail, handleMainLogtail, type LogTailSource } from './logtail.js';
import type { MethodTable } from './method-table.js';
import { withSystemMethods } from './system-methods.js';
import { handleWebUi, webUiView } from './web-ui/handler.js';
import { handleXmlRpc } from './xmlrpc-handler.js';

export type { ControlLog } from './http-util.js';
export type { EventSource } from './json-api.js';
export type { LogTailSource } from './logtail.js';
export { ADDRESS_IN_USE_MESSAGE, ControlServerError } from './listen.js';

export interface ControlServerOptions {
  readonly servers: readonly ServerConfig[];
  /** Served as given; the `system.*` namespace is added when the table does not have it. */
  readonly methods: MethodTable;
  readonly logs: LogTailSource;
  readonly events: EventSource;
  readonly log: ControlLog;
  /** Where `Unlinking stale socket …` is written (supervisord writes it to stderr). */
  readonly stderr?: (text: string) => void;
  /** Event stream consumers with more unsent bytes than this are disconnected (default 4 MiB). */
  readonly maxEventBacklogBytes?: number;
}

export type ControlEndpoint =
  | { readonly section: string; readonly kind: 'unix'; readonly file: string }
  | { readonly section: string; readonly kind: 'inet'; readonly host: string; readonly port: number };

export interface ControlServers {
  /** Where each server listens (the real port when the config asked for port 0). */
  readonly endpoints: readonly ControlEndpoint[];
  /** Stops accepting, drops open connections (tails never end by themselves), unlinks our sockets. */
  close(): Promise<void>;
}

interface Running {
  readonly server: http.Server;
  readonly endpoint: ControlEndpoint;
  readonly socketInode: number | null;
}

function route(req: http.IncomingMessage, res: http.ServerResponse, cfg: ServerConfig, opts: ControlServerOptions, methods: MethodTable): Promise<void> | void {
  const verdict = checkAuth(req, cfg.auth);
  if (verdict === 401) return sendError(res, 401, { close: true, headers: { ...UNAUTHORIZED_HEADERS } });
  if (verdict === 400) return sendError(res, 400, { close: true });
  const url = req.url ?? '/';
  // Prefix matches, in supervisord's order (so `/RPC2/anything` is XML-RPC, as there).
  if (url.startsWith('/RPC2')) return handleXmlRpc(req, res, methods, opts.log);
  if (url.startsWith('/logtail')) return handleLogtail(req, res, opts.logs);
  if (url.startsWith('/mainlogtail')) return handleMainLogtail(req, res, opts.logs);
  const path = pathOf(req);
  if (path === '/api/v1/call') return handleJsonCall(req, res, methods, opts.log);
  if (path === '/api/v1/events') return handleEvents(req, res, opts.events, opts.log, opts.maxEventBacklogBytes);
  const view = webUiView(path);
  if (view !== null) return handleWebUi(req, res, view, methods, opts.log);
  return sendError(res, 404);
}

function createServer(cfg: ServerConfig, opts: ControlServerOptions, methods: MethodTable): http.Server {
  const server = http.createServer((req, res) => {
    const fail = (err: unknown): void => {
      opts.log.crit(`HTTP request ${req.method ?? '?'} ${req.url ?? '?'} on '${cfg.section}' failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendError(res, 500, { close: true });
    };
    try {
      void Promise.resolve(route(req, res, cfg, opts, methods)).catch(fail);
    } catch (err) {
      fail(err);
    }
  });
  // supervisorctl keeps one connection for its whole session and does not retry on a closed one,
  // so idle keep-alive connections are never timed out (supervisord does not either).
  server.keepAliveTimeout = 0;
  return server;
}

function warnAboutAuth(cfg: ServerConfig, endpoint: ControlEndpoint, log: ControlLog): void {
  if (cfg.auth !== null) return;
  log.crit(`Server '${cfg.section}' running without any HTTP authentication checking`);
  if (endpoint.kind === 'inet' && !isLoopbackHost(endpoint.host)) {
    const where = endpoint.host === '' ? `all interfaces, port ${endpoint.port}` : `${endpoint.host}:${endpoint.port}`;
    log.warn(
      `Server '${cfg.section}' listens on ${where} WITHOUT AUTHENTICATION: anyone who can reach it can run ` +
        `commands as this daemon's user. Set username and password in [${cfg.section}] or bind it to 127.0.0.1.`,
    );
  }
}

async function startOne(cfg: ServerConfig, opts: ControlServerOptions, methods: MethodTable, running: Running[]): Promise<void> {
  const server = createServer(cfg, opts, methods);
  // Registered before listening, so a failure half-way still gets this listener closed.
  const entry: { -readonly [K in keyof Running]: Running[K] } = {
    server,
    endpoint: cfg.kind === 'unix' ? { section: cfg.section, kind: 'unix', file: cfg.file } : { section: cfg.section, kind: 'inet', host: cfg.host, port: cfg.port },
    socketInode: null,
  };
  running.push(entry);
  if (cfg.kind === 'unix') {
    entry.socketInode = await listenUnix(server, cfg, opts.stderr ?? ((text) => process.stderr.write(text)));
  } else {
    const bound = await listenInet(server, cfg);
    entry.endpoint = { section: cfg.section, kind: 'inet', host: cfg.host, port: bound.port };
  }
  warnAboutAuth(cfg, entry.endpoint, opts.log);
}

async function closeAll(running: readonly Running[]): Promise<void> {
  await Promise.all(
    running.map(
      ({ server, endpoint, socketInode }) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
          if (endpoint.kind === 'unix' && socketInode !== null) unlinkOwnSocket(endpoint.file, socketInode);
          if (!server.listening) resolve();
        }),
    ),
  );
}

export async function startControlServers(opts: ControlServerOptions): Promise<ControlServers> {
  const methods = opts.methods.has('system.multicall') ? opts.methods : withSystemMethods(opts.methods);
  const running: Running[] = [];
  try {
    for (const cfg of opts.servers) await startOne(cfg, opts, methods, running);
  } catch (err) {
    await closeAll(running);
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    endpoints: running.map((r) => r.endpoint),
    close: () => (closing ??= closeAll(running)),
  };
}

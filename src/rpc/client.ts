// The XML-RPC client the ctl and the dashboard use to talk to a supervisord-compatible server.
// It is on the ctl's start-up path, so it imports only node:http and the codec.
import http from 'node:http';
import type { Readable } from 'node:stream';
import { Fault } from '../core/faults.js';
import { decodeMethodResponse, encodeMethodCall } from './xmlrpc.js';

export type TransportErrorKind = 'ENOENT' | 'ECONNREFUSED' | 'EACCES' | 'UNAUTHORIZED' | 'HTTP' | 'OTHER';

/** Anything that went wrong below XML-RPC: the ctl turns `kind` into supervisorctl's words and exit code. */
export class TransportError extends Error {
  readonly kind: TransportErrorKind;
  readonly status: number | undefined;

  constructor(kind: TransportErrorKind, message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
    this.kind = kind;
    this.status = status;
  }
}

export interface RpcClientOptions {
  readonly serverUrl: string;
  readonly username?: string | null;
  readonly password?: string | null;
  /** Give up when no response arrived within this time. Default: wait as long as the server needs. */
  readonly timeoutMs?: number;
}

export interface RpcClient {
  call<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
  /** A raw GET (`/logtail/...`, `/mainlogtail`, `/api/v1/events`); the caller owns the stream. */
  getStream(path: string): Promise<{ status: number; stream: Readable }>;
  close(): void;
}

interface Endpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  /** Host header: `localhost` over a unix socket, as supervisorctl sends. */
  readonly hostHeader: string;
}

function parseServerUrl(serverUrl: string): Endpoint {
  if (serverUrl.startsWith('unix://')) {
    const socketPath = serverUrl.slice('unix://'.length);
    if (socketPath === '') throw new TransportError('OTHER', `${serverUrl}: no socket path in server URL`);
    return { socketPath, hostHeader: 'localhost' };
  }
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    throw new TransportError('OTHER', `${serverUrl}: not a valid server URL`);
  }
  if (url.protocol !== 'http:') throw new TransportError('OTHER', `${serverUrl}: only http:// and unix:// server URLs are supported`);
  const port = url.port === '' ? 80 : Number(url.port);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port, hostHeader: url.host };
}

const CONNECT_WORDS: Partial<Record<string, string>> = {
  ENOENT: 'no such file',
  ECONNREFUSED: 'refused connection',
  EACCES: 'permission denied',
};

function connectError(serverUrl: string, err: unknown): TransportError {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  const kind: TransportErrorKind = code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' ? code : 'OTHER';
  const words = CONNECT_WORDS[code] ?? (err instanceof Error ? err.message : String(err));
  return new TransportError(kind, `${serverUrl}: ${words}`, undefined, { cause: err });
}

function statusError(serverUrl: string, path: string, status: number, statusMessage: string | undefined): TransportError {
  const kind: TransportErrorKind = status === 401 ? 'UNAUTHORIZED' : 'HTTP';
  return new TransportError(kind, `${serverUrl}${path}: ${status} ${statusMessage ?? ''}`.trimEnd(), status);
}

function readBody(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}

export function createRpcClient(opts: RpcClientOptions): RpcClient {
  const agent = new http.Agent({ keepAlive: true });
  let endpoint: Endpoint | TransportError;
  try {
    endpoint = parseServerUrl(opts.serverUrl);
  } catch (err) {
    endpoint = err as TransportError;
  }
  const auth =
    opts.username != null && opts.password != null
      ? `Basic ${Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64')}`
      : null;

  /** One request; retried once when a reused keep-alive socket turned out to be closed by the server. */
  function request(method: 'GET' | 'POST', path: string, headers: http.OutgoingHttpHeaders, body: Buffer | null, retry = true): Promise<http.IncomingMessage> {
    if (endpoint instanceof TransportError) return Promise.reject(endpoint);
    const target = endpoint;
    return new Promise((resolve, reject) => {
      const req = http.request({
        agent,
        method,
        path,
        socketPath: target.socketPath,
        host: target.host,
        port: target.port,
        headers: { Host: target.hostHeader, ...(auth === null ? {} : { Authorization: auth }), ...headers },
      });
      const timer = opts.timeoutMs === undefined ? null : setTimeout(() => {
        req.destroy(new TransportError('OTHER', `${opts.serverUrl}: no response within ${opts.timeoutMs} ms`));
      }, opts.timeoutMs);
      const settle = (): void => {
        if (timer !== null) clearTimeout(timer);
      };
      req.on('response', (res) => {
        settle();
        resolve(res);
      });
      req.on('error', (err) => {
        settle();
        if (retry && req.reusedSocket && (err as NodeJS.ErrnoException).code === 'ECONNRESET') {
          request(method, path, headers, body, false).then(resolve, reject);
        } else {
          reject(err instanceof TransportError ? err : connectError(opts.serverUrl, err));
        }
      });
      req.end(body ?? undefined);
    });
  }

  return {
    async call<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
      const body = Buffer.from(encodeMethodCall(method, params), 'utf8');
      const headers = { 'Content-Type': 'text/xml', Accept: 'text/xml', 'User-Agent': 'tssupervisor', 'Content-Length': body.length };
      const res = await request('POST', '/RPC2', headers, body);
      const payload = await readBody(res).catch((err: unknown) => {
        throw new TransportError('OTHER', `${opts.serverUrl}: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
      });
      if (res.statusCode !== 200) throw statusError(opts.serverUrl, '/RPC2', res.statusCode ?? 0, res.statusMessage);
      let decoded;
      try {
        decoded = decodeMethodResponse(payload.toString('utf8'));
      } catch (err) {
        throw new TransportError('OTHER', `${opts.serverUrl}: unreadable XML-RPC response (${(err as Error).message})`, 200, { cause: err });
      }
      if (!decoded.ok) throw Fault.fromWire(decoded.faultCode, decoded.faultString);
      return decoded.value as T;
    },

    async getStream(path: string): Promise<{ status: number; stream: Readable }> {
      const res = await request('GET', path, { Accept: '*/*', 'User-Agent': 'tssupervisor' }, null);
      return { status: res.statusCode ?? 0, stream: res };
    },

    close(): void {
      agent.destroy();
    },
  };
}

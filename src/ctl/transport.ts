// The ctl's connection to the daemon. tssupervisord also answers our JSON API (POST /api/v1/call, same
// methods, same faults), which needs no XML parsing: the first call tries it, and if the server is not ours
// (supervisord answers 400) the session switches to XML-RPC through src/rpc/client.ts, loaded only then.
// TSSUPERVISORCTL_TRANSPORT=xmlrpc|json forces one. The JSON calls go through http-lite.ts (node:net);
// node:http is loaded only for streams (tail -f, fg).

import type http from 'node:http';
import type { Readable } from 'node:stream';
import { Fault } from '../core/faults.js';
import type { RpcLike, RpcSettings } from './controller.js';
import { LiteConnection, type LiteResponse } from './http-lite.js';

type Kind = 'ENOENT' | 'ECONNREFUSED' | 'EACCES' | 'UNAUTHORIZED' | 'HTTP' | 'OTHER';

/** Same shape and name as src/rpc/client.ts's TransportError (the ctl tells them apart by `kind` only). */
export class CtlTransportError extends Error {
  readonly kind: Kind;
  readonly status: number | undefined;

  constructor(kind: Kind, message: string, status?: number, cause?: unknown) {
    super(message, { cause });
    this.name = 'TransportError';
    this.kind = kind;
    this.status = status;
  }
}

interface Endpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  readonly hostHeader: string;
}

function endpointOf(serverUrl: string): Endpoint {
  if (serverUrl.startsWith('unix://')) return { socketPath: serverUrl.slice('unix://'.length), hostHeader: 'localhost' };
  const url = new URL(serverUrl);
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? 80 : Number(url.port), hostHeader: url.host };
}

function connectError(serverUrl: string, err: unknown): CtlTransportError {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  const kind: Kind = code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' ? code : 'OTHER';
  return new CtlTransportError(kind, `${serverUrl}: ${err instanceof Error ? err.message : String(err)}`, undefined, err);
}

type Mode = 'probe' | 'json' | 'xmlrpc';

const NOT_OURS = Symbol('not our JSON API');

export function createCtlRpc(settings: RpcSettings, env: NodeJS.ProcessEnv = process.env): RpcLike {
  const forced = env.TSSUPERVISORCTL_TRANSPORT;
  let mode: Mode = forced === 'xmlrpc' ? 'xmlrpc' : forced === 'json' ? 'json' : 'probe';
  let lite: LiteConnection | null = null;
  let xmlrpc: Promise<RpcLike> | null = null;
  const auth =
    settings.username != null && settings.password != null
      ? `Basic ${Buffer.from(`${settings.username}:${settings.password}`, 'utf8').toString('base64')}`
      : null;

  async function post(path: string, body: string): Promise<LiteResponse> {
    let target: Endpoint;
    try {
      target = endpointOf(settings.serverUrl);
    } catch (err) {
      throw connectError(settings.serverUrl, err);
    }
    const headers: Record<string, string> = { Host: target.hostHeader, Accept: 'application/json', 'Content-Type': 'application/json' };
    if (auth !== null) headers.Authorization = auth;
    lite ??= new LiteConnection(target);
    try {
      return await lite.request('POST', path, headers, body);
    } catch (err) {
      throw connectError(settings.serverUrl, err);
    }
  }

  /**
   * Streams get a keep-alive connection of their own: supervisord answers 400 to a GET on a connection that
   * carried POSTs, and never answers a /logtail GET that says `Connection: close` (it waits for the end).
   */
  async function getStream(path: string): Promise<http.IncomingMessage> {
    const { default: http } = await import('node:http');
    return new Promise((resolve, reject) => {
      let target: Endpoint;
      try {
        target = endpointOf(settings.serverUrl);
      } catch (err) {
        reject(connectError(settings.serverUrl, err));
        return;
      }
      const headers: http.OutgoingHttpHeaders = { Host: target.hostHeader, Accept: '*/*' };
      if (auth !== null) headers.Authorization = auth;
      const streamAgent = new http.Agent({ keepAlive: true });
      const req = http.request({
        agent: streamAgent,
        method: 'GET',
        path,
        socketPath: target.socketPath,
        host: target.host,
        port: target.port,
        headers,
      });
      req.on('response', (res) => {
        res.once('close', () => streamAgent.destroy());
        resolve(res);
      });
      req.on('error', (err) => {
        streamAgent.destroy();
        reject(connectError(settings.serverUrl, err));
      });
      req.end();
    });
  }

  function xmlrpcClient(): Promise<RpcLike> {
    xmlrpc ??= import('../rpc/client.js').then(({ createRpcClient }) => createRpcClient(settings));
    return xmlrpc;
  }

  async function jsonCall<T>(method: string, params: readonly unknown[]): Promise<T | typeof NOT_OURS> {
    const res = await post('/api/v1/call', JSON.stringify({ method, params }));
    const status = res.status;
    if (status === 401) throw new CtlTransportError('UNAUTHORIZED', `${settings.serverUrl}: 401 Unauthorized`, 401);
    const isJson = /^application\/json/.test(res.headers.get('content-type') ?? '');
    if (!isJson) {
      if (mode === 'probe') {
        // Not ours: whatever the server left of the exchange stays out of the XML-RPC session.
        lite?.close();
        return NOT_OURS;
      }
      throw new CtlTransportError('HTTP', `${settings.serverUrl}/api/v1/call: ${status} ${res.reason}`, status);
    }
    const answer = JSON.parse(res.body.toString('utf8')) as { result?: unknown; error?: { code: number; message: string } };
    if (answer.error) {
      if (status !== 200) throw new CtlTransportError('HTTP', `${settings.serverUrl}/api/v1/call: ${answer.error.message}`, status);
      throw Fault.fromWire(answer.error.code, answer.error.message);
    }
    return answer.result as T;
  }

  return {
    async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
      if (mode !== 'xmlrpc') {
        const result = await jsonCall<T>(method, params);
        if (result !== NOT_OURS) {
          mode = 'json';
          return result;
        }
        mode = 'xmlrpc';
      }
      return (await xmlrpcClient()).call<T>(method, params);
    },

    async getStream(path: string): Promise<{ status: number; stream: Readable }> {
      const res = await getStream(path);
      return { status: res.statusCode ?? 0, stream: res };
    },

    close(): void {
      lite?.close();
      void xmlrpc?.then((client) => client.close());
    },
  };
}

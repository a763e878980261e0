// The dashboard's line to the daemon: the event stream (GET /api/v1/events, NDJSON) kept open and
// reopened with backoff whenever it drops, and calls through the same client (socket or TCP, auth).

import { createRpcClient, TransportError, type RpcClient } from '../rpc/client.js';
import type { ConnectionStatus, DaemonEvent } from './model/types.js';

export interface ConnectionOptions {
  readonly serverUrl: string;
  readonly username?: string | null;
  readonly password?: string | null;
}

export interface ConnectionHandlers {
  /** The events of one read from the stream, in order (the first one after connecting is the snapshot). */
  onEvents(events: DaemonEvent[]): void;
  onStatus(status: ConnectionStatus, detail: string): void;
}

export interface Connection {
  call<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
  close(): void;
}

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 2000;

function describeFailure(err: unknown): string {
  if (err instanceof TransportError) {
    if (err.kind === 'UNAUTHORIZED') return 'authentication failed (check -u/-p)';
    return err.message.replace(/^[^ ]*: /, '');
  }
  return err instanceof Error ? err.message : String(err);
}

export function openConnection(options: ConnectionOptions, handlers: ConnectionHandlers): Connection {
  const client: RpcClient = createRpcClient(options);
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;
  let stream: NodeJS.ReadableStream & { destroy(): void } | null = null;

  const retryLater = (detail: string): void => {
    stream = null;
    if (closed) return;
    handlers.onStatus('disconnected', detail);
    timer = setTimeout(() => void attempt(), retryMs);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  };

  async function attempt(): Promise<void> {
    timer = null;
    if (closed) return;
    handlers.onStatus('connecting', '');
    let response;
    try {
      response = await client.getStream('/api/v1/events');
    } catch (err) {
      return retryLater(describeFailure(err));
    }
    if (closed) return void response.stream.destroy();
    if (response.status !== 200) {
      response.stream.resume();
      const why = response.status === 401 ? 'authentication failed (check -u/-p)' : response.status === 404 ? 'no event stream here (is this tssupervisord?)' : `HTTP ${response.status}`;
      return retryLater(why);
    }
    stream = response.stream;
    retryMs = FIRST_RETRY_MS;
    handlers.onStatus('connected', '');
    let pending = '';
    let ended = false;
    const finish = (detail: string) => {
      if (ended) return;
      ended = true;
      retryLater(detail);
    };
    response.stream.setEncoding('utf8');
    response.stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      const events: DaemonEvent[] = [];
      for (const line of lines) {
        if (line.trim() === '') continue;
        try {
          events.push(JSON.parse(line) as DaemonEvent);
        } catch {
          // A line we cannot read is skipped; the next snapshot (after a reconnect) repairs any gap.
        }
      }
      if (events.length > 0) handlers.onEvents(events);
    });
    response.stream.on('end', () => finish('the daemon closed the connection'));
    response.stream.on('error', (err) => finish(describeFailure(err)));
    response.stream.on('close', () => finish('connection lost'));
  }

  void attempt();
  return {
    call: (method, params = []) => client.call(method, params),
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      stream?.destroy();
      client.close();
    },
  };
}

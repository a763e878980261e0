// Our JSON transport next to XML-RPC on the same servers and the same method table:
// `POST /api/v1/call` for calls and `GET /api/v1/events` for a snapshot-then-events NDJSON stream.
import type http from 'node:http';
import { Fault, faultName } from '../core/faults.js';
import { BodyError, readRequestBody, type ControlLog } from './http-util.js';
import { dispatch, type MethodTable } from './method-table.js';

export interface EventSource {
  /** The snapshot is the state as of subscription; every later change arrives through onEvent. */
  subscribe(onEvent: (event: object) => void): { snapshot: object; close(): void };
}

/** An event consumer with more than this waiting in its socket is too slow and is disconnected. */
export const MAX_EVENT_BACKLOG_BYTES = 4 * 1024 * 1024;

interface JsonError {
  readonly code: number;
  readonly name: string;
  readonly message: string;
}

function sendJson(res: http.ServerResponse, status: number, body: { result: unknown } | { error: JsonError }, close = false): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(text);
}

function faultError(fault: Fault): JsonError {
  return { code: fault.code, name: faultName(fault.code), message: fault.faultString };
}

/** Errors that are the request's fault, not a method's: HTTP 4xx with a `BAD_REQUEST` error. */
function badRequest(res: http.ServerResponse, status: number, message: string, close = false): void {
  sendJson(res, status, { error: { code: 0, name: 'BAD_REQUEST', message } }, close);
}

function parseCall(body: Buffer): { method: string; params: unknown[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'body is not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'body must be an object {"method", "params"}';
  const { method, params = [] } = value as Record<string, unknown>;
  if (typeof method !== 'string' || method === '') return '"method" must be a non-empty string';
  if (!Array.isArray(params)) return '"params" must be an array';
  return { method, params };
}

export async function handleJsonCall(req: http.IncomingMessage, res: http.ServerResponse, methods: MethodTable, log: ControlLog): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return badRequest(res, 405, 'use POST', true);
  }
  let body: Buffer;
  try {
    body = await readRequestBody(req, { requireLength: false });
  } catch (err) {
    const status = err instanceof BodyError ? err.status : 400;
    return badRequest(res, status, err instanceof Error ? err.message : String(err), true);
  }
  const call = parseCall(body);
  if (typeof call === 'string') return badRequest(res, 400, call);
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort(); // the client left before the answer
  });
  const outcome = await dispatch(methods, call.method, call.params, { transport: 'json', signal: aborter.signal });
  if (outcome.kind === 'fault') return sendJson(res, 200, { error: faultError(outcome.fault) });
  if (outcome.kind === 'result') {
    try {
      return sendJson(res, 200, { result: outcome.value });
    } catch (err) {
      log.crit(`JSON call ${call.method}() returned a value that cannot be sent: ${String(err)}`);
      return sendJson(res, 500, { error: faultError(new Fault('FAILED', 'unserialisable result')) });
    }
  }
  const detail = outcome.error instanceof Error ? (outcome.error.stack ?? outcome.error.message) : String(outcome.error);
  log.crit(`Handling JSON call ${call.method}() raised an unexpected exception: ${detail}`);
  sendJson(res, 500, { error: faultError(new Fault('FAILED', 'internal error')) });
}

/**
 * NDJSON: the snapshot line, then one line per event. Events that arrive while the snapshot is
 * being taken are queued behind it, so the stream has no gap and no reordering. A consumer that
 * cannot keep up is disconnected rather than allowed to grow the daemon's memory.
 */
export function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, events: EventSource, log: ControlLog, maxBacklog = MAX_EVENT_BACKLOG_BYTES): void {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return badRequest(res, 405, 'use GET', true);
  }
  let pending: object[] | null = [];
  let dropped = false;
  const send = (line: object): void => {
    if (dropped || res.destroyed) return;
    let text: string;
    try {
      text = `${JSON.stringify(line)}\n`;
    } catch (err) {
      log.warn(`event stream: skipping an event that cannot be serialised: ${String(err)}`);
      return;
    }
    res.write(text);
    if (res.writableLength > maxBacklog) {
      dropped = true;
      log.warn(`dropping slow event stream consumer: ${res.writableLength} bytes not yet taken`);
      res.destroy();
    }
  };
  const subscription = events.subscribe((event) => {
    if (pending !== null) pending.push(event);
    else send(event);
  });
  res.on('close', () => subscription.close());
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no' });
  send({ ...subscription.snapshot, type: 'snapshot' });
  const queued = pending;
  pending = null;
  for (const event of queued) send(event);
}

// The few Python text conventions supervisorctl's output leaks: repr() of strings and its generic error line.

import { HTTP_REASONS } from './http-reasons.js';

/** Python's repr() of a str: single quotes unless the text has a ' and no ", escapes for the rest. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') body += '\\\\';
    else if (ch === quote) body += `\\${quote}`;
    else if (ch === '\n') body += '\\n';
    else if (ch === '\r') body += '\\r';
    else if (ch === '\t') body += '\\t';
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += ch;
  }
  return `${quote}${body}${quote}`;
}

/**
 * An error that supervisorctl reports through its catch-all as `error: <class 'X'>, <message>`.
 * Commands throw it where supervisorctl would raise (e.g. an unknown result code).
 */
export class PyError extends Error {
  readonly pyClass: string;

  constructor(pyClass: string, message: string) {
    super(message);
    this.name = 'PyError';
    this.pyClass = pyClass;
  }
}

interface FaultLike {
  readonly code: number;
  readonly faultString: string;
}

interface TransportLike {
  readonly kind: string;
  readonly status?: number;
  readonly cause?: unknown;
}

export function isFault(err: unknown): err is FaultLike & Error {
  return err instanceof Error && err.name === 'Fault' && typeof (err as Partial<FaultLike>).code === 'number';
}

export function isTransportError(err: unknown): err is TransportLike & Error {
  return err instanceof Error && typeof (err as Partial<TransportLike>).kind === 'string' && err.name === 'TransportError';
}

/** Python's ProtocolError text; supervisorctl always talks to the fake host 127.0.0.1 at /RPC2. */
export function protocolErrorText(status: number): string {
  return `<ProtocolError for 127.0.0.1/RPC2: ${status} ${HTTP_REASONS[status] ?? ''}>`;
}

function errnoOf(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = err;
  while (cur instanceof Error && !seen.has(cur)) {
    seen.add(cur);
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The Python exception a socket error code surfaces as in supervisorctl (Linux errno texts). */
const OS_ERRORS: Record<string, readonly [string, string]> = {
  ENOENT: ['FileNotFoundError', '[Errno 2] No such file or directory'],
  ECONNREFUSED: ['ConnectionRefusedError', '[Errno 111] Connection refused'],
  EACCES: ['PermissionError', '[Errno 13] Permission denied'],
  EPERM: ['PermissionError', '[Errno 1] Operation not permitted'],
  ENOTFOUND: ['socket.gaierror', '[Errno -2] Name or service not known'],
  EAI_AGAIN: ['socket.gaierror', '[Errno -3] Temporary failure in name resolution'],
  ECONNRESET: ['ConnectionResetError', '[Errno 104] Connection reset by peer'],
  ETIMEDOUT: ['TimeoutError', '[Errno 110] Connection timed out'],
  EHOSTUNREACH: ['OSError', '[Errno 113] No route to host'],
  ENOTSOCK: ['OSError', '[Errno 88] Socket operation on non-socket'],
  ECONNABORTED: ['ConnectionAbortedError', '[Errno 103] Software caused connection abort'],
  EPIPE: ['BrokenPipeError', '[Errno 32] Broken pipe'],
};

export interface PyErrorView {
  readonly pyClass: string;
  readonly message: string;
  /** True when this is not a condition supervisorctl knows either, i.e. a bug of ours. */
  readonly unexpected: boolean;
}

/** How supervisorctl's catch-all would name this error. */
export function describeError(err: unknown): PyErrorView {
  if (err instanceof PyError) return { pyClass: err.pyClass, message: err.message, unexpected: false };
  if (isFault(err)) {
    return { pyClass: 'xmlrpc.client.Fault', message: `<Fault ${err.code}: ${pyRepr(err.faultString)}>`, unexpected: false };
  }
  if (isTransportError(err)) {
    if (err.kind === 'UNAUTHORIZED') return protocolError(401);
    if (err.kind === 'HTTP' && typeof err.status === 'number') return protocolError(err.status);
    const known = OS_ERRORS[err.kind] ?? OS_ERRORS[errnoOf(err.cause) ?? ''];
    if (known) return { pyClass: known[0], message: known[1], unexpected: false };
    return { pyClass: 'OSError', message: err.message, unexpected: false };
  }
  const code = errnoOf(err);
  const known = code === undefined ? undefined : OS_ERRORS[code];
  if (known) return { pyClass: known[0], message: known[1], unexpected: false };
  const message = err instanceof Error ? err.message : String(err);
  const pyClass = err instanceof Error ? err.constructor.name : 'Exception';
  return { pyClass, message, unexpected: true };
}

function protocolError(status: number): PyErrorView {
  return { pyClass: 'xmlrpc.client.ProtocolError', message: protocolErrorText(status), unexpected: false };
}

/** supervisorctl's catch-all line, without the Python `: file: … line: …` suffix (it cannot match). */
export function genericErrorLine(err: unknown): string {
  const view = describeError(err);
  return `error: <class '${view.pyClass}'>, ${view.message}`;
}

// Small HTTP pieces shared by the control server's routes: error pages and bounded body reading.
import type http from 'node:http';

/** Where the control servers report; the daemon's logger fits. */
export interface ControlLog {
  warn(message: string): void;
  crit(message: string): void;
  info(message: string): void;
  trace?(message: string): void;
}

const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  411: 'Length Required',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
};

/** Bodies larger than this are refused with 413 before a byte of them is read. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** supervisord's (medusa's) error page, so scripts that scrape it see the same text. */
export function errorPage(status: number): string {
  const reason = REASONS[status] ?? 'Error';
  return (
    '<head>\n<title>Error response</title>\n</head>\n<body>\n<h1>Error response</h1>\n' +
    `<p>Error code ${status}.\n<p>Message: ${reason}.\n</body>\n`
  );
}

/**
 * Sends an error page. `close` drops the connection afterwards: needed whenever the request body
 * was not (fully) read, so leftover bytes are never parsed as the next request.
 */
export function sendError(res: http.ServerResponse, status: number, opts: { close?: boolean; headers?: Record<string, string> } = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = errorPage(status);
  res.writeHead(status, REASONS[status], {
    ...opts.headers,
    ...(opts.close === true ? { Connection: 'close' } : {}),
    'Content-Length': Buffer.byteLength(body),
    'Content-Type': 'text/html',
  });
  res.end(body);
}

export class BodyError extends Error {
  readonly status: 400 | 411 | 413;

  constructor(status: 400 | 411 | 413, message: string) {
    super(message);
    this.name = 'BodyError';
    this.status = status;
  }
}

/**
 * Reads the request body. `requireLength`: refuse requests without Content-Length (411), as
 * supervisord's XML-RPC handler does; otherwise chunked bodies are read up to the same limit.
 */
export function readRequestBody(req: http.IncomingMessage, opts: { requireLength: boolean; maxBytes?: number }): Promise<Buffer> {
  const max = opts.maxBytes ?? MAX_BODY_BYTES;
  const declared = req.headers['content-length'];
  if (declared === undefined && opts.requireLength) return Promise.reject(new BodyError(411, 'Content-Length required'));
  if (declared !== undefined && Number(declared) > max) return Promise.reject(new BodyError(413, `body of ${declared} bytes exceeds ${max}`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        reject(new BodyError(413, `body exceeds ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', (err) => reject(new BodyError(400, err.message)));
    req.on('aborted', () => reject(new BodyError(400, 'request aborted')));
  });
}

/** The request path without query string or fragment, as sent (still percent-encoded). */
export function pathOf(req: http.IncomingMessage): string {
  const url = req.url ?? '/';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

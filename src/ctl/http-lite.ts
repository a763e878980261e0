// A minimal HTTP/1.1 client over node:net for the ctl's request/response calls: one persistent connection,
// one request at a time. node:http costs the ctl several milliseconds at start-up (its modules, and the
// IPv6 check its agent runs on the Host header compiles a very large regular expression); a call needs
// none of that. Streams (tail -f, fg) still use node:http, loaded only when they run.

import net from 'node:net';

export interface LiteEndpoint {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
}

export interface LiteResponse {
  readonly status: number;
  readonly reason: string;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

interface Parsed {
  readonly response: LiteResponse;
  /** The server will not take another request on this connection. */
  readonly closes: boolean;
}

/** A response head as far as it matters here, or null while incomplete. */
function parseHead(data: Buffer): { status: number; reason: string; version: string; headers: Map<string, string>; bodyStart: number } | null {
  const end = data.indexOf(HEAD_END);
  if (end === -1) return null;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const statusLine = /^HTTP\/(\d\.\d) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!statusLine) throw new Error(`malformed HTTP status line ${JSON.stringify(lines[0] ?? '')}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)!}, ${value}` : value);
  }
  return { version: statusLine[1]!, status: Number(statusLine[2]), reason: statusLine[3] ?? '', headers, bodyStart: end + HEAD_END.length };
}

/** Decodes a complete chunked body, or null while more data is needed. */
function dechunk(data: Buffer, from: number): Buffer | null {
  const pieces: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) return null;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error('malformed chunked body');
    const start = lineEnd + 2;
    if (size === 0) {
      // The last chunk, then optional trailer lines and an empty line.
      const done = data.subarray(start, start + 2).toString('latin1') === '\r\n' || data.indexOf(HEAD_END, lineEnd) !== -1;
      return done ? Buffer.concat(pieces) : null;
    }
    if (data.length < start + size + 2) return null;
    pieces.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

/** The whole response if `data` holds it; `ended`: the server closed the connection. */
export function parseResponse(data: Buffer, ended: boolean): Parsed | null {
  const head = parseHead(data);
  if (head === null) {
    if (ended) throw new Error('connection closed before a complete HTTP response');
    return null;
  }
  const connection = (head.headers.get('connection') ?? '').toLowerCase();
  let closes = head.version === '1.0' ? connection !== 'keep-alive' : connection === 'close';
  let body: Buffer | null;
  const length = head.headers.get('content-length');
  if (/chunked/i.test(head.headers.get('transfer-encoding') ?? '')) {
    body = dechunk(data, head.bodyStart);
  } else if (length !== undefined) {
    const n = Number(length);
    body = data.length >= head.bodyStart + n ? data.subarray(head.bodyStart, head.bodyStart + n) : null;
  } else {
    // No framing: the body runs until the server closes.
    closes = true;
    body = ended ? data.subarray(head.bodyStart) : null;
  }
  if (body === null) {
    if (ended) throw new Error('connection closed in the middle of an HTTP response');
    return null;
  }
  return { response: { status: head.status, reason: head.reason, headers: head.headers, body }, closes };
}

/** The request failed before a byte of the response came (the cause is the socket's error). */
class NoResponse extends Error {
  constructor(readonly original: Error) {
    super(original.message);
    this.name = 'NoResponse';
  }
}

function unwrap(err: unknown): never {
  throw err instanceof NoResponse ? err.original : err;
}

/** One keep-alive connection; a new one is opened when the server has closed the last. */
export class LiteConnection {
  private socket: net.Socket | null = null;
  private busy = false;

  constructor(private readonly endpoint: LiteEndpoint) {}

  async request(method: string, path: string, headers: Readonly<Record<string, string>>, body: string | null): Promise<LiteResponse> {
    if (this.busy) throw new Error('LiteConnection: one request at a time');
    this.busy = true;
    try {
      const payload = body === null ? null : Buffer.from(body, 'utf8');
      let head = `${method} ${path} HTTP/1.1\r\n`;
      for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
      if (payload !== null) head += `Content-Length: ${payload.length}\r\n`;
      const message = Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), payload ?? Buffer.alloc(0)]);
      const reused = this.socket !== null;
      try {
        return await this.exchange(this.socket ?? this.connect(), message);
      } catch (err) {
        // A kept-alive connection the server dropped just before this request never saw it: one fresh try.
        if (reused && err instanceof NoResponse) return await this.exchange(this.connect(), message).catch(unwrap);
        return unwrap(err);
      }
    } finally {
      this.busy = false;
    }
  }

  private exchange(socket: net.Socket, message: Buffer): Promise<LiteResponse> {
    return new Promise<LiteResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const settle = (err: Error | null, parsed?: Parsed): void => {
        socket.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
        if (err !== null || parsed!.closes) this.drop(socket);
        if (err !== null) reject(chunks.length === 0 ? new NoResponse(err) : err);
        else resolve(parsed!.response);
      };
      const check = (ended: boolean): void => {
        let parsed: Parsed | null;
        try {
          parsed = parseResponse(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), ended);
        } catch (err) {
          settle(err as Error);
          return;
        }
        if (parsed !== null) settle(null, parsed);
      };
      const onData = (chunk: Buffer): void => {
        chunks.push(chunk);
        check(false);
      };
      const onEnd = (): void => check(true);
      const onError = (err: Error): void => settle(err);
      socket.on('data', onData).on('end', onEnd).on('close', onEnd).on('error', onError);
      socket.write(message);
    });
  }

  close(): void {
    if (this.socket) this.drop(this.socket);
  }

  private connect(): net.Socket {
    const { socketPath, host, port } = this.endpoint;
    const socket = socketPath !== undefined ? net.connect({ path: socketPath }) : net.connect({ host: host!, port: port! });
    socket.setNoDelay(true);
    // An idle connection the server closed is forgotten, so the next request opens a fresh one.
    socket.on('close', () => {
      if (this.socket === socket) this.socket = null;
    });
    socket.on('error', () => {});
    this.socket = socket;
    return socket;
  }

  private drop(socket: net.Socket): void {
    if (this.socket === socket) this.socket = null;
    socket.destroy();
  }
}

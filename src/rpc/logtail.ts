// `GET /logtail/<namespec>[/stdout|/stderr]` and `GET /mainlogtail`: the streams behind
// `supervisorctl tail -f` and `maintail -f`. The last 1024 bytes first, then whatever is appended,
// forever; a rotated file is followed from its start, a truncated one announced and re-sent.
import fs from 'node:fs';
import type http from 'node:http';
import { pathOf, sendError } from './http-util.js';

export interface LogTailSource {
  /** The log file of a process channel; null when the process or its log does not exist (404). */
  resolve(namespec: string, channel: 'stdout' | 'stderr'): string | null;
  mainLogPath(): string | null;
  /** The daemon calls cb after it wrote to `path`; returns unsubscribe. */
  onAppend(path: string, cb: () => void): () => void;
}

const HEAD_BYTES = 1024;
const READ_CHUNK = 64 * 1024;
/** Catches writes by other programs (and missed notifications); appends by the daemon are pushed. */
export const TAIL_POLL_MS = 1000;
const TRUNCATED = Buffer.from('==> File truncated <==\n');

/** Follows one file for one response; all reads are serialised through `pump`. */
class FileFollower {
  private fd: fs.promises.FileHandle | null = null;
  private inode = -1;
  private position = 0;
  private running = false;
  private again = false;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly res: http.ServerResponse,
  ) {}

  async open(startAtTail: boolean): Promise<void> {
    const fd = await fs.promises.open(this.path, 'r');
    const stat = await fd.stat();
    this.fd = fd;
    this.inode = stat.ino;
    this.position = startAtTail ? Math.max(0, stat.size - HEAD_BYTES) : 0;
  }

  /** Coalesced: a notification while reading just asks for one more pass. */
  pump(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drainFile()
      .catch(() => this.res.destroy())
      .finally(() => {
        this.running = false;
        if (this.again && !this.closed) {
          this.again = false;
          this.pump();
        }
      });
  }

  close(): void {
    this.closed = true;
    void this.fd?.close().catch(() => undefined);
    this.fd = null;
  }

  private async followRotation(): Promise<void> {
    let inode: number;
    try {
      inode = (await fs.promises.stat(this.path)).ino;
    } catch {
      return; // unlinked: keep reading the file we have open
    }
    if (inode === this.inode) return;
    await this.fd?.close();
    this.fd = null;
    await this.open(false);
  }

  private async drainFile(): Promise<void> {
    await this.followRotation();
    while (!this.closed && this.fd !== null) {
      const size = (await this.fd.stat()).size;
      if (size < this.position) {
        this.position = 0;
        if (!(await this.write(TRUNCATED))) return;
        continue;
      }
      if (size === this.position) return;
      const buffer = Buffer.alloc(Math.min(READ_CHUNK, size - this.position));
      const { bytesRead } = await this.fd.read(buffer, 0, buffer.length, this.position);
      if (bytesRead === 0) return;
      this.position += bytesRead;
      if (!(await this.write(buffer.subarray(0, bytesRead)))) return;
    }
  }

  /** Respects back-pressure: a slow reader delays reading the file, nothing piles up in memory. */
  private write(chunk: Buffer): Promise<boolean> {
    if (this.closed || this.res.destroyed) return Promise.resolve(false);
    if (this.res.write(chunk)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => () => {
        this.res.off('drain', onDrain);
        this.res.off('close', onClose);
        resolve(ok);
      };
      const onDrain = done(true);
      const onClose = done(false);
      this.res.once('drain', onDrain);
      this.res.once('close', onClose);
    });
  }
}

async function streamFile(res: http.ServerResponse, file: string, source: LogTailSource, headers: Record<string, string>): Promise<void> {
  let mtime: Date;
  try {
    mtime = (await fs.promises.stat(file)).mtime;
  } catch {
    sendError(res, 404);
    return;
  }
  const follower = new FileFollower(file, res);
  try {
    await follower.open(true);
  } catch {
    sendError(res, 404);
    return;
  }
  // No Content-Length: chunked for HTTP/1.1, raw until close for HTTP/1.0, as supervisord.
  res.writeHead(200, { 'Last-Modified': mtime.toUTCString(), 'Content-Type': 'text/plain;charset=utf-8', ...headers });
  res.flushHeaders();
  const unsubscribe = source.onAppend(file, () => follower.pump());
  const poll = setInterval(() => follower.pump(), TAIL_POLL_MS);
  poll.unref();
  res.on('close', () => {
    unsubscribe();
    clearInterval(poll);
    follower.close();
  });
  follower.pump();
}

type TailTarget = { namespec: string; channel: 'stdout' | 'stderr' } | null;

/** `/logtail/<namespec>[/<channel>]`, percent-decoded; null for anything that must be a 404. */
export function parseLogtailPath(rawPath: string): TailTarget {
  let path = rawPath;
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return null;
    }
  }
  path = path.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  if (slash === -1) return null;
  const rest = path.slice(slash + 1);
  const channelSlash = rest.indexOf('/');
  const namespec = channelSlash === -1 ? rest : rest.slice(0, channelSlash);
  const channel = channelSlash === -1 ? 'stdout' : rest.slice(channelSlash + 1);
  if (namespec === '' || (channel !== 'stdout' && channel !== 'stderr')) return null;
  return { namespec, channel };
}

export function handleLogtail(req: http.IncomingMessage, res: http.ServerResponse, source: LogTailSource): void {
  if (req.method !== 'GET') return sendError(res, 400, { close: true });
  const target = parseLogtailPath(pathOf(req));
  const file = target === null ? null : source.resolve(target.namespec, target.channel);
  if (file === null) return sendError(res, 404);
  void streamFile(res, file, source, { 'X-Accel-Buffering': 'no' });
}

export function handleMainLogtail(req: http.IncomingMessage, res: http.ServerResponse, source: LogTailSource): void {
  if (req.method !== 'GET') return sendError(res, 400, { close: true });
  const file = source.mainLogPath();
  if (file === null) return sendError(res, 404);
  void streamFile(res, file, source, {});
}

// Binding the control servers the way supervisord does: a unix socket is created under a temporary
// name, chmod-ed, then hard-linked into place (so it is never reachable with the wrong mode), and a
// leftover socket file is removed only when nothing answers on it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import type { InetServerConfig, UnixServerConfig } from '../config/types.js';

export const ADDRESS_IN_USE_MESSAGE =
  'Another program is already listening on a port that one of our HTTP servers is configured to use.  ' +
  'Shut this program down first before starting supervisord.';

/** Start-up failure of a control server; `message` is the text supervisord prints for the same case. */
export class ControlServerError extends Error {
  readonly code: 'EADDRINUSE' | 'CHOWN' | 'OTHER';

  constructor(code: 'EADDRINUSE' | 'CHOWN' | 'OTHER', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ControlServerError';
    this.code = code;
  }
}

function fromListenError(err: unknown): ControlServerError {
  const code = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  if (code === 'EADDRINUSE') return new ControlServerError('EADDRINUSE', ADDRESS_IN_USE_MESSAGE, { cause: err });
  const errno = (os.constants.errno as Record<string, number | undefined>)[code];
  const what = errno === undefined ? code : `errno.${code} (${errno})`;
  return new ControlServerError('OTHER', `Cannot open an HTTP server: socket.error reported ${what}`, { cause: err });
}

function listenOn(server: net.Server, options: net.ListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(fromListenError(err));
    server.once('error', onError);
    server.listen(options, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Is something serving on this socket file? Like supervisord: connect, send `GET / HTTP/1.0`, and any
 * answer (even a close) means yes; a refused or reset connection means the file is stale. A server
 * that accepts but stays silent counts as alive: we never unlink a live socket.
 */
export function socketInUse(file: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(file);
    const done = (inUse: boolean): void => {
      sock.destroy();
      resolve(inUse);
    };
    sock.setTimeout(timeoutMs, () => done(true));
    sock.on('connect', () => sock.write('GET / HTTP/1.0\r\n\r\n'));
    sock.on('data', () => done(true));
    sock.on('end', () => done(true));
    sock.on('error', () => done(false));
  });
}

function chownSocket(cfg: UnixServerConfig): void {
  if (cfg.chown === null) return;
  try {
    fs.chownSync(cfg.file, cfg.chown.uid, cfg.chown.gid);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    const user = os.userInfo().username;
    throw new ControlServerError(
      'CHOWN',
      `Not permitted to chown ${cfg.file} to uid/gid (${cfg.chown.uid}, ${cfg.chown.gid}); adjust "sockchown" value in config ` +
        `file or on command line to values that the current user (${user}) can successfully chown`,
      { cause: err },
    );
  }
}

/** Returns the inode of the socket file we created, so close() removes only our own file. */
export async function listenUnix(server: net.Server, cfg: UnixServerConfig, stderr: (text: string) => void): Promise<number> {
  const temp = `${cfg.file}.${process.pid}`;
  unlinkQuietly(temp);
  await listenOn(server, { path: temp, backlog: 1024 });
  try {
    fs.chmodSync(temp, cfg.chmod);
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(temp, cfg.file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw fromListenError(err);
      }
      if (await socketInUse(cfg.file)) throw new ControlServerError('EADDRINUSE', ADDRESS_IN_USE_MESSAGE);
      stderr(`Unlinking stale socket ${cfg.file}\n`);
      unlinkQuietly(cfg.file);
    }
  } finally {
    unlinkQuietly(temp);
  }
  const inode = fs.statSync(cfg.file).ino;
  chownSocket(cfg);
  return inode;
}

/** Removes the socket file if it is still the one we created (another daemon may own it by now). */
export function unlinkOwnSocket(file: string, inode: number): void {
  try {
    if (fs.statSync(file).ino === inode) fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

export async function listenInet(server: net.Server, cfg: InetServerConfig): Promise<{ host: string; port: number }> {
  await listenOn(server, { host: cfg.host === '' ? undefined : cfg.host, port: cfg.port, backlog: 1024 });
  const address = server.address();
  if (address === null || typeof address === 'string') return { host: cfg.host, port: cfg.port };
  return { host: address.address, port: address.port };
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || /^::ffff:127\./i.test(host);
}

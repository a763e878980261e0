// How a log path is opened: a regular file (or device) in append mode, written synchronously; a FIFO,
// or the daemon's own stdout/stderr when it is a socket, written from the thread pool as a "pipe".

import fs from 'node:fs';
import { isRotatable } from './rotation.js';

const { O_WRONLY, O_NONBLOCK } = fs.constants;

export interface OpenedTarget {
  readonly fd: number;
  /** Written asynchronously (it may block); never rotated. */
  readonly isPipe: boolean;
  /** The current size (the position rotation checks), 0 for pipes. */
  readonly position: number;
  /** A regular file or nothing: renaming it is safe (never a device or a symlink such as /dev/stdout). */
  readonly rotatable: boolean;
}

/**
 * The daemon's own stdout/stderr under their usual names. Opening them fails with ENXIO when they are a
 * socket (systemd's journal, a Node parent); then the fd itself is used.
 */
function standardFd(path: string): 1 | 2 | null {
  const match = /^\/(?:dev\/(std(out|err)|fd\/([12]))|proc\/self\/fd\/([12]))$/.exec(path);
  if (!match) return null;
  return match[2] === 'out' || match[3] === '1' || match[4] === '1' ? 1 : 2;
}

/** A FIFO is opened only if someone reads it (ENXIO otherwise), then in blocking mode for the pool. */
function openFifoForWriting(path: string): number {
  const probe = fs.openSync(path, O_WRONLY | O_NONBLOCK);
  try {
    return fs.openSync(path, O_WRONLY);
  } finally {
    fs.closeSync(probe);
  }
}

/** Opens (creating if missing) for appending. Throws the fs error when it cannot. */
export function openTarget(path: string): OpenedTarget {
  let stats: fs.Stats | null = null;
  try {
    stats = fs.statSync(path);
  } catch {
    // created by the open below
  }
  if (stats?.isFIFO()) return { fd: openFifoForWriting(path), isPipe: true, position: 0, rotatable: false };
  const std = stats?.isSocket() ? standardFd(path) : null;
  if (std !== null) return { fd: std, isPipe: true, position: 0, rotatable: false };
  const fd = fs.openSync(path, 'a', 0o666);
  return { fd, isPipe: false, position: fs.fstatSync(fd).size, rotatable: isRotatable(path) };
}

/**
 * Makes sure a regular file is there (created if missing) and writable, without keeping it open. false: the
 * path is something else (a FIFO, a device, the daemon's stdio, a directory), which the caller opens at once.
 */
export function ensureFile(path: string): boolean {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(path);
  } catch {
    fs.closeSync(fs.openSync(path, 'a', 0o666));
    return true;
  }
  if (!stats.isFile()) return false;
  fs.accessSync(path, fs.constants.W_OK);
  return true;
}

/** Closes an fd from openTarget, never the daemon's own stdio. */
export function closeTarget(fd: number): void {
  if (fd > 2) fs.closeSync(fd);
}

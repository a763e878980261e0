// `*_logfile=AUTO`: a fresh file per daemon run in childlogdir, named like supervisord's mkstemp call
// (`<proc>-<channel>---<identifier>-XXXXXXXX.log`), and the start-up cleanup of earlier runs' files.

import fs from 'node:fs';
import path from 'node:path';
import { pyRepr } from '../config/py.js';

/** Python's tempfile name alphabet. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789_';
const ATTEMPTS = 10000;

/**
 * Not a cryptographic generator, like Python's tempfile: the exclusive create below is what makes the name
 * safe (it fails on anything already there, a symlink included). node:crypto would cost the daemon ~0.7 MiB.
 */
function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return out;
}

/** Python's os.path.join of childlogdir and the name's fixed part (everything before the random suffix). */
export function autoLogPrefix(childlogdir: string, procName: string, channel: 'stdout' | 'stderr', identifier: string): string {
  // Python's os.path.join: a separator added when needed, nothing normalised (path.join would, and its
  // per-character loop took 31 ms of a profiled 500-program start-up under lite mode).
  return `${childlogdir.endsWith('/') ? childlogdir : `${childlogdir}/`}${procName}-${channel}---${identifier}-`;
}

/** A name for the file, not yet created (see createAutoLog). */
export function autoLogCandidate(prefix: string): string {
  return `${prefix}${randomSuffix()}.log`;
}

/**
 * Creates the empty file exclusively (mode 0600, like mkstemp), trying `first` and then fresh names while the
 * name is taken, and returns its path. Throws if it cannot.
 */
export function createAutoLog(prefix: string, first: string = autoLogCandidate(prefix)): string {
  let file = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++, file = autoLogCandidate(prefix)) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`No usable temporary file name found in ${path.dirname(prefix)}`);
}

/** Creates a fresh AUTO log file now and returns its path. */
export function autoLogPath(childlogdir: string, procName: string, channel: 'stdout' | 'stderr', identifier: string): string {
  return createAutoLog(autoLogPrefix(childlogdir, procName, channel, identifier));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** supervisord's pattern, anchored at the start only (Python re.match); it also matches rotated copies. */
export function autoLogPattern(identifier: string): RegExp {
  return new RegExp(`^.+?---${escapeRegExp(identifier)}-\\S+\\.log\\.{0,1}\\d{0,4}`, 'u');
}

/** Deletes earlier AUTO logs of this identifier (unless `nocleanup`); problems are WARN lines, as there. */
export async function cleanupAutoLogs(childlogdir: string, identifier: string, warn: (message: string) => void = () => undefined): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(childlogdir);
  } catch {
    warn('Could not clear childlog dir');
    return;
  }
  const pattern = autoLogPattern(identifier);
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const file = path.join(childlogdir, name);
    try {
      await fs.promises.unlink(file);
    } catch {
      warn(`Failed to clean up ${pyRepr(file)}`);
    }
  }
}

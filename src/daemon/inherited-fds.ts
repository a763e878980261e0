// File descriptors the daemon inherited from whoever started it (a shell's redirections, a CI harness's
// pipes) would otherwise be inherited in turn by every child: a program could write into a pipe its
// parent's parent is waiting on. supervisord closes them in each child; we close them once, at start-up.
// Node's and libuv's own descriptors all carry O_CLOEXEC, so "not close-on-exec" is exactly "inherited".
// (Node already marks the low ones, 3 to ~15, at start-up; a parent's fd 200 or 251 gets through.)

import { closeSync, readdirSync, readFileSync } from 'node:fs';

const O_CLOEXEC = 0o2000000;

/** The `flags:` of /proc/self/fdinfo/<fd> (octal), or null when it cannot be read. */
export function fdFlags(fdinfo: string): number | null {
  const match = /^flags:\s+([0-7]+)$/m.exec(fdinfo);
  return match ? Number.parseInt(match[1] as string, 8) : null;
}

/** Closes every descriptor above 2 that is not close-on-exec; returns the ones closed (Linux: /proc). */
export function closeInheritedFds(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc/self/fd');
  } catch {
    return []; // no /proc: nothing we can tell apart safely
  }
  const closed: number[] = [];
  for (const entry of entries) {
    const fd = Number(entry);
    if (!Number.isInteger(fd) || fd <= 2) continue;
    let flags: number | null;
    try {
      flags = fdFlags(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
    } catch {
      continue; // the directory listing's own descriptor, gone by now
    }
    if (flags === null || (flags & O_CLOEXEC) !== 0) continue;
    try {
      closeSync(fd);
      closed.push(fd);
    } catch {
      // already closed
    }
  }
  return closed;
}

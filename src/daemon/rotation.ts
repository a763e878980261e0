// supervisord's size-based rollover, on the file system directly: `x.log` → `x.log.1` (newest) …
// `x.log.<backups>` (oldest kept). rotating-file-stream cannot do this exact scheme (no backups=0
// truncation, it rotates at open when the file is already full, it refuses /dev/stdout, FIFOs and other
// non-regular files, and it has no reopen for SIGUSR2), so the few renames live here.

import fs from 'node:fs';

function ignoreMissing(action: () => void): void {
  try {
    action();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Rename `source` over `target`, tolerating either having vanished (an external cleanup ran). */
function removeAndRename(source: string, target: string): void {
  if (fs.existsSync(target)) ignoreMissing(() => fs.unlinkSync(target));
  ignoreMissing(() => fs.renameSync(source, target));
}

/**
 * Shifts `<path>.1 … <path>.<backups-1>` up by one and moves `<path>` to `<path>.1`. With backups = 0
 * nothing is kept: the caller just reopens the file truncated. Throws on errors other than ENOENT.
 */
export function shiftBackups(path: string, backups: number): void {
  if (backups <= 0) return;
  for (let i = backups - 1; i >= 1; i--) {
    const source = `${path}.${i}`;
    if (fs.existsSync(source)) removeAndRename(source, `${path}.${i + 1}`);
  }
  removeAndRename(path, `${path}.1`);
}

/** Whether rotating (renaming) this path is safe: a regular file or nothing, never a device or symlink. */
export function isRotatable(path: string): boolean {
  try {
    return fs.lstatSync(path).isFile();
  } catch {
    return true;
  }
}

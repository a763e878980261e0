// The only importer of chokidar. It reports file changes under some paths, never descends into what
// the caller prunes (so node_modules costs nothing), and never reports what already existed.

import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';

export type FileChange = 'add' | 'change' | 'unlink';

export interface FsWatchOptions {
  /** Files or directories; directories are watched recursively (down to `depth`). */
  readonly paths: readonly string[];
  /** true = skip this path and, for a directory, everything below it. `isFile` is unknown at first. */
  readonly prune: (file: string, isFile: boolean | undefined) => boolean;
  /** 0 = only the entries of the given directories. */
  readonly depth?: number;
  readonly onChange: (change: FileChange, file: string) => void;
  readonly onError: (message: string) => void;
}

export interface FsWatch {
  /** Resolves once the initial scan is done: changes from then on are reported. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export function watchFiles(opts: FsWatchOptions): FsWatch {
  const watcher: FSWatcher = watch([...opts.paths], {
    ignoreInitial: true,
    persistent: true,
    // Editors that save by writing a temp file and renaming it show up as one `change`.
    atomic: true,
    ...(opts.depth === undefined ? {} : { depth: opts.depth }),
    ignored: (file: string, stats?: Stats) => opts.prune(file, stats === undefined ? undefined : !stats.isDirectory()),
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  watcher.on('all', (event, file) => {
    // Directories appearing or going away are not edits; the files inside them are reported one by one.
    if (event === 'add' || event === 'change' || event === 'unlink') opts.onChange(event, file);
  });
  watcher.on('error', (error: unknown) => opts.onError(error instanceof Error ? error.message : String(error)));
  return {
    ready,
    close: () => watcher.close(),
  };
}

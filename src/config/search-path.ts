// Where supervisord and supervisorctl look for their config file when `-c` is not given (reference
// §1.1): the first path that exists wins (a directory counts, as with Python's os.path.exists).

import fs from 'node:fs';
import path from 'node:path';

/** The six candidates, in order. HERE = dirname(dirname(argv0)), e.g. `/usr` for `/usr/bin/tssupervisord`. */
export function defaultSearchPaths(argv0: string): string[] {
  const here = path.dirname(path.dirname(argv0));
  return [
    path.join(here, 'etc', 'supervisord.conf'),
    path.join(here, 'supervisord.conf'),
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
}

/** The first existing candidate (relative candidates are tried against cwd), or null. */
export function findConfigFile(argv0: string, cwd: string): string | null {
  for (const candidate of defaultSearchPaths(argv0)) {
    if (fs.existsSync(path.resolve(cwd, candidate))) return candidate;
  }
  return null;
}

/** supervisord's usage error when nothing was found. */
export function noConfigFoundMessage(argv0: string): string {
  return (
    `No config file found at default paths (${defaultSearchPaths(argv0).join(', ')}); ` +
    'use the -c option to specify a config file at a different path'
  );
}

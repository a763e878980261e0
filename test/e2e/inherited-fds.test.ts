// A descriptor the daemon inherits (a shell redirection, a harness's pipe) must not reach its children:
// supervisord closes everything above 2 in each child, and so must we.

import assert from 'node:assert/strict';
import { openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startDaemon } from '../helpers/daemon.js';
import { existsSync } from 'node:fs';

// ls lists its own descriptors: 0-2 and the one it opened to read the directory (the lowest free one).
const PROGRAM = `
[program:fds]
command = ls /proc/self/fd
startsecs = 0
autorestart = false
stdout_logfile = %(dir)s/fds.txt
`;

async function childFds(impl: 'ours' | 'supervisord'): Promise<string> {
  const leakFile = path.join(os.tmpdir(), `tss-leak-${process.pid}-${impl}`);
  const fd = openSync(leakFile, 'w');
  const daemon = await startDaemon({ programs: PROGRAM, impl, inheritFd: fd });
  try {
    closeSync(fd); // the daemon has its own copy now
    const file = path.join(daemon.dir, 'fds.txt');
    await daemon.waitFor('the child to list its fds', async () => existsSync(file) && readFileSync(file, 'utf8').length > 0);
    return readFileSync(file, 'utf8').trim().split('\n').join(' ');
  } finally {
    await daemon.stop();
    rmSync(leakFile, { force: true });
  }
}

test('children do not inherit the daemon’s inherited descriptors (as under supervisord)', async (t) => {
  const ours = await childFds('ours');
  assert.equal(ours, '0 1 2 3', `our child's descriptors (3 is ls's own directory): ${ours}`);
  if (!existsSync('/usr/bin/supervisord')) {
    t.diagnostic('supervisord not installed: oracle comparison skipped');
    return;
  }
  assert.equal(ours, await childFds('supervisord'));
});

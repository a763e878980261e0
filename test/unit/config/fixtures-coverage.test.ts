// The ok fixtures must set every option of every section at least once (so the oracle checks them all),
// and the loader must never throw, whatever the text (a seeded fuzz over config-like lines).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../../helpers/paths.js';
import { IniDocument } from '../../../src/config/ini.js';
import { OPTION_TABLES, PROGRAM_OPTIONS, type SectionKind } from '../../../src/config/schema.js';
import { sectionKind } from '../../../src/config/unknown-keys.js';
import { loadConfig } from '../../../src/config/load.js';
import { makeTree } from './tmp-tree.js';

const okDir = path.join(fixturesDir, 'config', 'ok');

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('the ok fixtures set every option of every section at least once (program keys in [program:x])', () => {
  const seen = new Map<SectionKind, Set<string>>();
  for (const file of allFiles(okDir)) {
    const doc = new IniDocument();
    doc.read(fs.readFileSync(file, 'utf8'), file);
    for (const name of doc.sections()) {
      const kind = sectionKind(name);
      if (kind === null || kind === 'plugin') continue;
      const keys = seen.get(kind) ?? new Set<string>();
      for (const key of doc.section(name)?.entries.keys() ?? []) keys.add(key);
      seen.set(kind, keys);
    }
  }
  const missing = Object.entries(OPTION_TABLES).flatMap(([kind, table]) =>
    Object.keys(table)
      .filter((key) => kind === 'program' || !Object.hasOwn(PROGRAM_OPTIONS, key))
      .filter((key) => !seen.get(kind as SectionKind)?.has(key))
      .map((key) => `[${kind}] ${key}`),
  );
  assert.deepEqual(missing, []);
});

const PIECES = [
  '[supervisord]', '[program:a]', '[program:b c]', '[group:g]', '[eventlistener:e]', '[fcgi-program:f]', '[include]',
  '[unix_http_server]', '[inet_http_server]', '[rpcinterface:x]', '[DEFAULT]', '[', ']', 'command=/bin/cat', 'command=',
  'numprocs=3', 'numprocs=-1', 'numprocs=99999999', 'process_name=%(process_num)d', 'programs=a,b,,', 'events=TICK_5',
  'socket=unix://%(here)s/s', 'socket=tcp://x:0', 'files=*', 'files=%(ENV_X)s', 'file=', 'port=', 'port=:', 'x', '=',
  ':', ' indented', '\tcontinued', '; c', '# c', '%', '%(', '%(here)s', '%(process_num)*d', 'environment=A="', 'environment=A=1,',
  'user=%(nope)s', 'stopsignal=', 'umask=0o7', 'exitcodes=,', 'logfile=/nonexistent/x', 'childlogdir=', 'priority=1e3',
  'stdout_logfile=syslog', 'redirect_stderr=true', 'stopasgroup=true', 'killasgroup=false', '\ufeff', 'é=ü', '',
];

test('the loader never throws (seeded fuzz over config-like lines)', (t) => {
  const root = makeTree(t, { 'inc/x.conf': '[program:inc]\ncommand=/bin/cat\n' });
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < 300; i++) {
    const lines = Array.from({ length: 1 + random(25) }, () => PIECES[random(PIECES.length)] as string);
    fs.writeFileSync(path.join(root, 'fuzz.conf'), lines.join(random(2) === 0 ? '\n' : '\r\n'));
    const result = loadConfig({ file: 'fuzz.conf', cwd: root, env: { X: 'inc/*.conf' } });
    assert.ok(result.ok || result.errors.length > 0, lines.join('\n'));
  }
});

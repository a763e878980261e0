import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCtlConfig, DEFAULT_CTL_CONFIG } from '../../../src/config/ctl.js';
import { formatDiagnostic } from '../../../src/config/diagnostics.js';
import { makeTree } from './tmp-tree.js';

test('ctl: no file anywhere → the defaults (http://localhost:9001)', (t) => {
  const root = makeTree(t, { 'empty/': '' });
  const result = loadCtlConfig({ cwd: `${root}/empty`, env: {}, argv0: `${root}/empty/bin/tssupervisorctl` });
  // The machine may have /etc/supervisord.conf; only assert the defaults when nothing was found.
  if (result.ok && result.file === null) assert.deepEqual(result.config, DEFAULT_CTL_CONFIG);
  assert.deepEqual(DEFAULT_CTL_CONFIG, { serverurl: 'http://localhost:9001', username: null, password: null, prompt: 'supervisor', historyFile: null });
});

test('ctl: a file without [supervisorctl] is an error; a missing -c file too', (t) => {
  const root = makeTree(t, { 'd.conf': '[supervisord]\n' });
  const result = loadCtlConfig({ file: 'd.conf', cwd: root, env: {} });
  assert.deepEqual(!result.ok && result.errors.map(formatDiagnostic), ['d.conf: .ini file does not include supervisorctl section']);
  const missing = loadCtlConfig({ file: 'nope.conf', cwd: root, env: {} });
  assert.deepEqual(!missing.ok && missing.errors.map(formatDiagnostic), ['nope.conf: could not find config file nope.conf']);
});

test('ctl: serverurl and history_file with %(here)s and ENV_*, unix paths normalised, [include] ignored', (t) => {
  const root = makeTree(t, {
    'etc/ctl.conf': [
      '[supervisorctl]', 'serverurl=unix://%(here)s/../run/sup.sock', 'username=%(ENV_WHO)s', 'password=pw', 'prompt=app',
      'history_file=~/.hist', '[include]', 'files=missing/*.conf', '[ctlplugin:extra]', 'supervisor.ctl_factory=mod:make', '',
    ].join('\n'),
  });
  const result = loadCtlConfig({ file: 'etc/ctl.conf', cwd: root, env: { WHO: 'me', HOME: '/home/me' } });
  assert.ok(result.ok);
  assert.deepEqual(result.config, { serverurl: `unix://${root}/run/sup.sock`, username: 'me', password: 'pw', prompt: 'app', historyFile: '/home/me/.hist' });
  assert.deepEqual([result.file, result.plugins, result.warnings], ['etc/ctl.conf', { extra: 'mod:make' }, []]);
});

test('ctl: http serverurl is kept as written; errors carry file:line', (t) => {
  const root = makeTree(t, { 'a.conf': '[supervisorctl]\nserverurl=http://127.0.0.1:9001\n', 'b.conf': '[supervisorctl]\nprompt=%(nope)s\n' });
  const a = loadCtlConfig({ file: 'a.conf', cwd: root, env: {} });
  assert.equal(a.ok && a.config.serverurl, 'http://127.0.0.1:9001');
  const b = loadCtlConfig({ file: 'b.conf', cwd: root, env: { X: '1' } });
  assert.deepEqual(!b.ok && b.errors.map(formatDiagnostic), [
    "b.conf:2 [supervisorctl] prompt: Format string '%(nope)s' for 'supervisorctl.prompt' contains names ('nope') which cannot be expanded. Available names: ENV_X",
  ]);
});

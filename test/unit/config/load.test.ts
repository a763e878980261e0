import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig, formatDiagnostic, type LoadResult } from '../../../src/config/load.js';
import { findConfigFile, defaultSearchPaths } from '../../../src/config/search-path.js';
import { parseUserDb } from '../../../src/config/users.js';
import type { Config } from '../../../src/config/types.js';
import { makeTree } from './tmp-tree.js';

const HEAD = '[supervisord]\nlogfile=/tmp/tss-load-test.log\n';

function ok(result: LoadResult): Config {
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
  return result.config;
}
function errors(result: LoadResult): string[] {
  assert.equal(result.ok, false, 'expected errors');
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}
const warnings = (result: LoadResult): string[] => result.warnings.map(formatDiagnostic);

test('formatDiagnostic: file:line [section] option: message, leaving out what is missing', () => {
  const d = { file: 'conf.d/web.conf', line: 7, section: 'program:web', option: 'startsecs', message: 'expected an integer, got "abc"' };
  assert.equal(formatDiagnostic(d), 'conf.d/web.conf:7 [program:web] startsecs: expected an integer, got "abc"');
  assert.equal(formatDiagnostic({ ...d, option: null }), 'conf.d/web.conf:7 [program:web] expected an integer, got "abc"');
  assert.equal(formatDiagnostic({ ...d, section: null, option: null }), 'conf.d/web.conf:7: expected an integer, got "abc"');
  assert.equal(formatDiagnostic({ ...d, line: 0, section: null, option: null }), 'conf.d/web.conf: expected an integer, got "abc"');
  assert.equal(formatDiagnostic({ file: '', line: 0, section: null, option: null, message: 'm' }), 'm');
});

test('the search path: HERE/etc, HERE, cwd, cwd/etc, /etc, /etc/supervisor', (t) => {
  assert.deepEqual(defaultSearchPaths('/opt/tss/bin/tssupervisord'), [
    '/opt/tss/etc/supervisord.conf', '/opt/tss/supervisord.conf', 'supervisord.conf', 'etc/supervisord.conf',
    '/etc/supervisord.conf', '/etc/supervisor/supervisord.conf',
  ]);
  const root = makeTree(t, { 'app/etc/supervisord.conf': HEAD, 'app/supervisord.conf': HEAD, 'cwd/etc/supervisord.conf': HEAD, 'empty/': '' });
  assert.equal(findConfigFile(`${root}/app/bin/tssupervisord`, `${root}/cwd`), `${root}/app/etc/supervisord.conf`);
  assert.equal(findConfigFile(`${root}/nowhere/bin/tssupervisord`, `${root}/cwd`), 'etc/supervisord.conf');
});

test('a missing -c file, and nothing found on the search path', (t) => {
  const root = makeTree(t, { 'empty/': '' });
  assert.deepEqual(errors(loadConfig({ file: 'nope.conf', cwd: root, env: {} })), ['nope.conf: could not find config file nope.conf']);
  const none = loadConfig({ cwd: `${root}/empty`, env: {}, argv0: `${root}/empty/bin/x` });
  if (!findConfigFile(`${root}/empty/bin/x`, `${root}/empty`)) {
    assert.match(errors(none)[0] ?? '', /^No config file found at default paths \(.*\/empty\/etc\/supervisord\.conf, .*; use the -c option/u);
  }
});

test('[supervisord]: defaults; logfile and pidfile absolute against the cwd (not the config dir); syslog kept', (t) => {
  const root = makeTree(t, { 'conf/main.conf': '[supervisord]\n', 'run/': '' });
  const s = ok(loadConfig({ file: '../conf/main.conf', cwd: `${root}/run`, env: { TMPDIR: root } })).supervisord;
  assert.deepEqual(s, {
    logfile: `${root}/run/supervisord.log`, logfileMaxbytes: 52428800, logfileBackups: 10, loglevel: 'info',
    pidfile: `${root}/run/supervisord.pid`, umask: 0o22, nodaemon: false, silent: false, minfds: 1024, minprocs: 200,
    nocleanup: false, childlogdir: root, user: null, uid: null, directory: null, stripAnsi: false, environment: {},
    identifier: 'supervisor', watchConfig: false,
  });
  const sys = ok(loadConfig({ file: 'conf/main.conf', cwd: root, env: {}, cliOverrides: { logfile: 'syslog' } }));
  assert.equal(sys.supervisord.logfile, 'syslog');
});

test('command-line values win over the file and are checked like it; typed overrides win over all', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}loglevel=debug\numask=022\n`, 'logs/': '' });
  const cfg = ok(loadConfig({ file: 'main.conf', cwd: root, env: {}, cliOverrides: { loglevel: 'warn', nodaemon: 'true', logfile: 'logs/x.log' }, overrides: { identifier: 'typed' } }));
  assert.deepEqual([cfg.supervisord.loglevel, cfg.supervisord.nodaemon, cfg.supervisord.logfile, cfg.supervisord.identifier], ['warn', true, `${root}/logs/x.log`, 'typed']);
  assert.deepEqual(errors(loadConfig({ file: 'main.conf', cwd: root, env: {}, cliOverrides: { umask: '999' } })), [
    'invalid value for --umask "999": expected an octal number such as 022, got "999"',
  ]);
});

test('[supervisord] user resolves to a uid; an unknown user is an error at its line', (t) => {
  const users = parseUserDb('root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n', 'root:x:0:\napp:x:1000:\n');
  const root = makeTree(t, { 'a.conf': `${HEAD}user=app\n`, 'b.conf': `${HEAD}user=ghost\n` });
  const s = ok(loadConfig({ file: 'a.conf', cwd: root, env: {}, users })).supervisord;
  assert.deepEqual([s.user, s.uid], ['app', 1000]);
  assert.deepEqual(errors(loadConfig({ file: 'b.conf', cwd: root, env: {}, users })), [
    'b.conf:3 [supervisord] user: invalid user name "ghost": there is no such user',
  ]);
  assert.deepEqual(errors(loadConfig({ file: 'a.conf', cwd: root, env: {}, users, cliOverrides: { user: '4242' } })), [
    'a.conf:3 [supervisord] user: invalid user id 4242: there is no such user',
  ]);
});

test('environment: [supervisord] under the program (program wins); its keys are ENV_ names for programs', (t) => {
  const root = makeTree(t, {
    'main.conf': `${HEAD}environment=A="global",B="global"\n[program:p]\ncommand=/bin/echo %(ENV_A)s %(ENV_C)s\nenvironment=B="mine",C="%(ENV_A)s-c"\n`,
  });
  const proc = ok(loadConfig({ file: 'main.conf', cwd: root, env: { A: 'process' } })).groups[0]?.processes[0];
  assert.deepEqual(proc?.environment, { A: 'global', B: 'mine', C: 'global-c' });
  assert.equal(proc?.command, '/bin/echo global global-c');
});

test('4.2.5 expands [supervisord] environment and log file names twice, so %% there ends up as a lone %', (t) => {
  const root = makeTree(t, {
    'env.conf': `${HEAD}environment=A="50%%"\n`,
    'log.conf': `${HEAD}[program:p]\ncommand=/bin/cat\nstdout_logfile=/tmp/50%%.log\n`,
    'cmd.conf': `${HEAD}[program:p]\ncommand=/bin/echo 50%%\n`,
  });
  assert.deepEqual(errors(loadConfig({ file: 'env.conf', cwd: root, env: {} })), [
    `env.conf:3 [supervisord] environment: Format string 'A="50%"' for 'environment' is badly formatted: unsupported format character '"' (0x22) at index 6`,
  ]);
  assert.match(errors(loadConfig({ file: 'log.conf', cwd: root, env: {} }))[0] ?? '', /^log\.conf:5 \[program:p\] stdout_logfile: Format string '\/tmp\/50%\.log' for 'stdout_logfile' is badly formatted: '%\.lo' at index 7 is a conversion without a \(name\)/u);
  assert.equal(ok(loadConfig({ file: 'cmd.conf', cwd: root, env: {} })).groups[0]?.processes[0]?.command, '/bin/echo 50%');
});

test('unknown sections and keys warn at their line; [DEFAULT] keys, plugin keys and future keys do not', (t) => {
  const root = makeTree(t, {
    'main.conf': [
      '[DEFAULT]', 'shared=x', HEAD.trim(), 'colour=blue',
      '[program:p]', 'command=/bin/cat', 'autorestrat=true', 'watch=src/', 'depends_on=db',
      '[rpcinterface:extra]', 'supervisor.rpcinterface_factory=my.module:factory', 'anything=1',
      '[prgram:typo]', 'command=/bin/cat', '',
    ].join('\n'),
  });
  assert.deepEqual(warnings(loadConfig({ file: 'main.conf', cwd: root, env: {} })), [
    'main.conf:5 [supervisord] colour: unknown option "colour" (ignored, as supervisord does)',
    'main.conf:8 [program:p] autorestrat: unknown option "autorestrat" (ignored, as supervisord does); did you mean "autorestart"?',
    'main.conf:12 [rpcinterface:extra] supervisor.rpcinterface_factory: my.module:factory is a Python plugin, which tssupervisor cannot load; only supervisor.rpcinterface:make_main_rpcinterface is built in, so [rpcinterface:extra] adds nothing',
    'main.conf:14 [prgram:typo] unknown section [prgram:typo] (ignored, as supervisord does)',
  ]);
});

test('[DEFAULT] keys reach [rpcinterface:supervisor] as arguments, which stops supervisord: we warn', (t) => {
  const root = makeTree(t, {
    'main.conf': `[DEFAULT]\nautostart=false\n${HEAD}[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n`,
  });
  const result = loadConfig({ file: 'main.conf', cwd: root, env: {} });
  assert.deepEqual(ok(result).rpcinterfaces, [{ name: 'supervisor', factory: 'supervisor.rpcinterface:make_main_rpcinterface', extra: { autostart: 'false' } }]);
  assert.match(warnings(result)[0] ?? '', /^main\.conf:5 \[rpcinterface:supervisor\] autostart would be passed to supervisor\.rpcinterface:make_main_rpcinterface, which takes no arguments/u);
});

test('commands that cannot be split, or are empty, are warnings (supervisord fails at every start)', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[program:q]\ncommand=/bin/echo "unclosed\n[program:e]\ncommand=\n` });
  assert.deepEqual(warnings(loadConfig({ file: 'main.conf', cwd: root, env: {} })), [
    'main.conf:4 [program:q] command: cannot be split into arguments (no closing quotation): supervisord accepts it but every start fails',
    'main.conf:6 [program:e] command: is empty: supervisord accepts it but every start fails',
  ]);
});

test('servers: unix file absolute against the cwd, default mode 0700; inet host and port; auth pairs', (t) => {
  const root = makeTree(t, {
    'main.conf': `${HEAD}[unix_http_server]\nfile=run/s.sock\n[inet_http_server]\nport=:9001\nusername=u\npassword={SHA}abc\n[unix_http_server:two]\nfile=%(here)s/two.sock\nchown=0:0\nchmod=0660\n`,
  });
  const cfg = ok(loadConfig({ file: 'main.conf', cwd: root, env: {} }));
  assert.deepEqual(cfg.servers, [
    { kind: 'inet', section: 'inet_http_server', host: '', port: 9001, auth: { username: 'u', password: '{SHA}abc' } },
    { kind: 'unix', section: 'unix_http_server', file: `${root}/run/s.sock`, chmod: 0o700, chown: null, auth: null },
    { kind: 'unix', section: 'unix_http_server:two', file: `${root}/two.sock`, chmod: 0o660, chown: { uid: 0, gid: 0 }, auth: null },
  ]);
});

test('fcgi socket owner defaults to the program user and its group when that differs from ours', (t) => {
  const users = parseUserDb('root:x:0:0::/root:/bin/sh\nweb:x:4000:4001::/srv:/bin/sh\n', 'root:x:0:\nweb:x:4001:\n');
  const root = makeTree(t, { 'main.conf': `${HEAD}[fcgi-program:php]\ncommand=/usr/bin/php-cgi\nuser=web\nsocket=unix:///tmp/%(program_name)s/../php.sock\n` });
  const group = ok(loadConfig({ file: 'main.conf', cwd: root, env: {}, users })).groups[0];
  assert.equal(group?.kind, 'fcgi-program');
  assert.deepEqual(group?.kind === 'fcgi-program' && [group.socket, group.socketOwner, group.socketMode, group.socketBacklog], [
    'unix:///tmp/php.sock', process.getuid?.() === 4000 ? null : { uid: 4000, gid: 4001 }, 0o700, null,
  ]);
});

test('a [fcgi-program:x] says, with file:line, that its socket is not created (the processes get a stdin pipe)', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\n` });
  assert.deepEqual(warnings(loadConfig({ file: 'main.conf', cwd: root, env: {} })), [
    'main.conf:5 [fcgi-program:f] socket: tcp://127.0.0.1:9000 is not created: tssupervisord cannot hand a listening socket to its children yet, so they get a stdin pipe as fd 0 where supervisord would pass them the socket',
  ]);
});

test('a [fcgi-program:x] listed in a [group:x] becomes a plain program (as in supervisord), with a warning', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\n[group:g]\nprograms=f\n` });
  const result = loadConfig({ file: 'main.conf', cwd: root, env: {} });
  assert.deepEqual(ok(result).groups.map((g) => [g.name, g.kind]), [['g', 'group']]);
  assert.deepEqual(warnings(result), ['main.conf:7 [group:g] programs: [fcgi-program:f] is listed in [group:g]: supervisord then runs it as a plain program, without its socket']);
});

test('a group name used twice is a warning', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[program:x]\ncommand=/bin/cat\n[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_5\n` });
  assert.deepEqual(warnings(loadConfig({ file: 'main.conf', cwd: root, env: {} })), [
    'main.conf:5 [eventlistener:x] the group name "x" is also used at main.conf:3; only one of them can run',
  ]);
});

test('an event listener result handler other than the default cannot be loaded', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_5\nresult_handler=my.module:handler\n` });
  assert.deepEqual(errors(loadConfig({ file: 'main.conf', cwd: root, env: {} })), [
    'main.conf:6 [eventlistener:x] result_handler: my.module:handler cannot be resolved within [eventlistener:x]: only supervisor.dispatchers:default_handler is available (no Python plugins)',
  ]);
});

test('process names, sources and files; an included file is named relative to the cwd', (t) => {
  const root = makeTree(t, { 'etc/main.conf': `${HEAD}[include]\nfiles=conf.d/*.conf\n`, 'etc/conf.d/a.conf': '\n[program:a]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=a%(process_num)d\n' });
  const cfg = ok(loadConfig({ file: 'etc/main.conf', cwd: root, env: {} }));
  assert.deepEqual(cfg.groups[0]?.processes.map((p) => [p.name, p.processNum, p.programName, p.section, p.source]), [
    ['a0', 0, 'a', 'program:a', { file: 'etc/conf.d/a.conf', line: 2 }],
    ['a1', 1, 'a', 'program:a', { file: 'etc/conf.d/a.conf', line: 2 }],
  ]);
  assert.deepEqual([cfg.configFile, cfg.configPath, cfg.here], ['etc/main.conf', `${root}/etc/main.conf`, `${root}/etc`]);
  assert.deepEqual(cfg.files, [`${root}/etc/main.conf`, `${root}/etc/conf.d/a.conf`]);
  const outside = ok(loadConfig({ file: `${root}/etc/main.conf`, cwd: path.join(root, 'etc', 'conf.d'), env: {} }));
  assert.deepEqual(outside.groups[0]?.source, { file: 'a.conf', line: 2 });
});

test('[supervisorctl] in the daemon config is read into config.ctl', (t) => {
  const root = makeTree(t, { 'main.conf': `${HEAD}[supervisorctl]\nserverurl=unix://%(here)s/x/../s.sock\nprompt=hi\n` });
  assert.deepEqual(ok(loadConfig({ file: 'main.conf', cwd: root, env: {} })).ctl, {
    serverurl: `unix://${root}/s.sock`, username: null, password: null, prompt: 'hi', historyFile: null,
  });
});

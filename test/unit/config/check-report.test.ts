import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../../src/config/load.js';
import { renderCheckReport } from '../../../src/config/check-report.js';
import { makeTree } from './tmp-tree.js';

test('check report of a good config: the process table, the warnings, then the verdict', (t) => {
  const root = makeTree(t, {
    'supervisord.conf': [
      '[supervisord]', 'logfile=/tmp/tss-check.log',
      '[program:web]', 'command=/usr/bin/python3 -m http.server %(process_num)d', 'numprocs=2', 'process_name=web_%(process_num)d',
      'stdout_logfile=/tmp/web.log', 'redirect_stderr=true', 'autorestrat=true',
      '[program:cat]', 'command=/bin/cat', 'autostart=false', 'stopsignal=INT', 'stdout_syslog=true', 'stderr_logfile=NONE', '',
    ].join('\n'),
  });
  const report = renderCheckReport(loadConfig({ file: 'supervisord.conf', cwd: root, env: {} }), 'supervisord.conf');
  assert.equal(
    report,
    [
      '2 groups, 3 processes:',
      'GROUP  NAME       AUTOSTART  AUTORESTART  STARTSECS  STOPSIGNAL  STDOUT        STDERR    COMMAND',
      'cat    cat        false      unexpected   1          INT         AUTO+syslog   NONE      /bin/cat',
      'web    web:web_0  true       unexpected   1          TERM        /tmp/web.log  (stdout)  /usr/bin/python3 -m http.server 0',
      'web    web:web_1  true       unexpected   1          TERM        /tmp/web.log  (stdout)  /usr/bin/python3 -m http.server 1',
      '',
      'warnings (1):',
      '  supervisord.conf:9 [program:web] autorestrat: unknown option "autorestrat" (ignored, as supervisord does); did you mean "autorestart"?',
      '',
      'configuration file supervisord.conf test is successful',
      '',
    ].join('\n'),
  );
});

test('check report of a broken config: warnings, errors, and "test failed"', (t) => {
  const root = makeTree(t, { 'bad.conf': '[supervisord]\nlogfile=/tmp/tss-check.log\nloglevel=loud\ncolour=red\n[program:x]\nstartsecs=abc\n' });
  assert.equal(
    renderCheckReport(loadConfig({ file: 'bad.conf', cwd: root, env: {} }), 'bad.conf'),
    [
      'warnings (1):',
      '  bad.conf:4 [supervisord] colour: unknown option "colour" (ignored, as supervisord does)',
      '',
      'errors (3):',
      '  bad.conf:3 [supervisord] loglevel: bad logging level name "loud" (use one of critical, error, warn, info, debug, trace, blather; "warning" is not one)',
      '  bad.conf:5 [program:x] command: program section program:x does not specify a command',
      '  bad.conf:6 [program:x] startsecs: expected an integer, got "abc"',
      '',
      'configuration file bad.conf test failed',
      '',
    ].join('\n'),
  );
});

test('check report of an empty config', (t) => {
  const root = makeTree(t, { 'e.conf': '[supervisord]\nlogfile=/tmp/tss-check.log\n' });
  assert.equal(renderCheckReport(loadConfig({ file: 'e.conf', cwd: root, env: {} }), 'e.conf'), 'no programs configured\n\nconfiguration file e.conf test is successful\n');
});

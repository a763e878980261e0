import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { GetoptError, getopt } from '../../../src/ctl/getopt.js';
import { HelpRequested, UsageError, isUrl, parseOptions } from '../../../src/ctl/options.js';
import { pyRepr } from '../../../src/ctl/py-text.js';
import { tempDir } from '../../helpers/temp-dir.js';

const SHORT = 'h?c:is:u:p:r:';
const LONG = ['help', 'configuration=', 'interactive', 'serverurl=', 'username=', 'password=', 'history_file='];

test('getopt: Python getopt errors, word for word', () => {
  const message = (argv: string[]): string => {
    try {
      getopt(argv, SHORT, LONG);
    } catch (err) {
      assert.ok(err instanceof GetoptError);
      return err.message;
    }
    return 'no error';
  };
  assert.equal(message(['-x']), 'option -x not recognized');
  assert.equal(message(['--server']), 'option --serverurl requires argument');
  assert.equal(message(['--help=3']), 'option --help must not have an argument');
  assert.equal(message(['-iu']), 'option -u requires argument');
  assert.equal(message(['--h']), 'option --h not a unique prefix');
  assert.equal(message(['--nope']), 'option --nope not recognized');
});

test('getopt: clusters, attached values, prefixes, and the first non-option ends the options', () => {
  const r = getopt(['-is', 'unix:///x', '--ser=http://a:1', '-uuser', 'status', '-c', 'x'], SHORT, LONG);
  assert.deepEqual(r.opts, [['-i', ''], ['-s', 'unix:///x'], ['--serverurl', 'http://a:1'], ['-u', 'user']]);
  assert.deepEqual(r.args, ['status', '-c', 'x']);
  assert.deepEqual(getopt(['--', '-x'], SHORT, LONG).args, ['-x']);
});

test('options: usage errors as supervisorctl words them', () => {
  const usage = (argv: string[]): string => {
    try {
      parseOptions(argv, '/x/bin/ctl', {});
    } catch (err) {
      assert.ok(err instanceof UsageError);
      return err.message;
    }
    return 'no error';
  };
  assert.equal(usage(['-s', 'foo']), "invalid value for -s 'foo': value 'foo' is not a URL");
  assert.equal(usage(['--serverurl', 'unix://']), "invalid value for --serverurl 'unix://': value 'unix://' is not a URL");
  assert.equal(usage(['-s', 'http://a:1', '-s', 'http://b:1']), "conflicting command line option '-s'");
  assert.equal(usage(['-c', '/nonexistent/ctl.conf']), 'could not find config file /nonexistent/ctl.conf');
  assert.throws(() => parseOptions(['-h', '-s', 'foo'], 'ctl', {}), HelpRequested);
});

test('options: URL check is urlparse: a scheme and something after it', () => {
  for (const ok of ['unix:///tmp/s.sock', 'http://localhost:9001', 'abc:def', 'localhost:9001']) assert.ok(isUrl(ok), ok);
  for (const bad of ['foo', 'unix://', 'http://', '/tmp/s.sock', '']) assert.ok(!isUrl(bad), bad);
});

test('options: command line > [supervisorctl] > SUPERVISOR_SERVER_URL > default', () => {
  const dir = tempDir('ctl-opt-');
  const withUrl = path.join(dir, 'with.conf');
  writeFileSync(withUrl, '[supervisorctl]\nserverurl = unix://%(here)s/../x/s.sock ; comment\nusername = %(ENV_WHO)s\nprompt=hey\nhistory_file=%(here)s/h\n');
  const withoutUrl = path.join(dir, 'without.conf');
  writeFileSync(withoutUrl, '[supervisorctl]\npassword = pw\n');
  const env = { SUPERVISOR_SERVER_URL: 'unix:///env.sock', WHO: 'me' };

  const fromFile = parseOptions(['-c', withUrl, 'status'], 'ctl', env);
  assert.equal(fromFile.serverUrl, `unix://${path.join(path.dirname(dir), 'x', 's.sock')}`);
  assert.equal(fromFile.serverUrlSource, 'config file');
  assert.equal(fromFile.username, 'me');
  assert.equal(fromFile.prompt, 'hey');
  assert.equal(fromFile.historyFile, path.join(dir, 'h'));
  assert.equal(fromFile.interactive, false);

  const cli = parseOptions(['-c', withUrl, '-s', 'http://h:1', '-u', 'u', 'status'], 'ctl', env);
  assert.deepEqual([cli.serverUrl, cli.username], ['http://h:1', 'u']);

  const fromEnv = parseOptions(['-c', withoutUrl], 'ctl', env);
  assert.deepEqual([fromEnv.serverUrl, fromEnv.serverUrlSource, fromEnv.password], ['unix:///env.sock', 'SUPERVISOR_SERVER_URL', 'pw']);
  assert.equal(fromEnv.interactive, true);

  const none = parseOptions(['-c', '', 'status'], 'ctl', {});
  assert.deepEqual([none.serverUrl, none.serverUrlSource, none.configFile], ['http://localhost:9001', 'default', null]);
});

test('options: config errors', () => {
  const dir = tempDir('ctl-opt-');
  const noSection = path.join(dir, 'a.conf');
  writeFileSync(noSection, '[supervisord]\n');
  assert.throws(() => parseOptions(['-c', noSection], 'ctl', {}), /^UsageError: \.ini file does not include supervisorctl section$/);
  const badName = path.join(dir, 'b.conf');
  writeFileSync(badName, '[supervisorctl]\nserverurl=%(nope)s\n');
  assert.throws(() => parseOptions(['-c', badName], 'ctl', { A: '1' }), (err: unknown) =>
    err instanceof UsageError && err.message.startsWith(`${badName}:2 [supervisorctl] serverurl: `) && err.message.endsWith('Available names: ENV_A, here'));
  const plugin = path.join(dir, 'c.conf');
  writeFileSync(plugin, '[supervisorctl]\n[ctlplugin:x]\nsupervisor.ctl_factory = x.y:z\n');
  assert.deepEqual(parseOptions(['-c', plugin], 'ctl', {}).notes, ['tssupervisorctl: ignoring [ctlplugin:x]: supervisorctl plugins are Python code']);
});

test('pyRepr quotes like Python', () => {
  assert.equal(pyRepr('foo'), "'foo'");
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\'b"c'), "'a\\'b\"c'");
  assert.equal(pyRepr('tab\there\n'), "'tab\\there\\n'");
});

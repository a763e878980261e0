import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  toAutoRestart, toBoolean, toByteSize, toExitCodes, toInetAddress, toInteger, toList, toLogLevel, toOctal, toProcessName,
  toSignal, toUrl, toKeyValuePairs, type ConvertContext, type Converted,
} from '../../../src/config/convert.js';
import {
  expandUser, pyDirname, toExistingDirectory, toExistingDirpath, toLogFile, toUid, toUserGroup, SYSLOG,
} from '../../../src/config/convert-paths.js';
import { parseUserDb } from '../../../src/config/users.js';
import { AUTO } from '../../../src/config/types.js';
import { pythonCases } from './python-cases.js';
import { makeTree } from './tmp-tree.js';

interface Case {
  input: string;
  ok: boolean;
  value?: unknown;
}
const cases = pythonCases<Record<string, Case[]>>('convert-cases');

const users = parseUserDb(
  'root:x:0:0:root:/root:/bin/bash\nwww-data:x:33:33:www:/var/www:/usr/sbin/nologin\n#comment\nbroken\n',
  'root:x:0:\nwww-data:x:33:\nstaff:x:50:\n',
);
const ctx: ConvertContext = { cwd: '/', env: { HOME: '/home/me' }, users };

const LEVEL_NUMBERS: Record<string, number> = { critical: 50, error: 40, warn: 30, info: 20, debug: 10, trace: 5, blather: 3 };

const converters: Record<string, (raw: string) => Converted<unknown>> = {
  boolean: toBoolean,
  integer: toInteger,
  byte_size: toByteSize,
  octal_type: toOctal,
  signal_number: toSignal,
  list_of_exitcodes: toExitCodes,
  logging_level: (raw) => {
    const r = toLogLevel(raw);
    return r.ok ? { ok: true, value: LEVEL_NUMBERS[r.value] } : r;
  },
  auto_restart: toAutoRestart,
  process_or_group_name: toProcessName,
  inet_address: (raw) => {
    const r = toInetAddress(raw);
    return r.ok ? { ok: true, value: [r.value.host, r.value.port] } : r;
  },
  url: toUrl,
  list_of_strings: toList,
};

for (const [name, list] of Object.entries(cases)) {
  for (const c of list) {
    test(`${name}(${JSON.stringify(c.input)}) as supervisor's datatypes say`, () => {
      const convert = converters[name];
      assert.ok(convert, `no converter for ${name}`);
      const result = convert(c.input);
      if (c.ok) assert.deepEqual(result, { ok: true, value: c.value });
      else assert.equal(result.ok, false, JSON.stringify(result));
    });
  }
}

test('converter messages say what was expected and quote what was written', () => {
  const messages: Array<[Converted<unknown>, string]> = [
    [toInteger('abc'), 'expected an integer, got "abc"'],
    [toBoolean('maybe'), 'expected a boolean (true/false, yes/no, on/off, 1/0), got "maybe"'],
    [toSignal('FOO'), '"FOO" is not a valid signal name'],
    [toSignal('99'), '"99" is not a valid signal number'],
    [toExitCodes('0,256'), 'expected a comma-separated list of exit codes between 0 and 255, got "0,256"'],
    [toOctal('999'), 'expected an octal number such as 022, got "999"'],
    [toLogLevel('warning'), 'bad logging level name "warning" (use one of critical, error, warn, info, debug, trace, blather; "warning" is not one)'],
    [toInetAddress('70000'), 'port 70000 is above the upper bound (65535)'],
    [toInetAddress('host:'), 'no port number specified in "host:"'],
    [toProcessName('a b'), 'invalid name "a b": it contains " " (names cannot contain spaces, ":" or "/")'],
    [toAutoRestart('Sometimes'), 'expected true, false or unexpected, got "sometimes"'],
  ];
  for (const [result, message] of messages) assert.deepEqual(result, { ok: false, message });
});

test('byte sizes above 2 GiB are accepted (supervisord then cannot send them over XML-RPC)', () => {
  assert.deepEqual(toByteSize('2GB'), { ok: true, value: 2 * 1024 ** 3 });
});

test('environment pairs: message explains how to quote', () => {
  const r = toKeyValuePairs('A=b@c,D=e f');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /^unexpected end of key\/value pairs in "A=b@c,D=e f": write KEY="value"/u);
  assert.deepEqual(toKeyValuePairs('A="b@c"'), { ok: true, value: { A: 'b@c' } });
});

test('~ expansion follows HOME, then passwd; ~name uses passwd', () => {
  assert.equal(expandUser('~/x', ctx), '/home/me/x');
  assert.equal(expandUser('~', ctx), '/home/me');
  assert.equal(expandUser('~www-data/log', ctx), '/var/www/log');
  assert.equal(expandUser('~nobody-here/log', ctx), '~nobody-here/log');
  assert.equal(expandUser('/abs/~', ctx), '/abs/~');
});

test('dirname as Python computes it', () => {
  const table: Array<[string, string]> = [['a/b/', 'a/b'], ['/x', '/'], ['x', ''], ['//x', '//'], ['a//b', 'a'], ['/a/b', '/a']];
  for (const [p, d] of table) assert.equal(pyDirname(p), d, p);
});

test('existing paths are checked against the cwd of the load', (t) => {
  const root = makeTree(t, { 'logs/': '', 'file.txt': 'x' });
  const here: ConvertContext = { ...ctx, cwd: root };
  assert.deepEqual(toExistingDirpath('logs/app.log', here), { ok: true, value: 'logs/app.log' });
  assert.deepEqual(toExistingDirpath('app.log', here), { ok: true, value: 'app.log' });
  assert.deepEqual(toExistingDirpath('missing/app.log', here), {
    ok: false,
    message: 'the directory named as part of the path "missing/app.log" does not exist',
  });
  assert.deepEqual(toExistingDirectory('logs', here), { ok: true, value: 'logs' });
  assert.deepEqual(toExistingDirectory('file.txt', here), { ok: false, message: '"file.txt" is not an existing directory' });
  assert.deepEqual(toLogFile('Auto', here), { ok: true, value: AUTO });
  assert.deepEqual(toLogFile('NONE', here), { ok: true, value: null });
  assert.deepEqual(toLogFile('off', here), { ok: true, value: null });
  assert.deepEqual(toLogFile('SysLog', here), { ok: true, value: SYSLOG });
  assert.equal(toLogFile('missing/x.log', here).ok, false);
});

test('users and groups come from passwd and group', () => {
  assert.deepEqual(toUid('root', ctx), { ok: true, value: 0 });
  assert.deepEqual(toUid('33', ctx), { ok: true, value: 33 });
  assert.deepEqual(toUid('nobody-here', ctx), { ok: false, message: 'invalid user name "nobody-here": there is no such user' });
  assert.deepEqual(toUid('4242', ctx), { ok: false, message: 'invalid user id 4242: there is no such user' });
  assert.deepEqual(toUserGroup('www-data', ctx), { ok: true, value: { uid: 33, gid: -1 } });
  assert.deepEqual(toUserGroup('root:staff', ctx), { ok: true, value: { uid: 0, gid: 50 } });
  assert.deepEqual(toUserGroup('0:0', ctx), { ok: true, value: { uid: 0, gid: 0 } });
  assert.deepEqual(toUserGroup('root:nogroup-here', ctx), {
    ok: false,
    message: 'invalid user:group value "root:nogroup-here": invalid group name "nogroup-here": there is no such group',
  });
});

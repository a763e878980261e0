import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLine } from '../../../src/ctl/dispatch.js';
import { fakeCtl, fault, info, transportError } from './fake-ctl.js';

const ALL = [info('cat', 'cat', 'RUNNING'), info('grp', 'ga', 'RUNNING'), info('grp', 'gb', 'STOPPED')];

test('line syntax is cmd.Cmd: identifier prefix, `?` = help, `!` unknown', () => {
  assert.deepEqual(parseLine('  status   cat  '), { cmd: 'status', arg: 'cat', line: 'status   cat' });
  assert.deepEqual(parseLine('status-x'), { cmd: 'status', arg: '-x', line: 'status-x' });
  assert.deepEqual(parseLine('? stop'), { cmd: 'help', arg: 'stop', line: 'help  stop' });
  assert.deepEqual(parseLine('!ls'), { cmd: null, arg: '', line: '!ls' });
  assert.deepEqual(parseLine('-x'), { cmd: '', arg: '-x', line: '-x' });
});

test('unknown actions: `*** Unknown syntax`, exit 1; empty line does nothing', async () => {
  const f = fakeCtl({});
  assert.deepEqual(await f.run('STATUS now'), { stdout: '*** Unknown syntax: STATUS now\n', exit: 1 });
  assert.deepEqual(await f.run('   '), { stdout: '', exit: 0 });
  assert.deepEqual(await f.run('help constructor'), { stdout: '*** No help on constructor\n', exit: 0 });
});

test('status: exit 3 when a shown process is stopped, 4 for unknown names, errors first', async () => {
  const f = fakeCtl({ 'supervisor.getAllProcessInfo': () => ALL });
  assert.equal((await f.run('status cat')).exit, 0);
  assert.equal((await f.run('status')).exit, 3);
  const r = await f.run('status cat nosuch nosuch:*');
  assert.equal(r.exit, 4);
  assert.equal(r.stdout.split('\n').slice(0, 3).join('\n'), `nosuch: ERROR (no such process)\nnosuch: ERROR (no such group)\ncat${' '.repeat(30)}RUNNING   pid 42, uptime 0:00:07`);
  const json = await f.run('status grp:* --json');
  assert.equal(json.exit, 3);
  const doc = JSON.parse(json.stdout) as { processes: Array<{ namespec: string }>; errors: unknown[] };
  assert.deepEqual(doc.processes.map((p) => p.namespec), ['grp:ga', 'grp:gb']);
});

test('status: an unreachable server prints supervisorctl\'s line on stdout, our hint on stderr, exit 4', async () => {
  const f = fakeCtl({ 'supervisor.getVersion': () => { throw transportError('ENOENT'); } }, ['-s', 'unix:///run/x.sock', 'status']);
  assert.deepEqual(await f.run('status'), { stdout: 'unix:///run/x.sock no such file\n', exit: 4 });
  assert.match(f.stderr(), /the socket file \/run\/x\.sock does not exist \(server URL from command line\)\nhint: is tssupervisord running\?/);
  assert.deepEqual(await f.run('version'), { stdout: 'unix:///run/x.sock no such file\n', exit: 7 });
  const refusing = (): never => {
    throw transportError('ECONNREFUSED');
  };
  const refused = fakeCtl({ 'supervisor.getVersion': refusing, 'supervisor.getAllConfigInfo': refusing }, ['-s', 'http://h:1', 'x']);
  assert.deepEqual(await refused.run('pid'), { stdout: 'http://h:1 refused connection\n', exit: 4 });
  assert.deepEqual(await refused.run('avail'), { stdout: "error: <class 'ConnectionRefusedError'>, [Errno 111] Connection refused\n", exit: 1 });
});

test('upcheck: API version and missing namespace', async () => {
  const old = fakeCtl({ 'supervisor.getVersion': () => '2.0' });
  assert.deepEqual(await old.run('status'), {
    stdout: 'Sorry, this version of supervisorctl expects to talk to a server with API version 3.0, but the remote version is 2.0.\n',
    exit: 4,
  });
  assert.equal((await old.run('version')).exit, 5);
  const none = fakeCtl({ 'supervisor.getVersion': () => { throw fault('UNKNOWN_METHOD'); } });
  const r = await none.run('version');
  assert.equal(r.exit, 3);
  assert.match(r.stdout, /^Sorry, supervisord responded but did not recognize the supervisor namespace commands/);
});

test('start: ALREADY_STARTED keeps the status, spawn errors give 7, unknown group 2, no name 2', async () => {
  const f = fakeCtl({
    'supervisor.startProcess': (name) => {
      if (name === 'cat') throw fault('ALREADY_STARTED', 'cat');
      if (name === 'crash') throw fault('SPAWN_ERROR', 'crash');
      if (name === 'odd') throw fault('FAILED', 'odd is in an unknown process state');
      throw fault('BAD_NAME', String(name));
    },
    'supervisor.startProcessGroup': () => { throw fault('BAD_NAME', 'g'); },
  });
  assert.deepEqual(await f.run('start cat'), { stdout: 'cat: ERROR (already started)\n', exit: 0 });
  assert.deepEqual(await f.run('start crash cat'), { stdout: 'crash: ERROR (spawn error)\ncat: ERROR (already started)\n', exit: 7 });
  assert.deepEqual(await f.run('start nosuch'), { stdout: 'nosuch: ERROR (no such process)\n', exit: 1 });
  assert.deepEqual(await f.run('start g:*'), { stdout: 'g: ERROR (no such group)\n', exit: 2 });
  assert.deepEqual(await f.run('start odd'), { stdout: "error: <class 'ValueError'>, Unknown result code 30 for odd\n", exit: 1 });
  const none = await f.run('start');
  assert.equal(none.exit, 2);
  assert.match(none.stdout, /^Error: start requires a process name\nstart <name>\t\tStart a process\n/);
});

test('stop, signal, pid: their own exit policies', async () => {
  const f = fakeCtl({
    'supervisor.stopProcess': () => { throw fault('NOT_RUNNING', 'x'); },
    'supervisor.signalProcess': () => { throw fault('NOT_RUNNING', 'x'); },
    'supervisor.getProcessInfo': (name) => {
      if (name === 'nosuch') throw fault('BAD_NAME', 'nosuch');
      return info('x', 'x', 'STOPPED');
    },
    'supervisor.getPID': () => 123,
  });
  assert.deepEqual(await f.run('stop x'), { stdout: 'x: ERROR (not running)\n', exit: 0 });
  assert.deepEqual(await f.run('signal HUP x'), { stdout: 'x: ERROR (not running)\n', exit: 7 });
  assert.deepEqual(await f.run('pid'), { stdout: '123\n', exit: 0 });
  assert.deepEqual(await f.run('pid x'), { stdout: '0\n', exit: 7 });
  assert.deepEqual(await f.run('pid nosuch'), { stdout: 'No such process nosuch\n', exit: 1 });
  assert.deepEqual(JSON.parse((await f.run('pid --json')).stdout), { supervisord: 123 });
});

test('start/stop --json: one array of results with supervisorctl\'s messages', async () => {
  const f = fakeCtl({
    'supervisor.stopProcess': () => true,
    'supervisor.startProcess': () => true,
    'supervisor.startProcessGroup': () => [{ name: 'ga', group: 'grp', status: 80, description: 'OK' }],
  });
  const r = await f.run('restart --json cat');
  const records = JSON.parse((await f.run('start grp:* --json')).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(records, [{ action: 'start', namespec: 'grp:ga', group: 'grp', name: 'ga', ok: true, code: 80, fault: null, message: 'grp:ga: started' }]);
  assert.equal(r.exit, 0);
  const restarted = JSON.parse(r.stdout) as Array<{ message: string }>;
  assert.deepEqual(restarted.map((x) => x.message), ['cat: stopped', 'cat: started']);
});

test('401 without -i: the message, then the second attempt fails like supervisorctl\'s', async () => {
  let versions = 0;
  const f = fakeCtl({ 'supervisor.getVersion': () => { versions++; throw transportError('UNAUTHORIZED', 401); } });
  assert.deepEqual(await f.run('status'), {
    stdout: "Server requires authentication\nerror: <class 'xmlrpc.client.ProtocolError'>, <ProtocolError for 127.0.0.1/RPC2: 401 Unauthorized>\n",
    exit: 1,
  });
  assert.equal(versions, 2);
});

test('401 in interactive mode asks for credentials and retries', async () => {
  let attempts = 0;
  const f = fakeCtl(
    {
      'supervisor.getVersion': () => {
        if (attempts++ === 0) throw transportError('UNAUTHORIZED', 401);
        return '3.0';
      },
      'supervisor.getSupervisorVersion': () => '4.2.5',
    },
    ['-i', '-c', '', 'version'],
    ['user', 'secret'],
  );
  assert.deepEqual(await f.run('version'), { stdout: 'Server requires authentication\nUsername:Password:\n4.2.5\n', exit: 0 });
  assert.deepEqual([f.ctl.options.username, f.ctl.options.password], ['user', 'secret']);
});

test('shutdown and reload confirm in interactive mode only', async () => {
  let shutdowns = 0;
  const methods = { 'supervisor.shutdown': () => (shutdowns++, true), 'supervisor.restart': () => true };
  const asked = fakeCtl(methods, ['-i', '-c', '', 'x'], ['n', 'yes']);
  assert.deepEqual(await asked.run('shutdown'), { stdout: 'Really shut the remote supervisord process down y/N? ', exit: 0 });
  assert.deepEqual(await asked.run('reload'), { stdout: 'Really restart the remote supervisord process y/N? Restarted supervisord\n', exit: 0 });
  assert.equal(shutdowns, 0);
  const direct = fakeCtl({ 'supervisor.shutdown': () => { throw transportError('ENOENT'); } }, ['-s', 'unix:///x', 'x']);
  assert.deepEqual(await direct.run('shutdown'), { stdout: 'ERROR: unix:///x no such file (already shut down?)\n', exit: 1 });
});

test('reread, update and add/remove report as supervisorctl does', async () => {
  const calls: string[] = [];
  const f = fakeCtl({
    'supervisor.reloadConfig': () => [[['new'], ['changed'], ['gone']]],
    'supervisor.getAllProcessInfo': () => ALL,
    'supervisor.stopProcessGroup': (g) => (calls.push(`stop ${g}`), []),
    'supervisor.removeProcessGroup': (g) => (calls.push(`remove ${g}`), true),
    'supervisor.addProcessGroup': (g) => {
      calls.push(`add ${g}`);
      if (g === 'cat') throw fault('ALREADY_ADDED', 'cat');
      return true;
    },
  });
  assert.deepEqual(await f.run('reread'), { stdout: 'changed: changed\ngone: disappeared\nnew: available\n', exit: 0 });
  assert.deepEqual(await f.run('update'), {
    stdout: 'gone: stopped\ngone: removed process group\nchanged: stopped\nchanged: updated process group\nnew: added process group\n',
    exit: 0,
  });
  assert.deepEqual(calls, ['stop gone', 'remove gone', 'stop changed', 'remove changed', 'add changed', 'add new']);
  assert.deepEqual(await f.run('update nosuch'), { stdout: 'ERROR: no such group: nosuch\n', exit: 1 });
  assert.deepEqual(await f.run('add cat'), { stdout: 'ERROR: process group already active\n', exit: 0 });
});

test('help: topic list, one topic, help help', async () => {
  const f = fakeCtl({});
  const list = (await f.run('help')).stdout;
  assert.equal(list.split('\n').slice(0, 3).join('\n'), '\ndefault commands (type help <topic>):\n=====================================');
  assert.equal((await f.run('help help')).stdout, 'help\t\tPrint a list of available actions\nhelp <action>\tPrint help for <action>\n');
  assert.equal((await f.run('? quit')).stdout, 'quit\tExit the supervisor shell.\n');
  assert.equal((await f.run('help maintail')).stdout.endsWith('main log file\n\n'), true);
});

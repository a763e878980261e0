import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  comparePython,
  formatChanges,
  formatClearResult,
  formatConfigInfo,
  formatSignalResult,
  formatStartResult,
  formatStatusLines,
  type ProcessInfo,
} from '../../../src/ctl/format.js';
import { columnize } from '../../../src/ctl/commands/help.js';
import { PyError } from '../../../src/ctl/py-text.js';
import { info } from './fake-ctl.js';

test('status lines: name column max(30, longest)+3, state column 10, description as sent', () => {
  const lines = formatStatusLines([
    info('cat', 'cat', 'RUNNING'),
    info('grp', 'ga', 'STARTING', { description: '' }),
  ] as unknown as ProcessInfo[]);
  assert.deepEqual(lines, [
    `cat${' '.repeat(30)}RUNNING   pid 42, uptime 0:00:07`,
    `grp:ga${' '.repeat(27)}STARTING  `,
  ]);
  const long = 'x'.repeat(154);
  const [line] = formatStatusLines([info(long, long, 'FATAL', { description: 'Exited too quickly' })] as unknown as ProcessInfo[]);
  assert.equal(line!.indexOf('FATAL'), 157);
});

test('start results: every known code has supervisorctl words; an unknown code is a ValueError', () => {
  const r = (status: number): string => formatStartResult({ name: 'web_0', group: 'web', status, description: '' });
  assert.equal(r(80), 'web:web_0: started');
  assert.equal(r(10), 'web:web_0: ERROR (no such process)');
  assert.equal(r(20), 'web:web_0: ERROR (no such file)');
  assert.equal(r(21), 'web:web_0: ERROR (file is not executable)');
  assert.equal(r(60), 'web:web_0: ERROR (already started)');
  assert.equal(r(50), 'web:web_0: ERROR (spawn error)');
  assert.equal(r(40), 'web:web_0: ERROR (abnormal termination)');
  assert.throws(() => r(30), (err: unknown) => err instanceof PyError && err.pyClass === 'ValueError' && err.message === 'Unknown result code 30 for web:web_0');
});

test('signal/stop results: FAILED prints the fault string verbatim', () => {
  assert.equal(formatSignalResult({ name: 'cat', group: 'cat', status: 80, description: 'OK' }), 'cat: signalled');
  assert.equal(formatSignalResult({ name: 'cat', group: 'cat', status: 80, description: 'OK' }, 'stopped'), 'cat: stopped');
  assert.equal(formatSignalResult({ name: 'cat', group: 'cat', status: 11, description: '' }), 'cat: ERROR (bad signal name)');
  assert.equal(formatSignalResult({ name: 'cat', group: 'cat', status: 70, description: '' }), 'cat: ERROR (not running)');
  assert.equal(formatSignalResult({ name: 'cat', group: 'cat', status: 30, description: 'FAILED: boom' }), 'FAILED: boom');
});

test('clear results name a group-only spec `group:None`, as supervisorctl', () => {
  assert.equal(formatClearResult({ name: null, group: 'grp', status: 10, description: '' }), 'grp:None: ERROR (no such process)');
  assert.equal(formatClearResult({ name: 'a', group: 'g', status: 30, description: '' }), 'g:a: ERROR (failed)');
});

test('avail lines and reread change lists', () => {
  assert.equal(
    formatConfigInfo({ name: 'ga', group: 'grp', inuse: true, autostart: true, group_prio: 5, process_prio: 999 }),
    'grp:ga                           in use    auto      5:999',
  );
  assert.equal(
    formatConfigInfo({ name: 'x', group: 'x', inuse: false, autostart: false, group_prio: 999, process_prio: 999 }),
    'x                                avail     manual    999:999',
  );
  assert.deepEqual(formatChanges(['b'], ['a'], ['C']), ['C: disappeared', 'a: changed', 'b: available']);
  assert.deepEqual(formatChanges([], [], []), ['No config updates to processes']);
  assert.ok(comparePython('\u{1F600}', '\uFFFF') > 0);
});

test('help topics are laid out as Python cmd.Cmd.columnize lays them out', () => {
  const topics = ['add', 'avail', 'clear', 'exit', 'fg', 'maintail', 'open', 'pid', 'quit', 'reload', 'remove', 'reread',
    'restart', 'shutdown', 'signal', 'start', 'status', 'stop', 'tail', 'update', 'version'];
  assert.deepEqual(columnize(topics, 79), [
    'add    exit      open  reload  restart   start   tail   ',
    'avail  fg        pid   remove  shutdown  status  update ',
    'clear  maintail  quit  reread  signal    stop    version',
  ]);
  assert.deepEqual(columnize(['one'], 79), ['one']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currentBuffer, bottomLine } from '../../../src/dash/model/log-pane.js';
import { linesBetween } from '../../../src/dash/model/log-buffer.js';
import { connected, info, keys, logLine, run, snapshot } from './fixtures.js';
import { initialState } from '../../../src/dash/model/state.js';

const PROCS = [info('site', 'api'), info('site', 'web'), info('cron', 'cron', 'STOPPED'), info('worker', 'worker_00'), info('worker', 'worker_01')];

test('the first snapshot selects the first process; j/k and arrows move through headers and processes', () => {
  let s = connected(PROCS);
  assert.equal(s.selected, 'p:cron');
  s = run(s, keys('j')).state;
  assert.equal(s.selected, 'g:site');
  s = run(s, keys('down', 'j', 'k')).state;
  assert.equal(s.selected, 'p:site:api');
  s = run(s, keys('G')).state;
  assert.equal(s.selected, 'p:worker:worker_01');
  s = run(s, keys('j')).state;
  assert.equal(s.selected, 'p:worker:worker_01', 'the last row stays selected');
});

test('the table scrolls so the selected row stays in the viewport', () => {
  const many = Array.from({ length: 500 }, (_, i) => info(`p${String(i).padStart(3, '0')}`, `p${String(i).padStart(3, '0')}`));
  let s = connected(many, { tableRows: 10, logRows: 5 });
  s = run(s, keys(...Array<string>(25).fill('j'))).state;
  assert.equal(s.selected, 'p:p025');
  assert.equal(s.tableTop, 16);
  s = run(s, keys('pageup')).state;
  assert.equal(s.selected, 'p:p016');
  assert.equal(s.tableTop, 16);
  s = run(s, keys('k')).state;
  assert.equal(s.tableTop, 15);
});

test('/ filters as you type, Enter applies it and selects the first match, Esc clears it', () => {
  let s = connected(PROCS);
  s = run(s, keys('/', 'w', 'e')).state;
  assert.deepEqual(s.overlay, { kind: 'prompt', purpose: 'filter', text: 'we' });
  s = run(s, keys('b', 'enter')).state;
  assert.equal(s.overlay, null);
  assert.equal(s.filter, 'web');
  assert.equal(s.selected, 'p:site:web');
  s = run(s, keys('escape')).state;
  assert.equal(s.filter, '');
  assert.equal(s.selected, 'p:site:web', 'clearing keeps the selection');
});

test('s, x and r act on the selected process; on a group header r restarts the whole group', () => {
  let s = connected(PROCS);
  assert.deepEqual(run(s, keys('s')).effects, [{ kind: 'control', op: 'start', target: { kind: 'process', namespec: 'cron' } }]);
  s = run(s, keys('j')).state; // [group:site]
  assert.deepEqual(run(s, keys('r')).effects, [{ kind: 'control', op: 'restart', target: { kind: 'group', group: 'site' } }]);
  s = run(s, keys('j')).state;
  assert.deepEqual(run(s, keys('x')).effects, [{ kind: 'control', op: 'stop', target: { kind: 'process', namespec: 'site:api' } }]);
});

test('stopping or restarting all asks first; only y goes ahead', () => {
  const s = connected(PROCS);
  const asked = run(s, keys('X'));
  assert.deepEqual(asked.effects, []);
  assert.equal(asked.state.overlay?.kind, 'confirm');
  assert.deepEqual(run(asked.state, keys('n')).effects, []);
  assert.deepEqual(run(asked.state, keys('y')).effects, [{ kind: 'control', op: 'stop', target: { kind: 'all' } }]);
  assert.deepEqual(run(s, keys('S')).effects, [{ kind: 'control', op: 'start', target: { kind: 'all' } }], 'starting all is harmless');
});

test('K opens the signal menu; Enter sends the highlighted signal', () => {
  const s = run(connected(PROCS), keys('K', 'down', 'down'));
  assert.equal(s.state.overlay?.kind, 'signals');
  assert.deepEqual(run(s.state, keys('enter')).effects, [{ kind: 'control', op: 'signal', target: { kind: 'process', namespec: 'cron' }, signal: 'INT' }]);
});

test('state changes from the stream replace the row without a key press', () => {
  let s = connected(PROCS);
  s = run(s, [{ type: 'process-state', group: 'cron', name: 'cron', to: 'RUNNING', info: info('cron', 'cron', 'RUNNING', 4242) }]).state;
  assert.equal(s.processes.get('cron')?.pid, 4242);
  s = run(s, [{ type: 'group-removed', group: 'cron' }]).state;
  assert.equal(s.processes.has('cron'), false);
  assert.equal(s.selected, 'p:site:api', 'the selection moves to a row that exists');
  s = run(s, [snapshot([info('only', 'only')])]).state;
  assert.deepEqual([...s.processes.keys()], ['only']);
});

test('the log tail is fetched once for the process the pane shows, and only while connected', () => {
  const offline = run(initialState(), [snapshot(PROCS)]);
  assert.deepEqual(offline.effects, []);
  const online = run(offline.state, [{ type: 'connection', status: 'connected', detail: '' }]);
  assert.deepEqual(online.effects, [{ kind: 'load-history', namespec: 'cron', channel: 'stdout' }]);
  assert.deepEqual(run(online.state, keys('j', 'k')).effects, [], 'not again for the same process');
  assert.deepEqual(run(online.state, keys('tab')).effects, [{ kind: 'load-history', namespec: 'cron', channel: 'stderr' }]);
  const loaded = run(online.state, [logLine('cron', 'cron', 'b\n'), { type: 'history', namespec: 'cron', channel: 'stdout', text: 'a\nb\n' }]).state;
  const buf = currentBuffer(loaded);
  assert.deepEqual(linesBetween(buf, buf.first, buf.end), ['a', 'b']);
});

test('logs are kept per process and channel; Tab shows stderr, a shows every process merged with its name', () => {
  let s = connected(PROCS);
  s = run(s, [logLine('cron', 'cron', 'out 1\n'), logLine('cron', 'cron', 'err 1\n', 'stderr'), logLine('site', 'web', 'hello\n')]).state;
  const shown = () => { const b = currentBuffer(s); return linesBetween(b, b.first, b.end); };
  assert.deepEqual(shown(), ['out 1']);
  s = run(s, keys('tab')).state;
  assert.deepEqual(shown(), ['err 1']);
  s = run(s, keys('tab', 'a')).state;
  assert.deepEqual(shown(), ['cron | out 1', 'site:web | hello']);
});

test('scrolling up pauses following (new lines do not move the view); scrolling to the end or f resumes it', () => {
  let s = connected(PROCS, { tableRows: 10, logRows: 5 });
  s = run(s, Array.from({ length: 30 }, (_, i) => logLine('cron', 'cron', `line ${i}\n`))).state;
  s = run(s, keys('enter', 'pageup')).state;
  assert.equal(s.focus, 'log');
  assert.equal(s.log.follow, false);
  assert.equal(bottomLine(s), 25);
  s = run(s, [logLine('cron', 'cron', 'more\n')]).state;
  assert.equal(bottomLine(s), 25, 'the paused view stays put');
  s = run(s, keys('g')).state;
  assert.equal(bottomLine(s), 4, 'the oldest line at the top');
  s = run(s, keys('f')).state;
  assert.equal(s.log.follow, true);
  assert.equal(bottomLine(s), 30);
  s = run(s, keys('k', 'j')).state;
  assert.equal(s.log.follow, true, 'scrolling back to the end follows again');
  s = run(s, [{ type: 'wheel', direction: 'up' }]).state;
  assert.equal(bottomLine(s), 27);
});

test('/ in the log searches from the bottom up; n and N move to newer and older matches, wrapping', () => {
  let s = connected(PROCS, { tableRows: 10, logRows: 5 });
  s = run(s, ['a error', 'b', 'c ERROR', 'd', 'e'].map((t) => logLine('cron', 'cron', `${t}\n`))).state;
  s = run(s, keys('enter', '/', 'e', 'r', 'r', 'o', 'r', 'enter')).state;
  assert.equal(s.log.match, 2, 'the newest match first (case-insensitive)');
  s = run(s, keys('N')).state;
  assert.equal(s.log.match, 0);
  s = run(s, keys('N')).state;
  assert.equal(s.log.match, 2, 'wraps around');
  s = run(s, keys('n')).state;
  assert.equal(s.log.match, 0);
  s = run(s, keys('/', 'E', 'R', 'R', 'enter')).state;
  assert.equal(s.log.match, 2, 'a capital letter makes it case-sensitive');
  s = run(s, keys('n')).state;
  assert.equal(s.log.match, 2, 'the only match');
  s = run(s, keys('/', 'z', 'z', 'enter')).state;
  assert.equal(s.log.match, null);
  assert.match(s.message?.text ?? '', /not found/);
});

test('space collapses a group; q and Ctrl-C quit from anywhere, even with a prompt open', () => {
  let s = connected(PROCS);
  s = run(s, keys('j', 'space')).state;
  assert.deepEqual([...s.collapsed], ['site']);
  assert.equal(s.selected, 'g:site');
  assert.deepEqual(run(s, keys('q')).effects, [{ kind: 'quit' }]);
  const prompt = run(s, keys('/', 'q')).state;
  assert.equal(prompt.overlay?.kind, 'prompt', 'q is text inside the prompt');
  assert.deepEqual(run(prompt, keys('C-c')).effects, [{ kind: 'quit' }]);
});

test('selecting another process shows its newest lines, not the old scroll position', () => {
  let s = connected(PROCS, { tableRows: 10, logRows: 5 });
  s = run(s, Array.from({ length: 30 }, (_, i) => logLine('cron', 'cron', `line ${i}\n`))).state;
  s = run(s, keys('enter', 'pageup', 'escape')).state;
  assert.equal(s.log.follow, false);
  s = run(s, keys('j', 'j')).state; // site:api
  assert.equal(s.log.follow, true);
  assert.equal(s.selected, 'p:site:api');
});

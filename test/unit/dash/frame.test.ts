// The pure part of the view: the text the terminal is given for a state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFrame } from '../../../src/dash/view/frame.js';
import { makeTheme } from '../../../src/dash/view/theme.js';
import { connected, info, keys, logLine, run } from './fixtures.js';

const plain = (s: string) => s.replace(/\{[^{}]*\}/g, '');
const NOW = 1_060_000;

test('NO_COLOR: no colour tags anywhere, the state names still there', () => {
  const s = connected([info('web', 'web'), info('bad', 'bad', 'FATAL')]);
  const frame = buildFrame(s, { width: 80, height: 24 }, makeTheme({ NO_COLOR: '1' }), NOW);
  const text = [frame.header, frame.table.headings, ...frame.table.lines, ...frame.footer].join('\n');
  assert.doesNotMatch(text, /-fg\}|-bg\}/);
  assert.match(plain(text), /web\s+RUNNING/);
  assert.match(plain(text), /bad\s+FATAL\s+can't find command 'x'/);
  const coloured = buildFrame(s, { width: 80, height: 24 }, makeTheme({}), NOW);
  assert.match(coloured.table.lines.join(''), /\{red-fg\}FATAL/);
});

test('at 80×24 every table line and the footer fit the width; only the rows in view are formatted', () => {
  const many = Array.from({ length: 500 }, (_, i) => info('pool', `member_${String(i).padStart(3, '0')}`));
  const s = run(connected(many, { tableRows: 7, logRows: 9 }), keys('j', 'j')).state;
  const frame = buildFrame(s, { width: 80, height: 24 }, makeTheme({ NO_COLOR: '1' }), NOW);
  assert.equal(frame.table.lines.length, 7);
  for (const line of [frame.table.headings, ...frame.table.lines]) assert.ok(plain(line).length <= 78, `too wide: ${plain(line)}`);
  assert.ok(plain(frame.footer[1]).length <= 80, plain(frame.footer[1]));
  assert.match(frame.table.label, /1-7 of 501/);
  assert.match(plain(frame.table.lines[2] ?? ''), /member_001\s+RUNNING\s+\d+\s+0:01:00/);
});

test('the log pane wraps long lines, escapes braces and marks search hits', () => {
  let s = connected([info('web', 'web')], { tableRows: 5, logRows: 4 });
  s = run(s, [logLine('web', 'web', `${'x'.repeat(100)}\n{literal} needle here\n`)]).state;
  s = run(s, keys('enter', '/', 'n', 'e', 'e', 'd', 'l', 'e', 'enter')).state;
  const frame = buildFrame(s, { width: 60, height: 20 }, makeTheme({ NO_COLOR: '1' }), NOW);
  const lines = frame.log.lines;
  assert.ok(lines.some((l) => l === 'x'.repeat(58)), 'wrapped at the inner width');
  const hit = lines.find((l) => l.includes('needle'));
  assert.match(hit ?? '', /^\{open\}literal\{close\} \{inverse\}\{bold\}needle\{\/bold\}\{\/inverse\} here$/);
  assert.match(frame.log.label, /web · stdout · paused .* \/needle 1\/1/);
});

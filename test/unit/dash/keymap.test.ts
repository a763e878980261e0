import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionFor, footerBindings, helpLines, keyLabel, KEYMAP } from '../../../src/dash/model/keymap.js';

test('the issue\'s default keys are bound', () => {
  const expect: Array<[('table' | 'log'), string, string]> = [
    ['table', 'up', 'select-up'], ['table', 'k', 'select-up'], ['table', 'down', 'select-down'], ['table', 'j', 'select-down'],
    ['table', '/', 'filter'], ['table', 's', 'start'], ['table', 'x', 'stop'], ['table', 'r', 'restart'], ['table', 'K', 'signal-menu'],
    ['table', 'enter', 'focus-log'], ['table', 'tab', 'toggle-channel'], ['table', 'a', 'toggle-merged'], ['table', 'f', 'follow'],
    ['table', '?', 'help'], ['table', 'q', 'quit'], ['table', 'C-c', 'quit'],
    ['log', 'pageup', 'page-up'], ['log', 'pagedown', 'page-down'], ['log', 'g', 'log-top'], ['log', 'G', 'log-bottom'],
    ['log', '/', 'search'], ['log', 'n', 'next-match'], ['log', 'N', 'prev-match'], ['log', 'f', 'follow'], ['log', 'tab', 'toggle-channel'],
  ];
  for (const [focus, key, action] of expect) assert.equal(actionFor(focus, key), action, `${focus} ${key}`);
});

test('no key means two things in one place', () => {
  for (const focus of ['table', 'log'] as const) {
    const seen = new Map<string, string>();
    for (const b of KEYMAP.filter((k) => k.focus === focus || k.focus === 'any')) {
      for (const k of b.keys) {
        assert.ok(!seen.has(k), `${focus}: ${k} is bound to ${seen.get(k)} and ${b.action}`);
        seen.set(k, b.action);
      }
    }
  }
});

test('the help screen and the footer come from the same table', () => {
  const help = helpLines().join('\n');
  for (const b of KEYMAP) assert.ok(help.includes(keyLabel(b.keys[0] ?? '?')), `${b.action} is on the help screen`);
  assert.ok(help.includes('send a signal'));
  assert.ok(help.includes('select previous/next'), 'pairs share a line');
  assert.ok(footerBindings('log').some((b) => b.action === 'search'));
  assert.ok(!footerBindings('table').some((b) => b.action === 'search'));
});

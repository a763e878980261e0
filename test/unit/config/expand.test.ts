import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandValue, pyFormat } from '../../../src/config/expand.js';
import { pythonCases } from './python-cases.js';

interface Case {
  format: string;
  ok: boolean;
  value?: string;
  kind?: string;
  name?: string;
  detail?: string;
}
const { names, cases } = pythonCases<{ names: Record<string, string | number>; cases: Case[] }>('expand-cases');
const table = new Map(Object.entries(names));

for (const c of cases) {
  test(`expand ${JSON.stringify(c.format)} like Python's %`, () => {
    const result = pyFormat(c.format, table);
    if (c.ok) {
      assert.deepEqual(result, { ok: true, value: c.value });
    } else if (c.kind === 'unknown-name') {
      assert.deepEqual(result, { ok: false, kind: 'unknown-name', name: c.name });
    } else {
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.kind, 'bad-format');
      assert.ok(!result.ok && result.kind === 'bad-format' && result.detail.startsWith(c.detail as string), JSON.stringify(result));
    }
  });
}

test('a conversion without a (name) is rejected (Python would insert its whole table of names)', () => {
  for (const format of ['echo %s', '%d', '%r']) {
    const result = pyFormat(format, table);
    assert.equal(result.ok, false, format);
    assert.equal(!result.ok && result.kind, 'bad-format');
  }
});

test("expandValue messages are supervisord's: the value, the label, the name and every available name", () => {
  const names = new Map<string, string | number>([['here', '/x'], ['ENV_B', 'b'], ['program_name', 'p'], ['ENV_A', 'a']]);
  const unknown = expandValue('echo %(foo)s', names, 'program:x.command');
  assert.deepEqual(unknown, {
    ok: false,
    message: "Format string 'echo %(foo)s' for 'program:x.command' contains names ('foo') which cannot be expanded. Available names: ENV_A, ENV_B, here, program_name",
  });
  const lone = expandValue('echo 50%', names, 'program:x.command');
  assert.deepEqual(lone, {
    ok: false,
    message: "Format string 'echo 50%' for 'program:x.command' is badly formatted: incomplete format",
  });
  assert.deepEqual(expandValue('%(here)s/%%', names, 'l'), { ok: true, value: '/x/%' });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKeyValuePairs, shlexSplit } from '../../../src/config/shlex.js';
import { pythonCases } from './python-cases.js';

interface Case<T> {
  text: string;
  ok: boolean;
  value?: T;
  error?: string;
}
const cases = pythonCases<{ split: Array<Case<string[]>>; pairs: Array<Case<Record<string, string>>> }>('shlex-cases');

for (const c of cases.split) {
  test(`shlex.split ${JSON.stringify(c.text)}`, () => {
    assert.deepEqual(shlexSplit(c.text), c.ok ? { ok: true, value: c.value } : { ok: false, error: c.error });
  });
}

for (const c of cases.pairs) {
  test(`environment= ${JSON.stringify(c.text)} as supervisor 4.2.5 reads it`, () => {
    assert.deepEqual(parseKeyValuePairs(c.text), c.ok ? { ok: true, value: c.value } : { ok: false, error: c.error });
  });
}

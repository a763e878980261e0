import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstNonSpace, pyRstrip, pyStrip } from '../../../src/config/py.js';

test("pyStrip, pyRstrip and firstNonSpace follow Python's str.isspace, with and without the ASCII fast path", () => {
  const cases: Array<[string, string, string, number]> = [
    // input, strip(), rstrip(), index of the first non-space (-1: none)
    ['', '', '', -1],
    ['a', 'a', 'a', 0],
    ['key = value', 'key = value', 'key = value', 0],
    ['  a b  ', 'a b', '  a b', 2],
    ['\t\u000ba\u000c\r', 'a', '\t\u000ba', 2],
    ['\u001c\u001fa\u001e\u001d', 'a', '\u001c\u001fa', 2], // Python counts the separators, JavaScript's \s does not
    ['\u00a0a\u3000', 'a', '\u00a0a', 1],
    ['\u2000x\u0085', 'x', '\u2000x', 1],
    ['\ufeffa\ufeff', '\ufeffa\ufeff', '\ufeffa\ufeff', 0], // a BOM is not whitespace to Python
    ['   ', '', '', -1],
    ['é ', 'é', 'é', 0],
  ];
  for (const [input, strip, rstrip, first] of cases) {
    assert.equal(pyStrip(input), strip, JSON.stringify(input));
    assert.equal(pyRstrip(input), rstrip, JSON.stringify(input));
    assert.equal(firstNonSpace(input), first, JSON.stringify(input));
  }
});

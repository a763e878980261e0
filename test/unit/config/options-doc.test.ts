import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderOptionsReference } from '../../../src/config/options-doc.js';
import { OPTION_TABLES } from '../../../src/config/schema.js';

test('the generated reference names every option of every section with its default', () => {
  const text = renderOptionsReference();
  for (const [kind, table] of Object.entries(OPTION_TABLES)) {
    assert.match(text, new RegExp(`^\\[${kind}(:x)?\\]`, 'm'), kind);
    for (const key of Object.keys(table)) assert.match(text, new RegExp(`^  ${key} +\\S.*\\(default: `, 'm'), `${kind}.${key}`);
  }
  assert.match(text, /^ {2}startsecs +.*\(default: 1\)$/m);
});

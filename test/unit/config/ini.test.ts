import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IniDocument } from '../../../src/config/ini.js';
import { pythonCases } from './python-cases.js';

interface Case {
  text: string;
  sections: Record<string, Record<string, string>>;
  defaults: Record<string, string>;
  errorLines: number[];
}
const cases = pythonCases<{ ok: Record<string, Case>; bad: Record<string, Case> }>('ini-cases');

function parse(text: string): { doc: IniDocument; problems: ReturnType<IniDocument['read']> } {
  const doc = new IniDocument();
  return { doc, problems: doc.read(text, 'f.conf') };
}

function ownValues(doc: IniDocument): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const name of doc.sections()) {
    out[name] = Object.fromEntries([...(doc.section(name)?.entries ?? [])].map(([k, e]) => [k, e.value]));
  }
  return out;
}

for (const [name, c] of Object.entries(cases.ok)) {
  test(`ini, like Python's configparser: ${name}`, () => {
    const { doc, problems } = parse(c.text);
    assert.deepEqual(problems, []);
    assert.deepEqual(ownValues(doc), c.sections);
    assert.deepEqual(Object.fromEntries([...doc.defaults.entries].map(([k, e]) => [k, e.value])), c.defaults);
  });
}

for (const [name, c] of Object.entries(cases.bad)) {
  test(`ini, parse errors where Python finds them: ${name}`, () => {
    const { doc, problems } = parse(c.text);
    assert.deepEqual(problems.map((p) => p.line), c.errorLines);
    assert.ok(problems.every((p) => p.file === 'f.conf' && p.message.length > 0));
    assert.deepEqual(ownValues(doc), c.sections); // what was read before and after the bad lines
  });
}

test('ini keeps the file and line of every key and section header', () => {
  const { doc } = parse('; c\n[a]\nx=1\n  more\n\n[b]\ny : 2\n[a]\nz=3\n');
  assert.deepEqual(doc.section('a') && { file: doc.section('a')?.file, line: doc.section('a')?.line }, { file: 'f.conf', line: 2 });
  assert.equal(doc.get('a', 'x')?.line, 3);
  assert.equal(doc.get('a', 'x')?.value, '1\nmore');
  assert.equal(doc.get('b', 'y')?.line, 7);
  assert.equal(doc.get('a', 'z')?.line, 9);
});

test('ini reads [DEFAULT] keys through every section, marked as coming from [DEFAULT]', () => {
  const { doc } = parse('[DEFAULT]\nautostart=false\n[program:a]\ncommand=x\n[program:b]\nautostart=true\n');
  assert.equal(doc.get('program:a', 'autostart')?.value, 'false');
  assert.equal(doc.get('program:a', 'autostart')?.fromDefault, true);
  assert.equal(doc.get('program:b', 'autostart')?.fromDefault, false);
  assert.deepEqual(doc.keys('program:a'), ['command', 'autostart']);
  assert.deepEqual(doc.sections(), ['program:a', 'program:b']);
});

test('ini merges a second file into the same document (sections merge, later keys win)', () => {
  const doc = new IniDocument();
  doc.read('[s]\na=1\nb=1\n', 'main.conf');
  doc.read('[s]\nb=2\n[t]\nc=3\n', 'inc.conf');
  assert.equal(doc.get('s', 'a')?.file, 'main.conf');
  assert.deepEqual([doc.get('s', 'b')?.value, doc.get('s', 'b')?.file], ['2', 'inc.conf']);
  assert.equal(doc.section('t')?.file, 'inc.conf');
});

test('ini expandHere replaces the literal %(here)s text, also in [DEFAULT] values seen by a section', () => {
  const doc = new IniDocument();
  doc.read('[DEFAULT]\nd=%(here)s/d\n[s]\na=%(here)s/a %(here)s\nb=%%(here)s\n', 'main.conf');
  doc.expandHere('/main');
  doc.read('[t]\nc=%(here)s/c\n', 'inc.conf');
  doc.expandHere('/inc');
  assert.equal(doc.get('s', 'a')?.value, '/main/a /main');
  assert.equal(doc.get('s', 'b')?.value, '%/main');
  assert.equal(doc.get('s', 'd')?.value, '/main/d');
  assert.equal(doc.get('t', 'c')?.value, '/inc/c');
  assert.equal(doc.get('t', 'd')?.value, '/inc/d');
});

test('ini: a byte order mark is not skipped (Python reads it as part of the first line)', () => {
  const { problems } = parse('\ufeff[supervisord]\n');
  assert.equal(problems.length, 1);
  assert.match(problems[0]?.message ?? '', /byte order mark/u);
});

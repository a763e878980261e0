import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { autoLogCandidate, autoLogPath, autoLogPattern, autoLogPrefix, cleanupAutoLogs, createAutoLog } from '../../../src/daemon/auto-log.js';
import { tempDir } from './support.js';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('AUTO names are <proc>-<channel>---<identifier>-XXXXXXXX.log, created empty and private', () => {
  const a = autoLogPath(dir, 'cat', 'stdout', 'supervisor');
  const b = autoLogPath(dir, 'cat', 'stdout', 'supervisor');
  assert.notEqual(a, b);
  assert.match(path.basename(a), /^cat-stdout---supervisor-[a-z0-9_]{8}\.log$/);
  const stats = fs.statSync(a);
  assert.equal(stats.size, 0);
  assert.equal(stats.mode & 0o777, 0o600);
  assert.match(path.basename(autoLogPath(dir, 'web_01', 'stderr', 'ident')), /^web_01-stderr---ident-[a-z0-9_]{8}\.log$/);
});

test('a deferred AUTO name that is taken by the time the file is made gives way to a fresh name', () => {
  const prefix = autoLogPrefix(dir, 'late', 'stdout', 'supervisor');
  const planned = autoLogCandidate(prefix);
  assert.equal(planned.startsWith(`${dir}/late-stdout---supervisor-`), true);
  fs.symlinkSync('/etc/passwd', planned); // what an attacker could plant in a shared directory
  const made = createAutoLog(prefix, planned);
  assert.notEqual(made, planned);
  assert.match(path.basename(made), /^late-stdout---supervisor-[a-z0-9_]{8}\.log$/);
  assert.equal(fs.statSync(made).mode & 0o777, 0o600);
  assert.equal(fs.lstatSync(planned).isSymbolicLink(), true, 'the planted link is left alone');
  const free = autoLogCandidate(prefix);
  assert.equal(createAutoLog(prefix, free), free);
});

test("the cleanup pattern matches exactly what supervisord's regex matches (checked against Python's re)", () => {
  const pattern = autoLogPattern('supervisor');
  const expected: Record<string, boolean> = {
    'cat-stdout---supervisor-a2f0ws6s.log': true,
    'cat-stdout---supervisor-a2f0ws6s.log.1': true,
    'cat-stdout---supervisor-a2f0ws6s.log.10': true,
    'cat-stdout---supervisor-abc.logx': true,
    'x---supervisor-.log': false,
    '---supervisor-x.log': false,
    'cat-stdout---other-a2f0ws6s.log': false,
    'cat-stdout---supervisor-a2f0ws6s.txt': false,
    'cat-stdout---supervisor-a b.log': false,
    'x.log': false,
    'web---supervisor2-abc.log': false,
  };
  for (const [name, match] of Object.entries(expected)) assert.equal(pattern.test(name), match, name);
});

test('cleanup removes this identifier\'s AUTO logs and their rotated copies, nothing else', async () => {
  const sub = fs.mkdtempSync(path.join(dir, 'clean-'));
  const names = [
    'cat-stdout---supervisor-a2f0ws6s.log',
    'cat-stdout---supervisor-a2f0ws6s.log.1',
    'cat-stdout---supervisor-a2f0ws6s.log.2',
    'cat-stderr---other-zzzzzzzz.log',
    'app.log',
    'app.log.1',
  ];
  for (const name of names) fs.writeFileSync(path.join(sub, name), 'x');
  const warnings: string[] = [];
  await cleanupAutoLogs(sub, 'supervisor', (m) => warnings.push(m));
  assert.deepEqual(fs.readdirSync(sub).sort(), ['app.log', 'app.log.1', 'cat-stderr---other-zzzzzzzz.log']);
  assert.deepEqual(warnings, []);
});

test("cleanup problems are supervisord's WARN texts", async () => {
  const warnings: string[] = [];
  await cleanupAutoLogs(path.join(dir, 'missing'), 'supervisor', (m) => warnings.push(m));
  assert.deepEqual(warnings, ['Could not clear childlog dir']);
  const sub = fs.mkdtempSync(path.join(dir, 'busy-'));
  fs.mkdirSync(path.join(sub, 'd-stdout---supervisor-aaaaaaaa.log'));
  await cleanupAutoLogs(sub, 'supervisor', (m) => warnings.push(m));
  assert.deepEqual(warnings[1], `Failed to clean up '${sub}/d-stdout---supervisor-aaaaaaaa.log'`);
});

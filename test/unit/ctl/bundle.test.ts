// The single-file ctl (src/build/bundle-ctl.ts) must behave exactly as the modules it is built from, and
// bin/tssupervisorctl must run it only while it is fresh.

import assert from 'node:assert/strict';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { bundleCtl, manifestFileOf, trainCodeCache } from '../../../src/build/bundle-ctl.js';
import { loadEsbuild } from '../../../src/build/bundle-common.js';
import { startFakeCtlServer } from '../../helpers/ctl-fake-server.js';
import { packageTree as makePackageTree, transcript, type PackageTree } from '../../helpers/package-tree.js';
import { repoRoot } from '../../helpers/paths.js';

const esbuild = await loadEsbuild();
const skip = esbuild === null ? 'esbuild is not installed (devDependency)' : false;

/** A package-like tree with the ctl's bundle built and trained in it. */
async function packageTree(): Promise<PackageTree> {
  const tree = makePackageTree('tssupervisorctl');
  try {
    await bundleCtl(esbuild!, tree.bundle);
    assert.equal(await trainCodeCache(tree.bundle, tree.bin), true, 'the training run writes a code cache');
    return tree;
  } catch (error) {
    tree.cleanup(); // the test never gets the tree to clean up
    throw error;
  }
}

/** Runs node with argv; the program's path appears in usage texts, and differs between the two on purpose. */
async function run(argv: readonly string[], env: Record<string, string> = {}): Promise<string> {
  return (await transcript(process.execPath, argv, env)).replaceAll(argv[0]!, '<program>');
}

test('the bundled ctl (run from its code cache) answers exactly as dist/src does', { skip }, async () => {
  const tree = await packageTree();
  const server = await startFakeCtlServer(3);
  try {
    const main = path.join(repoRoot, 'dist', 'src', 'ctl', 'main.js');
    const url = server.serverUrl;
    const cases: Array<[string[], Record<string, string>?]> = [
      [['-h']],
      [['-c', '', '-s', url, 'status']],
      [['-c', '', '-s', url, 'status', 'p001', 'nosuch', 'g:*']],
      [['-c', '', '-s', url, 'status'], { TSSUPERVISORCTL_TRANSPORT: 'xmlrpc' }],
      [['-c', '', '-s', url, 'version']],
      [['-c', '', '-s', url, 'help']],
      [['-c', '', '-s', url, 'help', 'status']],
      [['-c', '', '-s', url, 'frobnicate']],
      [['-c', '', '-s', url, 'dashboard']],
      [['-c', '', '-s', `unix://${server.dir}/missing.sock`, 'status']],
      [['-c', '/nonexistent.conf', 'status']],
      [['-s', 'not a url', 'status']],
    ];
    for (const [args, env] of cases) {
      const fromBundle = await run([tree.bin, ...args], env);
      assert.equal(fromBundle, await run([main, ...args], env), args.join(' '));
      assert.doesNotMatch(fromBundle, /unexpected error/, args.join(' '));
    }
    assert.match(await run([tree.bin, '-c', '', '-s', url, 'status']), /^exit 0\n--- stdout\np000 +RUNNING +pid 1000, uptime 0:00:07\n/);
    // Builtins are handed over as they are, not copied export by export (bundle-ctl.ts, BUILTIN_INTEROP).
    const text = readFileSync(tree.bundle, 'latin1');
    assert.doesNotMatch(text, /__toESM\(require\("node:/);
    assert.match(text, /__tssBuiltin\(require\("node:fs"\)\)/);
    assert.doesNotMatch(text, /[^\0-\x7f]/, 'the bundle is ASCII (read as latin1)');
  } finally {
    await server.close();
    tree.cleanup();
  }
});

test('bin/tssupervisorctl runs the bundle only while no input changed since it was built', { skip }, async () => {
  const tree = await packageTree();
  try {
    const bin = tree.bin;
    // A stand-in (newer than the code cache, which is then not used) bundle that says who answered; the real ctl answers -h with its usage text.
    writeFileSync(tree.bundle, "process.stdout.write('bundle\\n');\n");
    assert.equal((await run([bin, '-h'])).split('\n')[2], 'bundle');
    assert.match(await run([bin, '-h'], { TSSUPERVISORCTL_BUNDLE: '0' }), /supervisorctl -- control applications/);
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(tree.bundle, old, old);
    assert.match(await run([bin, '-h']), /supervisorctl -- control applications/, 'inputs newer than the bundle: dist/src');
    const now = new Date();
    utimesSync(tree.bundle, now, now);
    assert.equal((await run([bin, '-h'])).split('\n')[2], 'bundle');
    const manifest = manifestFileOf(tree.bundle);
    const inputs = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, number>;
    const first = Object.keys(inputs)[0]!;
    writeFileSync(manifest, JSON.stringify({ ...inputs, [first]: inputs[first]! + 1 }));
    assert.match(await run([bin, '-h']), /supervisorctl -- control applications/, 'an input of another size: dist/src');
    rmSync(manifest);
    assert.match(await run([bin, '-h']), /supervisorctl -- control applications/, 'no manifest: dist/src');
  } finally {
    tree.cleanup();
  }
});

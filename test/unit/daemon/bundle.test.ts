// The single-file daemon (src/build/bundle-daemon.ts) must behave exactly as the modules it is built from, and
// bin/tssupervisord must run it only while it is fresh, in a daemonized copy too.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { test } from 'node:test';
import { bundleDaemon } from '../../../src/build/bundle-daemon.js';
import { loadEsbuild, manifestFileOf } from '../../../src/build/bundle-common.js';
import { trainDaemonCodeCache } from '../../../src/build/train-daemon.js';
import { createRpcClient } from '../../../src/rpc/client.js';
import { daemonPreamble, isAlive } from '../../helpers/daemon.js';
import { packageTree as makePackageTree, transcript, type PackageTree } from '../../helpers/package-tree.js';
import { repoRoot } from '../../helpers/paths.js';

const esbuild = await loadEsbuild();
const skip = esbuild === null ? 'esbuild is not installed (devDependency)' : false;
const DAEMON_MAIN = path.join(repoRoot, 'dist', 'src', 'daemon', 'main.js');

interface Tree extends PackageTree {
  /** A working directory inside the tree, for configs and sockets. */
  readonly dir: string;
}

/** A package-like tree with the daemon's bundle built in it, and its two code caches trained when asked. */
async function packageTree(train: boolean): Promise<Tree> {
  const tree = makePackageTree('tssupervisord');
  try {
    const dir = path.join(tree.root, 'work');
    mkdirSync(dir);
    await bundleDaemon(esbuild!, tree.bundle);
    if (train) {
      assert.equal(await trainDaemonCodeCache(tree.bundle, tree.bin, 'lite'), true, 'the training run through the shebang writes a code cache');
      assert.equal(await trainDaemonCodeCache(tree.bundle, tree.bin, 'plain'), true, 'the training run through `node bin/…` writes a code cache');
    }
    return { ...tree, dir };
  } catch (error) {
    tree.cleanup(); // the test never gets the tree to clean up
    throw error;
  }
}

/** Runs the bin through its shebang (as users do) and collects what it says. */
async function run(bin: string, args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<string> {
  return transcript(bin, args, env, cwd);
}

/** The same through a plain `node bin/tssupervisord` (npm start, the tests): the other code cache. */
async function runPlain(bin: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  return transcript(process.execPath, [bin, ...args], env);
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function getOverSocket(socketPath: string, urlPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ socketPath, path: urlPath }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** Stops a daemon started without -n (by the pid in its pidfile) and anything it left, by pid. */
async function stopByPid(pid: number, programPids: readonly number[]): Promise<void> {
  if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  await until('the daemon to exit', () => (isAlive(pid) ? undefined : true)).catch(() => process.kill(pid, 'SIGKILL'));
  for (const p of programPids) if (isAlive(p)) process.kill(p, 'SIGKILL');
}

test('the bundled daemon (run from its code caches) answers its command line exactly as dist/src does', { skip }, async () => {
  const tree = await packageTree(true);
  try {
    const good = path.join(tree.dir, 'good.conf');
    writeFileSync(good, `${daemonPreamble(tree.dir)}[program:web]\ncommand = /bin/sleep 100\nnumprocs = 2\nprocess_name = web_%(process_num)d\n`);
    const broken = path.join(tree.dir, 'broken.conf');
    writeFileSync(broken, `${daemonPreamble(tree.dir)}[program:web]\ncommand = /bin/sleep 100\nstartsecs = abc\n`);
    const cases = [['-h'], ['-v'], ['-x'], ['foo'], ['-c', good, '--check'], ['-n', '-c', broken], ['-n', '-c', '/nonexistent.conf'], ['--options']];
    for (const args of cases) {
      const fromBundle = await run(tree.bin, args);
      assert.equal(fromBundle, await run(tree.bin, args, { TSSUPERVISORD_BUNDLE: '0' }), args.join(' '));
      assert.doesNotMatch(fromBundle, /internal error/, args.join(' '));
    }
    for (const args of [['-v'], ['-c', good, '--check'], ['-n', '-c', broken]]) {
      assert.equal(await runPlain(tree.bin, args), await runPlain(tree.bin, args, { TSSUPERVISORD_BUNDLE: '0' }), `node bin ${args.join(' ')}`);
    }
    assert.match(await run(tree.bin, ['-v']), /^exit 0\n--- stdout\n\d+\.\d+\.\d+\n--- stderr\n$/);
    // V8 takes each cache under the flags it was trained with (it would silently compile from scratch otherwise).
    const hook = path.join(tree.dir, 'cache-report.cjs');
    writeFileSync(hook, `const vm = require('node:vm');
vm.Script = class extends vm.Script {
  constructor(source, options) {
    super(source, options);
    process.stderr.write(options?.cachedData === undefined ? 'no cache\\n' : this.cachedDataRejected ? 'cache rejected\\n' : 'cache used\\n');
  }
};
`);
    const reporting = { NODE_OPTIONS: `--require ${hook}` };
    assert.match(await run(tree.bin, ['-v'], reporting), /--- stderr\ncache used\n$/, 'through the shebang');
    assert.match(await runPlain(tree.bin, ['-v'], reporting), /--- stderr\ncache used\n$/, 'through node bin/tssupervisord');
  } finally {
    tree.cleanup();
  }
});

test('a daemonized start from the bundle runs programs, answers XML-RPC and serves the web page', { skip }, async () => {
  const tree = await packageTree(true);
  const conf = path.join(tree.dir, 'supervisord.conf');
  writeFileSync(conf, `${daemonPreamble(tree.dir)}[program:sleeper]\ncommand = /bin/sleep 1000\nstartsecs = 0\n`);
  let pid = 0;
  const programPids: number[] = [];
  const rpc = createRpcClient({ serverUrl: `unix://${tree.dir}/supervisor.sock`, timeoutMs: 10_000 });
  try {
    assert.match(await run(tree.bin, ['-c', conf], {}, tree.dir), /^exit 0\n/);
    pid = Number(readFileSync(path.join(tree.dir, 'supervisord.pid'), 'utf8'));
    // The copy runs this same entry under the same V8 flags (those of bin's shebang).
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    assert.deepEqual(argv.slice(1, 7), ['--max-semi-space-size=1', '--lite-mode', '--no-expose-wasm', tree.bin, '-c', conf]);
    assert.equal(await rpc.call('supervisor.getPID'), pid);
    const info = await until('sleeper RUNNING', async () => {
      const all = await rpc.call<Array<{ name: string; statename: string; pid: number }>>('supervisor.getAllProcessInfo');
      return all[0]?.statename === 'RUNNING' ? all[0] : undefined;
    });
    programPids.push(info.pid);
    const page = await getOverSocket(path.join(tree.dir, 'supervisor.sock'), '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /sleeper/);
  } finally {
    rpc.close();
    if (pid > 0) await stopByPid(pid, programPids);
    tree.cleanup();
  }
});

test('bin/tssupervisord runs the bundle only while no input changed since it was built, in a daemonized copy too', { skip }, async () => {
  const tree = await packageTree(false);
  let pid = 0;
  try {
    const bin = tree.bin;
    const usage = /supervisord -- run a set of applications as daemons/;
    // A stand-in bundle (newer than any input) that says who answered; the real daemon answers -h with its usage.
    writeFileSync(tree.bundle, "process.stdout.write('bundle\\n');\n");
    assert.equal((await run(bin, ['-h'])).split('\n')[2], 'bundle');
    assert.match(await run(bin, ['-h'], { TSSUPERVISORD_BUNDLE: '0' }), usage);
    const old = new Date('2000-01-01T00:00:00Z');
    utimesSync(tree.bundle, old, old);
    assert.match(await run(bin, ['-h']), usage, 'inputs newer than the bundle: dist/src');
    const now = new Date();
    utimesSync(tree.bundle, now, now);
    assert.equal((await run(bin, ['-h'])).split('\n')[2], 'bundle');

    // A stand-in that notes each start, then runs the real daemon: without -n, both the command and its copy go through it.
    const marks = path.join(tree.dir, 'starts');
    const main = JSON.stringify(`file://${DAEMON_MAIN}`);
    writeFileSync(tree.bundle, `require('node:fs').appendFileSync(${JSON.stringify(marks)}, JSON.stringify([process.pid, process.execArgv, process.argv[1]]) + '\\n');\nglobalThis.__tssupervisordImport(${main});\n`);
    const conf = path.join(tree.dir, 'supervisord.conf');
    writeFileSync(conf, daemonPreamble(tree.dir));
    assert.match(await run(bin, ['-c', conf], {}, tree.dir), /^exit 0\n/);
    pid = Number(readFileSync(path.join(tree.dir, 'supervisord.pid'), 'utf8'));
    const starts = readFileSync(marks, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as [number, string[], string]);
    assert.equal(starts.length, 2, 'the command and its daemonized copy');
    assert.equal(starts[1]![0], pid);
    assert.deepEqual(starts[1]!.slice(1), starts[0]!.slice(1));
    assert.deepEqual(starts[1]![1], ['--max-semi-space-size=1', '--lite-mode', '--no-expose-wasm']);
    await stopByPid(pid, []);
    pid = 0;

    const manifest = manifestFileOf(tree.bundle);
    const inputs = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, number>;
    const first = Object.keys(inputs)[0]!;
    writeFileSync(manifest, JSON.stringify({ ...inputs, [first]: inputs[first]! + 1 }));
    assert.match(await run(bin, ['-h']), usage, 'an input of another size: dist/src');
    rmSync(manifest);
    assert.match(await run(bin, ['-h']), usage, 'no manifest: dist/src');
  } finally {
    if (pid > 0) await stopByPid(pid, []);
    tree.cleanup();
  }
});

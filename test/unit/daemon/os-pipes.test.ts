import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fifoParentDirs, PipeFactory, type MakeFifos } from '../../../src/daemon/os-pipes.js';
import { tempDir } from './support.js';

const factories: PipeFactory[] = [];
const dirs: string[] = [];
after(() => {
  factories.forEach((f) => f.dispose());
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

/** A factory whose `mkfifo` runs are counted: synchronous ones as their size, background ones negated. */
function countingFactory(parentDirs?: string[]): { factory: PipeFactory; runs: number[] } {
  const runs: number[] = [];
  const make: MakeFifos = (paths, sync) => {
    runs.push(sync ? paths.length : -paths.length);
    execFileSync('mkfifo', ['-m', '600', '--', ...paths]);
  };
  const factory = new PipeFactory(make, parentDirs);
  factories.push(factory);
  return { factory, runs };
}

test('reserve makes a burst of pipes with one mkfifo run in the background; taking them starts none', async () => {
  const { factory, runs } = countingFactory();
  await factory.reserve(300);
  assert.deepEqual(runs, [-300]);
  const ends = Array.from({ length: 100 }, () => [factory.childReads(), factory.childWrites(), factory.childWrites()]).flat();
  assert.deepEqual(runs.filter((n) => n > 0), [], 'no synchronous mkfifo while the reservation lasts');
  for (const { parentFd, childFd } of ends) {
    fs.closeSync(parentFd);
    fs.closeSync(childFd);
  }
});

test('without a reservation the pool still serves a burst, in growing synchronous batches', () => {
  const { factory, runs } = countingFactory();
  const ends = Array.from({ length: 200 }, () => factory.childWrites());
  const sync = runs.filter((n) => n > 0);
  assert.ok(sync.length >= 2 && sync.length <= 5, `runs: ${runs.join(',')}`);
  assert.ok(sync.every((n, i) => i === 0 || n >= (sync[i - 1] as number)));
  for (const { parentFd, childFd } of ends) {
    fs.closeSync(parentFd);
    fs.closeSync(childFd);
  }
});

test('a pipe carries bytes from the child end to our end, and its FIFO name is gone at once', () => {
  const { factory } = countingFactory();
  const { parentFd, childFd } = factory.childWrites();
  assert.deepEqual(fs.readdirSync(factory.directory as string).filter((n) => n === '0'), []);
  fs.writeSync(childFd, 'hello');
  const buffer = Buffer.alloc(16);
  assert.equal(buffer.subarray(0, fs.readSync(parentFd, buffer)).toString(), 'hello');
  assert.ok(fs.fstatSync(parentFd).isFIFO());
  fs.closeSync(parentFd);
  fs.closeSync(childFd);
});

test('the FIFO directory is private and goes to the first usable parent (an unwritable one is skipped)', async () => {
  const parent = tempDir('tss-pipes-parent-');
  dirs.push(parent);
  const { factory } = countingFactory([path.join(parent, 'missing'), parent]);
  await factory.reserve(1);
  const dir = factory.directory as string;
  assert.equal(path.dirname(dir), parent);
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  factory.dispose();
  assert.equal(fs.existsSync(dir), false);
});

test('in-memory file systems are preferred; the temp dir is always the last resort', () => {
  const isTmpfs = (dir: string) => fs.statfsSync(dir).type === 0x01021994;
  const parents = fifoParentDirs({});
  assert.ok(parents.includes(os.tmpdir()));
  for (const dir of parents) if (dir !== os.tmpdir()) assert.ok(isTmpfs(dir), dir);
  if (fs.existsSync('/dev/shm') && isTmpfs('/dev/shm') && !isTmpfs(os.tmpdir())) {
    assert.deepEqual(parents, ['/dev/shm', os.tmpdir()]);
  }
});

test('a background refill starts its mkfifo after the current spawn, never inside the take that asked for it', async () => {
  const calls: string[] = [];
  const factory = new PipeFactory((paths, sync) => {
    calls.push(sync ? 'sync' : 'async');
    execFileSync('mkfifo', ['-m', '600', '--', ...paths]);
  });
  factories.push(factory);
  // The first take makes a batch synchronously; taking most of it asks for a refill.
  const ends = [factory.childWrites()];
  for (let i = 0; i < 100 && calls.length === 1; i++) {
    ends.push(factory.childWrites());
    assert.deepEqual(calls, ['sync'], 'no refill may run while a pipe is being taken');
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.deepEqual(calls, ['sync', 'async']);
  for (const { parentFd, childFd } of ends) {
    fs.closeSync(parentFd);
    fs.closeSync(childFd);
  }
});

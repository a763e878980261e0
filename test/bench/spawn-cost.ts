// What one spawn costs the daemon, by layer: Node's child_process alone, the same through execa (the
// project's spawning library), and our spawnChild (execa + real pipes + output readers). 500 `sleep`
// children per run, in a fresh Node with the daemon's flags; each layer run 3 times, interleaved.
// Prints ms per spawn (main thread, wall) and retained heap per live child after a full GC.
// A script that prints, not a test. Usage: npm run build && node dist/test/bench/spawn-cost.js [--count 500]

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Options } from 'execa';

const args = process.argv.slice(2);
const COUNT = Number(args.includes('--count') ? args[args.indexOf('--count') + 1] : 500);
const LAYERS = ['child_process', 'execa', 'spawnChild'] as const;
type Layer = (typeof LAYERS)[number];
interface Sample {
  readonly msPerSpawn: number;
  readonly heapKiBPerChild: number;
}

function devNullFds(): number[] {
  return [fs.openSync('/dev/null', 'r'), fs.openSync('/dev/null', 'w'), fs.openSync('/dev/null', 'w')];
}

async function measure(layer: Layer): Promise<Sample> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const { execa } = await import('execa');
  const { spawnChild } = await import('../../src/daemon/spawner.js');
  const start = (): number => {
    if (layer === 'spawnChild') {
      return spawnChild({ file: '/bin/sleep', argv: ['sleep', '100000'], cwd: null, env: { PATH: '/usr/bin:/bin' }, uid: null, gid: null, umask: null, redirectStderr: false }).pid;
    }
    const fds = devNullFds();
    const options = { stdio: fds, detached: true, env: { PATH: '/usr/bin:/bin' } };
    try {
      if (layer === 'child_process') return spawn('/bin/sleep', ['100000'], options).pid!;
      const subprocess = execa('/bin/sleep', ['100000'], { ...options, extendEnv: false, cleanup: false, buffer: false, reject: false } as unknown as Options);
      subprocess.catch(() => undefined);
      return subprocess.pid!;
    } finally {
      for (const fd of fds) fs.closeSync(fd);
    }
  };
  const pids = [start()]; // the first spawn loads and compiles the layer's code: not measured
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i++) pids.push(start());
  // spawnChild makes its output sockets on the next turn: that work and its heap count too.
  await new Promise((resolve) => setImmediate(resolve));
  const elapsed = performance.now() - t0;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  for (const pid of pids) process.kill(pid, 'SIGKILL'); // the warm-up child too: nothing may outlive the run
  return { msPerSpawn: elapsed / COUNT, heapKiBPerChild: (heapAfter - heapBefore) / COUNT / 1024 };
}

function runLayer(layer: Layer): Sample {
  const flags = ['--expose-gc', '--max-semi-space-size=1', '--lite-mode', '--no-expose-wasm'];
  const out = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--measure', layer, '--count', String(COUNT)], {
    encoding: 'utf8',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
  });
  return JSON.parse(out) as Sample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (args.includes('--measure')) {
    const sample = await measure(args[args.indexOf('--measure') + 1] as Layer);
    process.stdout.write(JSON.stringify(sample));
    process.exit(0); // the layers' children are killed; spawnChild's readers would keep the loop alive
  }
  const samples = new Map<Layer, Sample[]>(LAYERS.map((l) => [l, []]));
  for (let round = 0; round < 3; round++) for (const layer of LAYERS) samples.get(layer)!.push(runLayer(layer));
  console.log(`${COUNT} spawns of sleep per run, median of 3 runs`);
  console.log('| layer | ms per spawn | heap per live child |');
  console.log('|---|---|---|');
  for (const layer of LAYERS) {
    const runs = samples.get(layer)!;
    console.log(`| ${layer} | ${median(runs.map((s) => s.msPerSpawn)).toFixed(2)} | ${median(runs.map((s) => s.heapKiBPerChild)).toFixed(1)} KiB |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Engine figures, ours next to real supervisord's in the same run (a script that prints, not a test):
//   respawn latency after SIGKILL (startsecs=0), 500 programs launch → all spawned,
//   daemon CPU while idle with 500 programs (per 10 s), daemon RSS with 500 programs.
// Usage: npm run build && node dist/test/bench/engine.js [--idle-seconds 10] [--only ours|supervisord]

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binDir } from '../helpers/paths.js';
import { daemonPreamble } from '../helpers/daemon.js';

const args = process.argv.slice(2);
const idleSeconds = Number(args[args.indexOf('--idle-seconds') + 1] || 10) || 10;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const TICKS = 100; // USER_HZ on Linux

type Impl = 'ours' | 'supervisord';

function start(impl: Impl, programs: string): { child: ChildProcess; dir: string } {
  knownSleepers.clear();
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${impl}-`));
  const conf = path.join(dir, 'supervisord.conf');
  writeFileSync(conf, daemonPreamble(dir).replace('loglevel = debug', 'loglevel = info') + programs);
  const [cmd, argv] =
    impl === 'ours'
      ? [path.join(binDir, 'tssupervisord'), ['-n', '-c', conf]] // as users run it: through its shebang
      : ['/usr/bin/supervisord', ['-n', '-c', conf]];
  const child = spawn(cmd, argv, { cwd: dir, stdio: 'ignore' });
  return { child, dir };
}

async function stop({ child, dir }: { child: ChildProcess; dir: string }): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Pids seen running `sleep` already: a pid stays a sleeper until it dies (then it is no longer a child). */
const knownSleepers = new Set<number>();

function children(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const file = `/proc/${pid}/task/${task}/children`;
    if (!existsSync(file)) continue;
    for (const p of readFileSync(file, 'utf8').trim().split(/\s+/)) {
      const child = Number(p);
      if (!p || !(knownSleepers.has(child) || isSleeper(child))) continue;
      // Reading each child's cmdline on every poll took a core of this 2-core machine away from the daemon.
      knownSleepers.add(child);
      out.push(child);
    }
  }
  return out;
}

/** Only the supervised `sleep` programs count (a daemon may have short-lived helpers). */
function isSleeper(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep');
  } catch {
    return false;
  }
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000, pollMs = 1): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function respawn(impl: Impl, rounds = 15): Promise<number> {
  const d = start(impl, '[program:victim]\ncommand = sleep 100000\nstartsecs = 0\nautorestart = true\n');
  try {
    const samples: number[] = [];
    let current = await until('first spawn', () => children(d.child.pid!)[0], 20_000);
    for (let i = 0; i < rounds; i++) {
      // Let the previous respawn settle (supervisord only promotes on its next tick).
      await new Promise((r) => setTimeout(r, impl === 'supervisord' ? 1200 : 50));
      const t0 = performance.now();
      process.kill(current, 'SIGKILL');
      knownSleepers.delete(current); // its pid may come back one day, as something else
      const next = await until('respawn', () => children(d.child.pid!).find((p) => p !== current), 20_000, 0.2);
      samples.push(performance.now() - t0);
      current = next;
    }
    return median(samples);
  } finally {
    await stop(d);
  }
}

async function fleet(impl: Impl, count = 500): Promise<{ launchMs: number; idleCpuMs: number; rss: number }> {
  let programs = '';
  for (let i = 0; i < count; i++) programs += `[program:p${i}]\ncommand = sleep 100000\nstartsecs = 1\n`;
  const t0 = performance.now();
  const d = start(impl, programs);
  try {
    await until(`${count} children`, () => (children(d.child.pid!).length >= count ? true : undefined), 120_000, 5);
    const launchMs = performance.now() - t0;
    // Idle means steady state: past startsecs, the RUNNING promotions and start-up's garbage collection
    // (V8 shrinks the heap in a few passes over the first ~15 s). Both daemons get the same wait.
    await new Promise((r) => setTimeout(r, 20_000));
    const c0 = cpuTicks(d.child.pid!);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idleCpuMs = ((cpuTicks(d.child.pid!) - c0) * 1000) / TICKS / (idleSeconds / 10);
    return { launchMs, idleCpuMs, rss: rssMiB(d.child.pid!) };
  } finally {
    await stop(d);
  }
}

async function main(): Promise<void> {
  const impls: Impl[] = (['supervisord', 'ours'] as Impl[]).filter(
    (i) => (!only || i === only) && (i === 'ours' || existsSync('/usr/bin/supervisord')),
  );
  const rows: Record<string, Record<string, string>> = {};
  for (const impl of impls) {
    const r = await respawn(impl);
    const f = await fleet(impl);
    rows[impl] = {
      'respawn after SIGKILL, median': `${r.toFixed(1)} ms`,
      '500 programs: launch → all spawned': `${(f.launchMs / 1000).toFixed(2)} s`,
      'idle CPU, 500 programs, per 10 s': `${f.idleCpuMs.toFixed(0)} ms`,
      'RSS, 500 programs': `${f.rss.toFixed(1)} MiB`,
    };
  }
  const names = Object.keys(rows[impls[0]!] ?? {});
  console.log(`| figure | ${impls.join(' | ')} |`);
  console.log(`|---|${impls.map(() => '---').join('|')}|`);
  for (const n of names) console.log(`| ${n} | ${impls.map((i) => rows[i]![n]).join(' | ')} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// `status` latency with 100 programs: tssupervisorctl next to real supervisorctl, against the same daemon
// (real supervisord by default, ours with --daemon ours, or --daemon fake: our control server with a fake
// method table, in this process), plus bare `node -e 0` as the floor.
// A script that prints, not a test. Usage: npm run build && node dist/test/bench/ctl-latency.js [--runs 31]
// [--daemon supervisord|ours|fake]

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeCtlServer } from '../helpers/ctl-fake-server.js';
import { waitUntil } from '../helpers/ctl-oracle-daemon.js';
import { binDir } from '../helpers/paths.js';
import { createRpcClient } from '../../src/rpc/client.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const RUNS = Number(option('--runs', '31'));
const DAEMON = option('--daemon', 'supervisord');
const PROGRAMS = 100;

function config(dir: string): string {
  let text = `[unix_http_server]\nfile = ${dir}/s.sock\n\n[supervisord]\nlogfile = ${dir}/supervisord.log\n`;
  text += `pidfile = ${dir}/supervisord.pid\nchildlogdir = ${dir}\n\n[rpcinterface:supervisor]\n`;
  text += 'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n';
  text += `[supervisorctl]\nserverurl = unix://${dir}/s.sock\n`;
  for (let i = 0; i < PROGRAMS; i++) {
    text += `\n[program:p${String(i).padStart(3, '0')}]\ncommand = /bin/sleep 100000\nstartsecs = 0\nstdout_logfile = NONE\nstderr_logfile = NONE\n`;
  }
  return text;
}

/** Wall time of one run (async, so that an in-process fake server can answer). */
function timeOnce(argv: readonly string[]): Promise<number> {
  const start = process.hrtime.bigint();
  const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.resume();
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
  });
}

async function measure(commands: Record<string, string[]>): Promise<void> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (const argv of Object.values(commands)) await timeOnce(argv); // warm the page cache
  // Interleaved, so that background load hits every command alike.
  for (let i = 0; i < RUNS; i++) for (const [name, argv] of Object.entries(commands)) samples[name]!.push(await timeOnce(argv));
  console.log(`${PROGRAMS} programs, daemon: ${DAEMON}, ${RUNS} runs each (interleaved), median / min ms`);
  for (const [name, values] of Object.entries(samples)) {
    console.log(`  ${name.padEnd(24)} ${median(values).toFixed(1).padStart(7)} ${Math.min(...values).toFixed(1).padStart(7)}`);
  }
}

async function measureFake(): Promise<void> {
  const server = await startFakeCtlServer(PROGRAMS);
  try {
    const ctl = [process.execPath, path.join(binDir, 'tssupervisorctl'), '-c', '', '-s', server.serverUrl, 'status'];
    await measure({
      'node -e 0': [process.execPath, '-e', '0'],
      'supervisorctl status': ['/usr/bin/supervisorctl', '-s', server.serverUrl, 'status'],
      'tssupervisorctl status': ctl,
    });
  } finally {
    await server.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  if (DAEMON === 'fake') return measureFake();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ctl-'));
  const conf = path.join(dir, 'supervisord.conf');
  writeFileSync(conf, config(dir));
  const daemonArgv = DAEMON === 'ours' ? [process.execPath, path.join(binDir, 'tssupervisord')] : ['/usr/bin/supervisord'];
  const child: ChildProcess = spawn(daemonArgv[0]!, [...daemonArgv.slice(1), '-n', '-c', conf], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const serverUrl = `unix://${dir}/s.sock`;
    await waitUntil('100 programs RUNNING', async () => {
      const rpc = createRpcClient({ serverUrl });
      try {
        const infos = await rpc.call<Array<{ statename: string }>>('supervisor.getAllProcessInfo');
        return infos.length === PROGRAMS && infos.every((i) => i.statename === 'RUNNING') ? true : undefined;
      } finally {
        rpc.close();
      }
    }, 60_000);
    const commands: Record<string, string[]> = {
      'node -e 0': [process.execPath, '-e', '0'],
      'supervisorctl status': ['/usr/bin/supervisorctl', '-c', conf, 'status'],
      'tssupervisorctl status': [process.execPath, path.join(binDir, 'tssupervisorctl'), '-c', conf, 'status'],
    };
    await measure(commands);
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await waitUntil('pidfile removal', async () => (existsSync(path.join(dir, 'supervisord.pid')) ? undefined : true));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

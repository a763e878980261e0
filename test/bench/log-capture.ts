// Log-capture figures, OUR capture path (spawner + child-log, in this process) next to REAL supervisord
// (`supervisord -n` with the same programs) in the same run. A script that prints a table, not a test.
//   burst: one program writes 512 MiB to stdout through 64 MB rotation → MiB/s, bytes lost
//   chatty: 20 programs × 100k flushed 100-byte lines flat out → CPU µs/line of the capturing process, lines/s
//   ticking: 10 programs × one flushed line per ms for 10 s → CPU µs/line
// Each figure is the median (by wall time) of --repeat runs (default 3), implementations interleaved.
// Usage: npm run build && node dist/test/bench/log-capture.js [--only burst,chatty,ticking] [--quick]
//        [--repeat N] [--impl ours,ours-nopace,ours-rfs,supervisord,tssupervisord]
// `tssupervisord` runs the same config through our whole daemon (engine, taps, RPC) for reference.

import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createStream } from 'rotating-file-stream';
import { attachChildOutput, attachOutput, openChannelLog, type ChannelLog } from '../../src/daemon/child-log.js';
import { resolveCommand } from '../../src/daemon/command.js';
import { spawnChild } from '../../src/daemon/spawner.js';
import { binDir, fixturesDir } from '../helpers/paths.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes('--quick');
const repeat = Number(option('--repeat') ?? 3);
const only = option('--only')?.split(',');
const impls = option('--impl')?.split(',') ?? ['ours', 'supervisord'];
const MiB = 1024 * 1024;

interface Scenario {
  readonly name: string;
  readonly programs: number;
  readonly command: string;
  readonly bytesPerProgram: number;
  readonly lineBytes: number;
  readonly maxbytes: number;
  readonly backups: number;
}

const lines = path.join(fixturesDir, 'programs', 'log-lines.py');
const burstBytes = (quick ? 128 : 512) * MiB;
const SCENARIOS: Scenario[] = [
  { name: 'burst', programs: 1, command: `/bin/sh -c "exec head -c ${burstBytes} /dev/zero"`, bytesPerProgram: burstBytes, lineBytes: 0, maxbytes: 64 * MiB, backups: 10 },
  { name: 'chatty', programs: 20, command: `python3 ${lines} ${quick ? 20000 : 100000} 0`, bytesPerProgram: (quick ? 20000 : 100000) * 100, lineBytes: 100, maxbytes: 0, backups: 0 },
  { name: 'ticking', programs: 10, command: `python3 ${lines} ${quick ? 3000 : 10000} 1`, bytesPerProgram: (quick ? 3000 : 10000) * 100, lineBytes: 100, maxbytes: 0, backups: 0 },
];

interface Result {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly bytes: number;
}

function totalSize(files: string[]): number {
  let total = 0;
  for (const base of files) {
    for (const name of [base, ...Array.from({ length: 20 }, (_, i) => `${base}.${i + 1}`)]) {
      try {
        total += fs.statSync(name).size;
      } catch {
        // not there
      }
    }
  }
  return total;
}

async function runOurs(s: Scenario, dir: string, variant: string): Promise<Result> {
  const resolved = resolveCommand(s.command, process.env as Record<string, string>);
  if (!resolved.ok) throw new Error(resolved.spawnerr);
  const files = Array.from({ length: s.programs }, (_, i) => path.join(dir, `p${i}.log`));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const exits: Promise<void>[] = [];
  const rfsStreams: ReturnType<typeof createStream>[] = [];
  for (const file of files) {
    const child = spawnChild({ ...resolved, cwd: null, env: process.env as Record<string, string>, uid: null, gid: null, umask: null, redirectStderr: false, paceOutput: variant !== 'ours-nopace' });
    const stderr = openChannelLog({ path: null, maxbytes: 0, backups: 0, stripAnsi: false, syslog: null, onError: console.error });
    if (variant === 'ours-rfs') {
      const stream = createStream(path.basename(file), { path: dir, size: `${s.maxbytes || 1024 * MiB}B`, rotate: s.backups || 1 });
      rfsStreams.push(stream);
      child.holdExit(attachOutput(child.stdout, rfsAsChannelLog(stream)));
      child.holdExit(attachOutput(child.stderr!, stderr));
    } else {
      const stdout = openChannelLog({ path: file, maxbytes: s.maxbytes, backups: s.backups, stripAnsi: false, syslog: null, onError: console.error });
      attachChildOutput(child, { stdout, stderr });
    }
    exits.push(new Promise((resolve) => child.onExit(() => resolve())));
  }
  await Promise.all(exits);
  await Promise.all(rfsStreams.map((stream) => new Promise((resolve) => stream.end(resolve))));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, bytes: totalSize(files) };
}

/** rotating-file-stream behind the ChannelLog interface, for the comparison only. */
function rfsAsChannelLog(stream: ReturnType<typeof createStream>): ChannelLog {
  const log = {
    path: null,
    write: (chunk: Buffer) => stream.write(Buffer.from(chunk)),
    on: (event: 'drain', cb: () => void) => (stream.on(event, cb), log),
    once: (event: 'drain', cb: () => void) => (stream.once(event, cb), log),
    onAppend: () => () => undefined,
    flush: () => new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.once('drain', () => resolve()))),
    reopen: () => Promise.resolve(),
    clear: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return log as ChannelLog;
}

function cpuTicks(pid: number): number {
  const fields = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rpc(socket: string, method: string, params: string): Promise<string> {
  const body = `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params}</params></methodCall>`;
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, path: '/RPC2', method: 'POST', headers: { 'Content-Type': 'text/xml' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function until(check: () => boolean, what: string, limitMs = 300_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function runSupervisord(s: Scenario, dir: string, impl: string): Promise<Result> {
  const socket = path.join(dir, 'sock');
  const files = Array.from({ length: s.programs }, (_, i) => path.join(dir, `p${i}.log`));
  const programs = files.map(
    (file, i) =>
      `[program:p${i}]\ncommand=${s.command}\nautostart=false\nautorestart=false\nstartsecs=0\n` +
      `stdout_logfile=${file}\nstdout_logfile_maxbytes=${s.maxbytes}\nstdout_logfile_backups=${s.backups}\nstderr_logfile=NONE\n`,
  );
  const conf = path.join(dir, 'supervisord.conf');
  fs.writeFileSync(
    conf,
    `[supervisord]\nlogfile=${dir}/main.log\npidfile=${dir}/sv.pid\nchildlogdir=${dir}\nloglevel=info\n` +
      `[unix_http_server]\nfile=${socket}\n[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n` +
      programs.join(''),
  );
  const [file, argv] =
    // As users run it: through its shebang and the V8 flags there.
    impl === 'tssupervisord' ? [path.join(binDir, 'tssupervisord'), ['-n', '-c', conf]] : ['/usr/bin/supervisord', ['-n', '-c', conf]];
  const daemon: ChildProcess = spawnProcess(file, argv, { stdio: 'ignore' });
  try {
    await until(() => fs.existsSync(socket), 'supervisord socket');
    await rpc(socket, 'supervisor.getState', '');
    const pid = daemon.pid as number;
    const ticks0 = cpuTicks(pid);
    const t0 = performance.now();
    await rpc(socket, 'supervisor.startAllProcesses', '<param><value><boolean>0</boolean></value></param>');
    const expected = s.programs * s.bytesPerProgram;
    await until(() => totalSize(files) >= expected, 'all output in the files');
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = (cpuTicks(pid) - ticks0) / 100;
    return { seconds, cpuSeconds, bytes: totalSize(files) };
  } finally {
    daemon.kill('SIGTERM');
    await new Promise((resolve) => daemon.once('exit', resolve));
  }
}

function row(cells: (string | number)[]): string {
  return cells.map((c, i) => String(c).padStart(i === 0 ? 0 : 14).padEnd(i === 0 ? 26 : 0)).join('');
}

async function main(): Promise<void> {
  console.log(`log capture bench (${os.cpus().length} CPUs, node ${process.version}${quick ? ', quick' : ''})`);
  console.log(row(['scenario / impl', 'wall s', 'MiB/s', 'lines/s', 'CPU s', 'CPU µs/line', 'lost bytes']));
  for (const s of SCENARIOS) {
    if (only && !only.includes(s.name)) continue;
    const runs = new Map<string, Result[]>();
    const chosen = impls.filter((impl) => s.name === 'burst' || impl !== 'ours-rfs');
    for (let round = 0; round < repeat; round++) {
      for (const impl of chosen) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-logs-${impl}-`));
        try {
          const r = impl.endsWith('supervisord') ? await runSupervisord(s, dir, impl) : await runOurs(s, dir, impl);
          runs.set(impl, [...(runs.get(impl) ?? []), r]);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    for (const impl of chosen) {
      const sorted = [...(runs.get(impl) ?? [])].sort((a, b) => a.seconds - b.seconds);
      const r = sorted[Math.floor(sorted.length / 2)] as Result;
      const lost = Math.max(...sorted.map((x) => s.programs * s.bytesPerProgram - x.bytes));
      const lineCount = s.lineBytes ? r.bytes / s.lineBytes : 0;
      console.log(
        row([
          `${s.name} / ${impl}`,
          r.seconds.toFixed(2),
          (r.bytes / MiB / r.seconds).toFixed(0),
          lineCount ? Math.round(lineCount / r.seconds) : '-',
          r.cpuSeconds.toFixed(2),
          lineCount ? ((r.cpuSeconds * 1e6) / lineCount).toFixed(2) : '-',
          lost,
        ]),
      );
    }
  }
  console.log(`(median of ${repeat} runs; "lost bytes" is the worst run)`);
}

await main();

// How long loadConfig takes for a big config: 1,000 processes from numprocs pools and single programs
// spread over 25 included files. Prints the median of several runs after a warm-up; exits 1 when the
// median is not under 200 ms.   npm run bench:config

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig, formatDiagnostic } from '../../src/config/load.js';

const LIMIT_MS = 200;
const RUNS = 15;
const FILES = 25;
const POOL_SIZE = 20;
const SINGLES_PER_FILE = 20;

function program(name: string, extra: string): string {
  return [
    `[program:${name}]`,
    `command=/usr/bin/env APP=%(program_name)s /bin/sh -c "exec sleep 3600" --port 90%(process_num)02d`,
    'autostart=false',
    'autorestart=unexpected',
    'startsecs=2',
    'stopsignal=TERM',
    'stdout_logfile=%(here)s/%(program_name)s-%(process_num)d.log',
    'stdout_logfile_maxbytes=10MB',
    'redirect_stderr=true',
    'environment=ROLE="%(program_name)s",SLOT="%(process_num)d",HOME="%(ENV_HOME)s"',
    extra,
    '',
  ].join('\n');
}

function buildTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tss-bench-config-'));
  fs.mkdirSync(path.join(root, 'conf.d'));
  fs.writeFileSync(
    path.join(root, 'supervisord.conf'),
    '[supervisord]\nlogfile=%(here)s/supervisord.log\nenvironment=GLOBAL="1"\n\n[unix_http_server]\nfile=%(here)s/s.sock\n\n' +
      '[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n' +
      '[include]\nfiles = conf.d/*.conf\n',
  );
  for (let f = 0; f < FILES; f++) {
    const parts = [program(`pool${f}`, `numprocs=${POOL_SIZE}\nprocess_name=%(program_name)s_%(process_num)02d`)];
    for (let s = 0; s < SINGLES_PER_FILE; s++) parts.push(program(`app${f}_${s}`, `priority=${100 + s}`));
    parts.push(`[group:grp${f}]\nprograms=${Array.from({ length: 5 }, (_, s) => `app${f}_${s}`).join(',')}\n`);
    fs.writeFileSync(path.join(root, 'conf.d', `${String(f).padStart(2, '0')}-apps.conf`), parts.join('\n'));
  }
  return root;
}

function main(): void {
  const root = buildTree();
  try {
    const load = (): number => {
      const start = performance.now();
      const result = loadConfig({ file: path.join(root, 'supervisord.conf'), cwd: root });
      const elapsed = performance.now() - start;
      if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
      const processes = result.config.groups.reduce((n, g) => n + g.processes.length, 0);
      if (processes !== FILES * (POOL_SIZE + SINGLES_PER_FILE)) throw new Error(`expected 1000 processes, got ${processes}`);
      return elapsed;
    };
    for (let i = 0; i < 3; i++) load(); // warm-up (JIT, file cache)
    const times = Array.from({ length: RUNS }, load).sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)] as number;
    const line = `loadConfig, 1000 processes in ${FILES + 1} files: median ${median.toFixed(1)} ms of ${RUNS} runs (min ${times[0]?.toFixed(1)} ms, max ${times[RUNS - 1]?.toFixed(1)} ms; limit ${LIMIT_MS} ms)`;
    console.log(line);
    if (median >= LIMIT_MS) process.exitCode = 1;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();

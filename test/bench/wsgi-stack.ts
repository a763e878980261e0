// The README's wsgi-stack figures, supervisord and tssupervisord in the same run, same example config:
//  1. SIGKILL app_1's uWSGI master while one of its workers is busy (a 60 s request): does app_1 come
//     back, how fast, and how many processes of the old group are alive then and after shutdown?
//  2. `restart app:*` under wrk -t2 -c8 through nginx (both daemons), and `restart --rolling app:*` (ours).
// Run: npx tsc -p tsconfig.json && env -u NODE_EXTRA_CA_CERTS node dist/test/bench/wsgi-stack.js [uwsgi|gunicorn]

import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { liveGroupMembers } from '../../src/daemon/group-leftovers.js';
import { startDaemon, type DaemonHandle } from '../helpers/daemon.js';
import { binDir } from '../helpers/paths.js';
import { freePortPrefix, httpGet, missingTools, parseAnswer, renderStack, requestInFlight, startWrk, type RenderedStack, type StackVariant } from '../helpers/wsgi-stack.js';

const run = promisify(execFile);
type Impl = 'ours' | 'supervisord';

async function ctlRestart(impl: Impl, d: DaemonHandle, rolling: boolean): Promise<string> {
  const cmd = impl === 'ours' ? [process.execPath, path.join(binDir, 'tssupervisorctl')] : ['/usr/bin/supervisorctl'];
  const args = [...cmd.slice(1), '-c', d.confPath, 'restart', ...(rolling ? ['--rolling'] : []), 'app:*'];
  const { stdout } = await run(cmd[0]!, args).catch((e: { stdout: string }) => ({ stdout: e.stdout }));
  return stdout.trim().replaceAll('\n', '; ');
}

async function allRunning(d: DaemonHandle, stack: RenderedStack): Promise<void> {
  for (const name of ['nginx', 'app:app_1', 'app:app_2']) await d.waitForState(name, 'RUNNING', 30_000);
  for (const port of stack.backendPorts) await d.waitFor(`port ${port} listening`, () => listening(port));
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function killBusyMaster(variant: StackVariant, d: DaemonHandle, dir: string, nginxPort: number, backendPort: number) {
  const old = (await d.info('app:app_1')).pid;
  const drop = await requestInFlight(variant, backendPort, '/slow').catch((error: unknown) => {
    throw new Error(`the slow request to app_1 (port ${backendPort}, pid ${old}) failed: ${String(error)}\n${d.mainLog()}`);
  });
  await d.waitFor('slow request', async () => readFileSync(path.join(dir, 'var', 'app-1.log'), 'utf8').includes('slow request started'));
  const t0 = Date.now();
  process.kill(old, 'SIGKILL');
  drop();
  let outcome = 'not back within 20 s';
  const deadline = t0 + 20_000;
  while (Date.now() < deadline) {
    const info = await d.info('app:app_1');
    if (info.statename === 'FATAL') {
      outcome = `FATAL after ${((Date.now() - t0) / 1000).toFixed(1)} s (${info.description})`;
      break;
    }
    const answer = await httpGet(nginxPort).catch(() => null);
    const parsed = answer ? parseAnswer(answer.body) : null;
    if (info.pid > 0 && info.pid !== old && parsed?.instance === '1' && parsed.master === info.pid) {
      outcome = `serving from the new master after ${((Date.now() - t0) / 1000).toFixed(2)} s`;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const bindErrors = (readFileSync(path.join(dir, 'var', 'app-1.log'), 'utf8').match(/Address already in use|Connection in use/g) ?? []).length;
  return { old, outcome, orphans: (liveGroupMembers(old) ?? []).length, bindErrors };
}

async function withStack(impl: Impl, variant: StackVariant, body: (d: DaemonHandle, stack: RenderedStack) => Promise<void>): Promise<void> {
  const stack = renderStack(variant, await freePortPrefix(), 'APP_SLOW_SECONDS="60"');
  const d = await startDaemon({ programs: stack.programs, dir: stack.dir, impl });
  try {
    await allRunning(d, stack);
    await body(d, stack);
  } finally {
    await d.stop();
    rmSync(stack.dir, { recursive: true, force: true });
  }
}

async function measure(impl: Impl, variant: StackVariant): Promise<string[]> {
  const rows: string[] = [];
  await withStack(impl, variant, async (d, stack) => {
    const kill = await killBusyMaster(variant, d, stack.dir, stack.nginxPort, stack.backendPorts[0]);
    rows.push(`| ${impl} | SIGKILL app_1's master (one worker busy) | ${kill.outcome}; ${kill.bindErrors} bind failures logged; ${kill.orphans} live processes left in the old group |`);
    await d.stop();
    rows.push(`| ${impl} | shutdown after that | ${(liveGroupMembers(kill.old) ?? []).length} live processes of the killed master's group after the daemon exited |`);
    try {
      process.kill(-kill.old, 'SIGKILL'); // what supervisord left behind
    } catch {
      // nothing left
    }
  });
  await withStack(impl, variant, async (d, stack) => {
    for (const rolling of impl === 'ours' ? [false, true] : [false]) {
      await allRunning(d, stack);
      const wrk = await startWrk(stack.nginxPort);
      const t0 = Date.now();
      const said = await ctlRestart(impl, d, rolling);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      const r = await wrk.finish();
      const errors = r.socketErrors.connect + r.socketErrors.read + r.socketErrors.write + r.socketErrors.timeout;
      rows.push(`| ${impl} | restart ${rolling ? '--rolling ' : ''}app:* under wrk -t2 -c8 (${seconds} s) | ${r.requests} requests, ${r.non2xx} non-2xx, ${errors} socket errors (${said}) |`);
    }
  });
  return rows;
}

const variant = (process.argv[2] ?? 'uwsgi') as StackVariant;
const missing = missingTools(variant);
if (missing.length > 0) {
  console.log(`skipped: ${missing.join(', ')} not installed`);
} else {
  const rows = ['| daemon | action | result |', '|---|---|---|'];
  for (const impl of ['supervisord', 'ours'] as const) rows.push(...(await measure(impl, variant)));
  console.log(`wsgi-stack (${variant}), ${new Date().toISOString()}`);
  console.log(rows.join('\n'));
}

// conf.d/examples/wsgi-stack end to end: nginx + two uWSGI (or gunicorn) masters + Flask under a real
// tssupervisord, checked with real HTTP through nginx. Skipped, with a notice, where the stack's Debian
// packages are not installed (.ci/run installs them).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { liveGroupMembers } from '../../src/daemon/group-leftovers.js';
import { CI_SLACK, startDaemon, type DaemonHandle } from '../helpers/daemon.js';
import { binDir } from '../helpers/paths.js';
import {
  freePortPrefix,
  httpGet,
  missingTools,
  parseAnswer,
  renderStack,
  requestInFlight,
  startWrk,
  type RenderedStack,
  type StackVariant,
} from '../helpers/wsgi-stack.js';

const run = promisify(execFile);

/** Every process group the stack had (one per pid the daemon reported): none may outlive it. */
class SeenGroups {
  readonly pgids = new Set<number>();

  async record(d: DaemonHandle): Promise<Record<string, number>> {
    const pids: Record<string, number> = {};
    for (const name of ['nginx', 'app:app_1', 'app:app_2']) {
      const { pid } = await d.info(name);
      pids[name] = pid;
      if (pid > 0) this.pgids.add(pid);
    }
    return pids;
  }

  alive(): number[] {
    return [...this.pgids].flatMap((pgid) => liveGroupMembers(pgid) ?? []);
  }

  killAll(): void {
    for (const pgid of this.pgids) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

async function waitAllRunning(d: DaemonHandle): Promise<void> {
  for (const name of ['nginx', 'app:app_1', 'app:app_2']) await d.waitForState(name, 'RUNNING', 20_000 * CI_SLACK);
}

/** Asks nginx until both backends have answered; returns each instance's answer. */
async function reachBoth(d: DaemonHandle, stack: RenderedStack): Promise<Map<string, { pid: number; master: number }>> {
  const seen = new Map<string, { pid: number; master: number }>();
  await d.waitFor('answers from app 1 and app 2 through nginx', async () => {
    const answer = await httpGet(stack.nginxPort);
    assert.equal(answer.status, 200, answer.body);
    const parsed = parseAnswer(answer.body);
    if (parsed) seen.set(parsed.instance, parsed);
    return seen.size === 2;
  });
  return seen;
}

async function killedMasterComesBack(t: TestContext, d: DaemonHandle, stack: RenderedStack, variant: StackVariant, seen: SeenGroups): Promise<void> {
  const old = (await d.info('app:app_1')).pid;
  // A worker busy with a long request when its master dies: the orphan that keeps the port under supervisord.
  const drop = await requestInFlight(variant, stack.backendPorts[0], '/slow');
  const appLog = path.join(stack.dir, 'var', 'app-1.log');
  await d.waitFor('the slow request to reach a worker', async () => readFileSync(appLog, 'utf8').includes('slow request started'));
  const workers = (liveGroupMembers(old) ?? []).filter((pid) => pid !== old);
  assert.ok(workers.length > 0, 'the master has workers in its group');
  const killedAt = Date.now();
  process.kill(old, 'SIGKILL');
  drop();
  const budget = 3000 * CI_SLACK;
  const fresh = await d.waitFor(
    'a new app_1 master',
    async () => {
      const { pid } = await d.info('app:app_1');
      return pid > 0 && pid !== old ? pid : undefined;
    },
    budget,
  );
  // The exit is reported (and the respawn done) only once the old group is empty.
  assert.deepEqual(liveGroupMembers(old), [], 'no live process of the old master group');
  assert.match(d.mainLog(), new RegExp(`INFO killed \\d+ leftover process(es)? of app_1's process group \\(pgid ${old}\\)`));
  // Answers from the new master only: under supervisord an orphaned idle worker may still answer.
  await d.waitFor(
    'app 1 serving from its new master',
    async () => {
      const parsed = parseAnswer((await httpGet(stack.nginxPort)).body);
      return parsed?.instance === '1' && parsed.master === fresh;
    },
    Math.max(100, killedAt + budget - Date.now()),
  );
  t.diagnostic(`app 1 served by its new master ${fresh} ${Date.now() - killedAt} ms after the SIGKILL of ${old}`);
  await d.waitForState('app:app_1', 'RUNNING');
  await seen.record(d);
}

async function rollingRestartUnderLoad(t: TestContext, d: DaemonHandle, stack: RenderedStack, seen: SeenGroups): Promise<void> {
  await waitAllRunning(d);
  const before = await seen.record(d);
  const logStart = d.mainLog().length;
  const wrk = await startWrk(stack.nginxPort);
  let ctl: { stdout: string; stderr: string };
  try {
    ctl = await run(process.execPath, [path.join(binDir, 'tssupervisorctl'), '-c', d.confPath, 'restart', '--rolling', 'app:*']);
  } finally {
    const result = await wrk.finish();
    t.diagnostic(`wrk during the roll: ${result.requests} requests, ${result.non2xx} non-2xx, socket errors ${JSON.stringify(result.socketErrors)}`);
    assert.ok(result.requests > 0, result.output);
    assert.equal(result.non2xx, 0, result.output);
    assert.deepEqual(result.socketErrors, { connect: 0, read: 0, write: 0, timeout: 0 }, result.output);
  }
  assert.equal(ctl.stdout, 'app:app_1: stopped\napp:app_1: started\napp:app_2: stopped\napp:app_2: started\n');
  const after = await seen.record(d);
  assert.notEqual(after['app:app_1'], before['app:app_1']);
  assert.notEqual(after['app:app_2'], before['app:app_2']);
  assert.equal(after.nginx, before.nginx, 'nginx was not touched');
  // One at a time: app_2 is stopped only once app_1 is RUNNING again.
  const steps = d
    .mainLog()
    .slice(logStart)
    .split('\n')
    .flatMap((line) => {
      const m = /(stopped|spawned|success): '?(app_[12])\b/.exec(line);
      return m ? [`${m[1]} ${m[2]}`] : [];
    });
  assert.deepEqual(steps, ['stopped app_1', 'spawned app_1', 'success app_1', 'stopped app_2', 'spawned app_2', 'success app_2']);
}

for (const variant of ['uwsgi', 'gunicorn'] as const) {
  test(`wsgi-stack (${variant}) under tssupervisord: serving, a killed master back, rolling restart without a failed request, nothing left`, async (t) => {
    const missing = missingTools(variant);
    if (missing.length > 0) {
      t.skip(`${missing.join(', ')} not installed: the ${variant} wsgi-stack is not tested here (.ci/run installs them)`);
      return;
    }
    const stack = renderStack(variant, await freePortPrefix(), 'APP_SLOW_SECONDS="60"');
    const seen = new SeenGroups();
    const d = await startDaemon({ programs: stack.programs, dir: stack.dir });
    try {
      await t.test('up: nginx answers from both backends', async () => {
        await waitAllRunning(d);
        await seen.record(d);
        const answers = await reachBoth(d, stack);
        assert.deepEqual([...answers.keys()].sort(), ['1', '2']);
      });
      await t.test('a SIGKILLed master with a busy worker: its group is cleared and a new master serves', (st) =>
        killedMasterComesBack(st, d, stack, variant, seen),
      );
      await t.test('restart --rolling app:* under wrk -t2 -c8: no failed request', (st) => rollingRestartUnderLoad(st, d, stack, seen));
      await t.test('shutdown leaves no process of any of the stack\'s process groups', async () => {
        await d.stop();
        assert.equal(d.child.exitCode, 0);
        assert.deepEqual(seen.alive(), []);
      });
    } finally {
      await d.stop();
      seen.killAll();
      rmSync(stack.dir, { recursive: true, force: true });
    }
  });
}

test('wsgi-stack (uwsgi): the same config runs under real supervisord', async (t) => {
  const missing = missingTools('uwsgi');
  if (missing.length > 0 || !existsOracle()) {
    t.skip(`${[...missing, ...(existsOracle() ? [] : ['supervisor'])].join(', ')} not installed: not compared with supervisord here`);
    return;
  }
  const stack = renderStack('uwsgi', await freePortPrefix());
  const seen = new SeenGroups();
  const d = await startDaemon({ programs: stack.programs, dir: stack.dir, impl: 'supervisord' });
  try {
    await waitAllRunning(d);
    await seen.record(d);
    assert.deepEqual([...(await reachBoth(d, stack)).keys()].sort(), ['1', '2']);
    await d.stop();
    assert.deepEqual(seen.alive(), []);
  } finally {
    await d.stop();
    seen.killAll();
    rmSync(stack.dir, { recursive: true, force: true });
  }
});

function existsOracle(): boolean {
  return existsSync('/usr/bin/supervisord');
}

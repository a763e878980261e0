import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { describeLeftovers, killLeftovers, liveGroupMembers } from '../../../src/daemon/group-leftovers.js';

const groups: number[] = [];
after(() => {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already empty
    }
  }
});

/** A group leader (its own process group) that starts two sleepers, prints their pids and waits. */
async function groupWithTwoWorkers(): Promise<{ leader: number; workers: number[]; exited: Promise<unknown> }> {
  const child = spawn('/bin/sh', ['-c', 'sleep 1000 & a=$!; sleep 1000 & echo "$a $!"; wait'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const leader = child.pid ?? 0;
  groups.push(leader);
  const exited = once(child, 'exit');
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    if (out.includes('\n')) break;
  }
  const workers = out.trim().split(' ').map(Number);
  return { leader, workers, exited };
}

function isLive(pid: number): boolean {
  try {
    return !['Z', 'X'].includes(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? 'X');
  } catch {
    return false;
  }
}

test('after the leader is SIGKILLed, its workers are found, killed, and gone when the promise resolves', async () => {
  const { leader, workers, exited } = await groupWithTwoWorkers();
  assert.deepEqual(liveGroupMembers(leader)?.sort(), [leader, ...workers].sort());
  process.kill(leader, 'SIGKILL');
  await exited;
  assert.deepEqual(liveGroupMembers(leader)?.sort(), [...workers].sort(), 'the workers outlive their leader');
  const outcome = await killLeftovers(leader);
  assert.deepEqual(outcome, { killed: 2, survivors: 0, counted: true });
  for (const pid of workers) assert.equal(isLive(pid), false, `worker ${pid} still alive`);
  assert.deepEqual(liveGroupMembers(leader), []);
  assert.deepEqual(describeLeftovers('app_1', leader, outcome), {
    level: 'info',
    message: `killed 2 leftover processes of app_1's process group (pgid ${leader})`,
  });
});

test('an empty group costs nothing and logs nothing', async () => {
  const child = spawn('/bin/sh', ['-c', 'exit 0'], { detached: true, stdio: 'ignore' });
  const pgid = child.pid ?? 0;
  await once(child, 'exit');
  const outcome = await killLeftovers(pgid);
  assert.deepEqual(outcome, { killed: 0, survivors: 0, counted: true });
  assert.equal(describeLeftovers('quick', pgid, outcome), null);
});

test('the log line: one process, survivors, and no /proc to count with', () => {
  assert.equal(describeLeftovers('web', 42, { killed: 1, survivors: 0, counted: true })?.message, "killed 1 leftover process of web's process group (pgid 42)");
  assert.deepEqual(describeLeftovers('web', 42, { killed: 3, survivors: 1, counted: true }), {
    level: 'warn',
    message: "1 leftover process of web's process group (pgid 42) still alive after SIGKILL",
  });
  assert.equal(describeLeftovers('web', 42, { killed: 0, survivors: 0, counted: false })?.message, "killed leftover processes of web's process group (pgid 42)");
});

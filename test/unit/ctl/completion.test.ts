import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, currentWord } from '../../../src/ctl/completion.js';
import type { ProcessInfo } from '../../../src/ctl/format.js';
import { info } from './fake-ctl.js';

const INFOS = [info('cat', 'cat', 'RUNNING'), info('grp', 'ga', 'RUNNING'), info('grp', 'gb', 'STOPPED')] as unknown as ProcessInfo[];
const ACTIONS = ['add', 'avail', 'help', 'start', 'status', 'stop', 'tail'];
const run = (line: string): Promise<string[]> => complete(line, ACTIONS, async () => INFOS);

test('completion: actions, then process names, group names after add/remove/update', async () => {
  assert.deepEqual(await run(''), ACTIONS.map((a) => `${a} `));
  assert.deepEqual(await run('st'), ['start ', 'status ', 'stop ']);
  assert.deepEqual(await run('start '), ['cat ', 'grp:ga ', 'grp:* ', 'grp:gb ']);
  assert.deepEqual(await run('start grp:'), ['grp:ga ', 'grp:* ', 'grp:gb ']);
  assert.deepEqual(await run('start cat:'), ['cat:cat ', 'cat:* ']);
  assert.deepEqual(await run('update g'), ['grp ']);
  assert.deepEqual(await run('help s'), ['start ', 'status ', 'stop ']);
  assert.deepEqual(await run('version x'), []);
  assert.equal(currentWord('start grp:*'), 'grp:*');
  assert.equal(currentWord('tail my-app'), 'my-app');
});

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { diffGroups, processesEqual } from '../../../src/config/diff.js';
import { loadConfig, formatDiagnostic } from '../../../src/config/load.js';
import type { GroupConfig } from '../../../src/config/types.js';
import { makeTree } from './tmp-tree.js';

const HEAD = '[supervisord]\nlogfile=/tmp/tss-diff-test.log\n';

function groups(t: TestContext, body: string, head = HEAD): GroupConfig[] {
  const root = makeTree(t, { 'main.conf': head + body });
  const result = loadConfig({ file: 'main.conf', cwd: root, env: {} });
  assert.ok(result.ok, result.ok ? '' : result.errors.map(formatDiagnostic).join('\n'));
  return [...result.config.groups];
}

function names(diff: ReturnType<typeof diffGroups>): Record<string, string[]> {
  return { added: diff.added.map((g) => g.name), changed: diff.changed.map((g) => g.name), removed: diff.removed.map((g) => g.name) };
}

const BASE = `
[program:same]
command=/bin/cat
[program:gone]
command=/bin/cat
[program:edited]
command=/bin/cat
[eventlistener:ev]
command=/bin/cat
events=TICK_5,TICK_60
[fcgi-program:fcgi]
command=/bin/cat
socket=tcp://127.0.0.1:9000
`;

const cases: Array<[string, string, Record<string, string[]>, string?]> = [
  ['nothing changed', BASE, { added: [], changed: [], removed: [] }],
  [
    'added, removed and changed',
    BASE.replace('[program:gone]\ncommand=/bin/cat\n', '[program:new]\ncommand=/bin/cat\n').replace('[program:edited]\ncommand=/bin/cat', '[program:edited]\ncommand=/bin/cat -u'),
    { added: ['new'], changed: ['edited'], removed: ['gone'] },
  ],
  ['group priority', `${BASE}[program:same]\npriority=5\n`, { added: [], changed: ['same'], removed: [] }],
  ['numprocs', BASE.replace('[program:same]\ncommand=/bin/cat', '[program:same]\ncommand=/bin/cat\nnumprocs=2\nprocess_name=%(program_name)s_%(process_num)s'), { added: [], changed: ['same'], removed: [] }],
  ['events listed in another order', BASE.replace('events=TICK_5,TICK_60', 'events=TICK_60,tick_5'), { added: [], changed: [], removed: [] }],
  ['event buffer size', BASE.replace('events=TICK_5,TICK_60', 'events=TICK_5,TICK_60\nbuffer_size=20'), { added: [], changed: ['ev'], removed: [] }],
  ['fcgi socket', BASE.replace('tcp://127.0.0.1:9000', 'tcp://127.0.0.1:9001'), { added: [], changed: ['fcgi'], removed: [] }],
  ['a program environment', `${BASE}[program:same]\nenvironment=A="1"\n`, { added: [], changed: ['same'], removed: [] }],
  [
    '[supervisord] environment changes every process environment',
    BASE,
    { added: [], changed: ['ev', 'edited', 'fcgi', 'gone', 'same'], removed: [] },
    `${HEAD}environment=GLOBAL="1"\n`,
  ],
  ['other [supervisord] settings are not a change', BASE, { added: [], changed: [], removed: [] }, `${HEAD}loglevel=debug\nidentifier=x\n`],
  [
    'moving a program into a [group:x] removes it and adds the group',
    `${BASE}[group:grp]\nprograms=gone\n`,
    { added: ['grp'], changed: [], removed: ['gone'] },
  ],
  ['an AUTO log file is never a change', `${BASE}[program:same]\nstdout_logfile=/tmp/same.log\n`, { added: [], changed: [], removed: [] }],
  ['a path where there was AUTO is not a change either', `${BASE}[program:edited]\nstdout_logfile=/tmp/e.log\n`, { added: [], changed: [], removed: [] }],
];

for (const [name, next, expected, nextHead] of cases) {
  test(`diffGroups: ${name}`, (t) => {
    const active = groups(t, BASE);
    assert.deepEqual(names(diffGroups(active, groups(t, next, nextHead ?? HEAD))), expected);
  });
}

test('diffGroups: a path changed to NONE and back is a change (only AUTO is skipped)', (t) => {
  const a = groups(t, '[program:x]\ncommand=/bin/cat\nstdout_logfile=/tmp/x.log\n');
  const b = groups(t, '[program:x]\ncommand=/bin/cat\nstdout_logfile=NONE\n');
  assert.deepEqual(names(diffGroups(a, b)), { added: [], changed: ['x'], removed: [] });
  assert.equal(processesEqual(a[0]?.processes[0] as never, a[0]?.processes[0] as never), true);
});

test('diffGroups: kinds do not compare equal, except a new plain group against an old fcgi group', (t) => {
  const fcgi = groups(t, '[fcgi-program:x]\ncommand=/bin/cat\nsocket=tcp://127.0.0.1:9000\n');
  const plain = groups(t, '[program:x]\ncommand=/bin/cat\n');
  const listener = groups(t, '[eventlistener:x]\ncommand=/bin/cat\nevents=TICK_5\npriority=999\n');
  assert.deepEqual(names(diffGroups(plain, fcgi)), { added: [], changed: ['x'], removed: [] });
  assert.deepEqual(names(diffGroups(fcgi, plain)), { added: [], changed: [], removed: [] });
  assert.deepEqual(names(diffGroups(plain, listener)), { added: [], changed: ['x'], removed: [] });
  assert.deepEqual(names(diffGroups(listener, plain)), { added: [], changed: ['x'], removed: [] });
});

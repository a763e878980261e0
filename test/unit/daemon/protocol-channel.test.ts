import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { openChannelLog } from '../../../src/daemon/child-log.js';
import { channelForSpawn, type OutputEventContext } from '../../../src/daemon/events/output-events.js';
import { tempDir } from './support.js';

const dir = tempDir();
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a listener's stdout bytes are in stdout_logfile before the protocol sees them (as supervisord logs, then parses)", async () => {
  const file = path.join(dir, 'listener.out');
  const base = openChannelLog({ path: file, maxbytes: 0, backups: 0, stripAnsi: false, syslog: null, onError: assert.fail });
  const inFileWhenParsed: string[] = [];
  const context = {
    channel: 'stdout',
    listenerStdout: () => inFileWhenParsed.push(fs.readFileSync(file, 'utf8')),
  } as unknown as OutputEventContext; // the protocol channel uses only these two
  const channel = channelForSpawn(base, new Promise(() => undefined), context);
  channel.write(Buffer.from('READY\n'));
  channel.write(Buffer.from('garbage\n'));
  assert.deepEqual(inFileWhenParsed, ['READY\n', 'READY\ngarbage\n']);
  await channel.close();
});

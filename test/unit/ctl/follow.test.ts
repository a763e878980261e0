import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Controller } from '../../../src/ctl/controller.js';
import { runLine } from '../../../src/ctl/dispatch.js';
import { Interrupts } from '../../../src/ctl/interrupts.js';
import { parseOptions } from '../../../src/ctl/options.js';
import { createCtlRpc } from '../../../src/ctl/transport.js';
import { startFakeCtlServer } from '../../helpers/ctl-fake-server.js';

async function until(what: string, probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('tail -f group:* follows every member, whole lines prefixed with the namespec; Ctrl-C ends it', async () => {
  const server = await startFakeCtlServer(2, null, 'web');
  server.appendLog('web:p000', 'old line\n');
  server.appendLog('web:p001', 'first ');
  let out = '';
  const interrupts = new Interrupts(() => assert.fail('Ctrl-C reached the fallback'));
  const ctl = new Controller({
    options: parseOptions(['-c', '', '-s', server.serverUrl, 'tail'], 'ctl', {}),
    rpcFactory: async (settings) => createCtlRpc(settings, {}),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => {} },
    input: () => ({ question: async () => null }),
    onInterrupt: (handler) => interrupts.on(handler),
  });
  try {
    const running = runLine(ctl, 'tail -f web:*');
    await until('the existing lines', () => out.includes('web:p000 | old line\n'));
    server.appendLog('web:p001', 'half\nsecond line\n');
    await until('the appended lines', () => out.includes('web:p001 | second line\n'));
    interrupts.fire();
    await running;
    const lines = out.split('\n');
    assert.equal(lines[0], '==> Press Ctrl-C to exit <==');
    assert.deepEqual(lines.slice(1).filter((l) => l !== '').sort(), ['web:p000 | old line', 'web:p001 | first half', 'web:p001 | second line']);
    assert.ok(out.endsWith('\n\n'), 'an empty line after Ctrl-C, as supervisorctl prints');
    assert.equal(ctl.exitStatus, 0);
  } finally {
    await ctl.close();
    await server.close();
  }
});

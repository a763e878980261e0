import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCtlRpc } from '../../../src/ctl/transport.js';
import { startFakeCtlServer } from '../../helpers/ctl-fake-server.js';

test('transport: our JSON API when the server has it, same results and faults as XML-RPC', async () => {
  const server = await startFakeCtlServer(3);
  try {
    for (const transport of ['auto', 'xmlrpc']) {
      const rpc = createCtlRpc({ serverUrl: server.serverUrl, username: null, password: null }, { TSSUPERVISORCTL_TRANSPORT: transport });
      try {
        assert.equal(await rpc.call('supervisor.getVersion'), '3.0');
        const infos = await rpc.call<Array<{ name: string; pid: number }>>('supervisor.getAllProcessInfo');
        assert.deepEqual(infos.map((i) => [i.name, i.pid]), [['p000', 1000], ['p001', 1001], ['p002', 1002]]);
        await assert.rejects(rpc.call('supervisor.getProcessInfo', ['nosuch']), (err: unknown) =>
          err instanceof Error && err.name === 'Fault' && (err as unknown as { code: number }).code === 10 && err.message === 'BAD_NAME: nosuch');
      } finally {
        rpc.close();
      }
    }
  } finally {
    await server.close();
  }
});

test('transport: 401 and a missing socket surface as the kinds the ctl maps to supervisorctl messages', async () => {
  const server = await startFakeCtlServer(1, { username: 'user', password: '123' });
  try {
    const kindOf = async (settings: { serverUrl: string; username: string | null; password: string | null }): Promise<string> => {
      const rpc = createCtlRpc(settings, {});
      try {
        await rpc.call('supervisor.getVersion');
        return 'ok';
      } catch (err) {
        return (err as { kind?: string }).kind ?? String(err);
      } finally {
        rpc.close();
      }
    };
    assert.equal(await kindOf({ serverUrl: server.serverUrl, username: null, password: null }), 'UNAUTHORIZED');
    assert.equal(await kindOf({ serverUrl: server.serverUrl, username: 'user', password: '123' }), 'ok');
    assert.equal(await kindOf({ serverUrl: `unix://${server.dir}/nope.sock`, username: null, password: null }), 'ENOENT');
  } finally {
    await server.close();
  }
});

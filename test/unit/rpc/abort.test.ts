// CallContext.signal: a handler waiting for something (startProcess with wait) learns that its
// client went away, on both transports; a completed call is never aborted afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startFakeControl, waitFor, type FakeControl } from '../../helpers/rpc-fixture.js';
import { createRpcClient } from '../../../src/rpc/client.js';

/** Sends the request, waits until the handler runs, then leaves without reading the answer. */
async function postAndHangUp(control: FakeControl, url: string, body: string, transport: string): Promise<void> {
  const sock = net.connect(control.socket);
  sock.on('error', () => undefined);
  sock.write(`POST ${url} HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  await waitFor(`the ${transport} handler to start`, () => control.hangLog.includes(`${transport} called`));
  sock.destroy();
}

test('the call signal aborts when the client disconnects, for XML-RPC and JSON', async () => {
  const control = await startFakeControl();
  try {
    await postAndHangUp(control, '/RPC2', '<methodCall><methodName>test.hang</methodName></methodCall>', 'xmlrpc');
    await waitFor('the XML-RPC abort', () => control.hangLog.includes('xmlrpc aborted'));
    await postAndHangUp(control, '/api/v1/call', '{"method":"test.hang"}', 'json');
    await waitFor('the JSON abort', () => control.hangLog.includes('json aborted'));
    const client = createRpcClient({ serverUrl: `unix://${control.socket}` });
    assert.deepEqual(await client.call('supervisor.getState'), { statecode: 1, statename: 'RUNNING' });
    client.close();
    assert.deepEqual(control.hangLog, ['xmlrpc called', 'xmlrpc aborted', 'json called', 'json aborted']);
  } finally {
    await control.close();
  }
});

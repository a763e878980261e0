// A control server (our transport: XML-RPC and the JSON API) on a temp unix socket, backed by a small fake
// method table with N RUNNING processes: for the ctl's transport tests and its latency bench.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Fault } from '../../src/core/faults.js';
import type { HttpAuth } from '../../src/config/types.js';
import { startControlServers } from '../../src/rpc/http-server.js';
import type { MethodSpec } from '../../src/rpc/method-table.js';

export interface FakeCtlServer {
  readonly serverUrl: string;
  readonly dir: string;
  close(): Promise<void>;
}

export function fakeInfos(count: number): Array<Record<string, unknown>> {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const name = `p${String(i).padStart(3, '0')}`;
    return {
      name, group: name, start: now - 7, stop: 0, now, state: 20, statename: 'RUNNING', spawnerr: '', exitstatus: 0,
      logfile: '', stdout_logfile: '', stderr_logfile: '', pid: 1000 + i, description: `pid ${1000 + i}, uptime 0:00:07`,
    };
  });
}

function spec(signature: string[], call: MethodSpec['call']): MethodSpec {
  return { signature, help: '', call };
}

export async function startFakeCtlServer(count: number, auth: HttpAuth | null = null): Promise<FakeCtlServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ctl-fake-'));
  const socket = path.join(dir, 'supervisor.sock');
  const infos = fakeInfos(count);
  const methods = new Map<string, MethodSpec>([
    ['supervisor.getVersion', spec(['string'], () => '3.0')],
    ['supervisor.getSupervisorVersion', spec(['string'], () => '4.2.5')],
    ['supervisor.getAllProcessInfo', spec(['array'], () => infos)],
    ['supervisor.getProcessInfo', spec(['struct', 'string'], ([name]) => {
      const found = infos.find((i) => i.name === name);
      if (!found) throw new Fault('BAD_NAME', String(name));
      return found;
    })],
  ]);
  const servers = await startControlServers({
    servers: [{ kind: 'unix', section: 'unix_http_server', file: socket, chmod: 0o700, chown: null, auth }],
    methods,
    logs: { resolve: () => null, mainLogPath: () => null, onAppend: () => () => {} },
    events: { subscribe: () => ({ snapshot: {}, close: () => {} }) },
    log: { warn: () => {}, crit: () => {}, info: () => {} },
  });
  return {
    serverUrl: `unix://${socket}`,
    dir,
    async close() {
      await servers.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

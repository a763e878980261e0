// A control server (our transport: XML-RPC and the JSON API) on a temp unix socket, backed by a small fake
// method table with N RUNNING processes: for the ctl's transport tests and its latency bench.

import { appendFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Fault } from '../../src/core/faults.js';
import type { HttpAuth } from '../../src/config/types.js';
import { startControlServers } from '../../src/rpc/http-server.js';
import type { MethodSpec } from '../../src/rpc/method-table.js';
import { tempDir } from './temp-dir.js';

export interface FakeCtlServer {
  readonly serverUrl: string;
  readonly dir: string;
  appendLog(name: string, text: string): void;
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

/** Each process `pNNN` has a stdout log `<dir>/pNNN.log` (served by /logtail when the file exists). */
/** `group`: put every process into that group (as numprocs would), else each is its own group. */
export async function startFakeCtlServer(count: number, auth: HttpAuth | null = null, group: string | null = null): Promise<FakeCtlServer> {
  const dir = tempDir('ctl-fake-');
  const listeners = new Map<string, Set<() => void>>();
  const socket = path.join(dir, 'supervisor.sock');
  const infos = fakeInfos(count).map((info) => (group === null ? info : { ...info, group }));
  const namespecOf = (info: Record<string, unknown>): string =>
    info.group === info.name ? String(info.name) : `${String(info.group)}:${String(info.name)}`;
  const methods = new Map<string, MethodSpec>([
    ['supervisor.getVersion', spec(['string'], () => '3.0')],
    ['supervisor.getSupervisorVersion', spec(['string'], () => '4.2.5')],
    ['supervisor.getAllProcessInfo', spec(['array'], () => infos)],
    ['supervisor.getProcessInfo', spec(['struct', 'string'], ([name]) => {
      const found = infos.find((i) => namespecOf(i) === name);
      if (!found) throw new Fault('BAD_NAME', String(name));
      return found;
    })],
  ]);
  const servers = await startControlServers({
    servers: [{ kind: 'unix', section: 'unix_http_server', file: socket, chmod: 0o700, chown: null, auth }],
    methods,
    logs: {
      resolve: (namespec, channel) => {
        const file = path.join(dir, `${namespec}.log`);
        return channel === 'stdout' && existsSync(file) ? file : null;
      },
      mainLogPath: () => null,
      onAppend: (file, cb) => {
        const set = listeners.get(file) ?? new Set();
        set.add(cb);
        listeners.set(file, set);
        return () => set.delete(cb);
      },
    },
    events: { subscribe: () => ({ snapshot: {}, close: () => {} }) },
    log: { warn: () => {}, crit: () => {}, info: () => {} },
  });
  return {
    serverUrl: `unix://${socket}`,
    dir,
    appendLog(name: string, text: string) {
      const file = path.join(dir, `${name}.log`);
      appendFileSync(file, text);
      for (const cb of listeners.get(file) ?? []) cb();
    },
    async close() {
      await servers.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

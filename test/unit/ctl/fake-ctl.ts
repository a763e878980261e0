// A Controller wired to a fake RPC server (method → handler) and captured stdout/stderr, for unit tests.

import { Controller, type RpcLike } from '../../../src/ctl/controller.js';
import { runLine } from '../../../src/ctl/dispatch.js';
import { parseOptions } from '../../../src/ctl/options.js';
import { Fault, type FaultName } from '../../../src/core/faults.js';
import { TransportError } from '../../../src/rpc/client.js';

export type FakeMethod = (...params: unknown[]) => unknown;

export interface FakeCtl {
  readonly ctl: Controller;
  readonly calls: Array<[string, unknown[]]>;
  stdout(): string;
  stderr(): string;
  run(line: string): Promise<{ stdout: string; exit: number }>;
}

export function fault(name: FaultName, detail?: string): Fault {
  return new Fault(name, detail);
}

export function transportError(kind: 'ENOENT' | 'ECONNREFUSED' | 'UNAUTHORIZED' | 'HTTP', status?: number): TransportError {
  return new TransportError(kind, `fake ${kind}`, status);
}

export function info(group: string, name: string, statename: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const codes: Record<string, number> = { STOPPED: 0, STARTING: 10, RUNNING: 20, BACKOFF: 30, STOPPING: 40, EXITED: 100, FATAL: 200, UNKNOWN: 1000 };
  const state = codes[statename]!;
  return { group, name, statename, state, pid: state === 20 ? 42 : 0, description: state === 20 ? 'pid 42, uptime 0:00:07' : 'Not started', ...extra };
}

export function fakeCtl(methods: Record<string, FakeMethod>, argv: string[] = ['-c', '', 'x'], input: string[] = []): FakeCtl {
  let out = '';
  let err = '';
  const calls: Array<[string, unknown[]]> = [];
  const rpc: RpcLike = {
    async call<T>(method: string, params: unknown[] = []): Promise<T> {
      calls.push([method, params]);
      const handler = methods[method] ?? (method === 'supervisor.getVersion' ? () => '3.0' : undefined);
      if (!handler) throw new Fault('UNKNOWN_METHOD');
      return (await handler(...params)) as T;
    },
    getStream: () => Promise.reject(new Error('no streams in unit tests')),
    close: () => {},
  };
  const options = parseOptions(argv, '/usr/bin/tssupervisorctl', {});
  const lines = [...input];
  const ctl = new Controller({
    options,
    rpcFactory: async () => rpc,
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    input: () => ({ question: async (prompt: string) => ((out += prompt), lines.shift() ?? null) }),
    onInterrupt: () => () => {},
  });
  return {
    ctl,
    calls,
    stdout: () => out,
    stderr: () => err,
    async run(line: string) {
      const before = out.length;
      ctl.exitStatus = 0;
      await runLine(ctl, line);
      return { stdout: out.slice(before), exit: ctl.exitStatus };
    },
  };
}

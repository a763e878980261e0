// A control server on a temp unix socket and a 127.0.0.1 port, backed by a fake method table, a
// fake log source writing to temp files and a fake event source, for transport tests.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig, HttpAuth } from '../../src/config/types.js';
import { startControlServers, type ControlServers } from '../../src/rpc/http-server.js';
import type { MethodSpec } from '../../src/rpc/method-table.js';
import { Fault } from '../../src/core/faults.js';
import { tempDir as makeTempDir } from './temp-dir.js';

export const FAKE_PID = 4242;

export function fakeProcessInfo(): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    name: 'cat', group: 'cat', start: now - 60, stop: 0, now, state: 20, statename: 'RUNNING', spawnerr: '', exitstatus: 0,
    logfile: '/tmp/cat.log', stdout_logfile: '/tmp/cat.log', stderr_logfile: '', pid: FAKE_PID, description: `pid ${FAKE_PID}, uptime 0:01:00`,
  };
}

/** `hangLog` records `<transport> called` / `<transport> aborted` for `test.hang` calls. */
export function fakeMethods(hangLog: string[] = []): Map<string, MethodSpec> {
  return new Map<string, MethodSpec>([
    ['supervisor.getVersion', { signature: ['string'], help: 'API version', call: () => '3.0' }],
    ['supervisor.getAPIVersion', { signature: ['string'], help: 'API version', call: () => '3.0' }],
    ['supervisor.getSupervisorVersion', { signature: ['string'], help: 'version', call: () => '4.2.5' }],
    ['supervisor.getState', { signature: ['struct'], help: 'state', call: () => ({ statecode: 1, statename: 'RUNNING' }) }],
    ['supervisor.getAllProcessInfo', { signature: ['array'], help: 'all info', call: () => [fakeProcessInfo()] }],
    ['supervisor.getProcessInfo', {
      signature: ['struct', 'string'],
      help: 'info',
      call: ([name]) => {
        if (name !== 'cat') throw new Fault('BAD_NAME', String(name));
        return fakeProcessInfo();
      },
    }],
    ['test.echo', { signature: [], help: 'echo', call: (params) => params[0] ?? '' }],
    ['test.progress', { signature: ['string'], help: 'a carriage return', call: () => 'progress\r50%\r\n' }],
    ['test.hang', {
      signature: [],
      help: 'answers only when the client goes away',
      call: (_params, ctx) =>
        new Promise((resolve) => {
          hangLog.push(`${ctx.transport} called`);
          ctx.signal.addEventListener('abort', () => {
            hangLog.push(`${ctx.transport} aborted`);
            resolve('too late');
          });
        }),
    }],
    ['test.crash', { signature: [], help: 'crash', call: () => { throw new Error('handler bug'); } }],
  ]);
}

export interface FakeControl {
  readonly dir: string;
  readonly socket: string;
  readonly port: number;
  readonly servers: ControlServers;
  readonly logLines: string[];
  /** `<transport> called` / `<transport> aborted` for each `test.hang` call. */
  readonly hangLog: string[];
  readonly stderrText: () => string;
  /** Path of the fake `cat` stdout log; `appendLog` writes and notifies like the daemon. */
  readonly logFile: string;
  readonly mainLog: string;
  appendLog(text: string, notify?: boolean): void;
  notify(file: string): void;
  emit(event: object): void;
  subscriberCount(): number;
  /** How many log tails currently listen for appends to `file`. */
  appendListenerCount(file: string): number;
  close(): Promise<void>;
}

export interface FakeControlOptions {
  readonly auth?: HttpAuth | null;
  readonly chmod?: number;
  readonly chown?: { readonly uid: number; readonly gid: number } | null;
  readonly dir?: string;
  readonly maxEventBacklogBytes?: number;
  readonly inetHost?: string;
}

export function tempDir(): string {
  return makeTempDir('rpc-e2e-');
}

export async function startFakeControl(opts: FakeControlOptions = {}): Promise<FakeControl> {
  const dir = opts.dir ?? tempDir();
  const socket = path.join(dir, 'supervisor.sock');
  const logFile = path.join(dir, 'cat-stdout.log');
  const mainLog = path.join(dir, 'supervisord.log');
  fs.writeFileSync(mainLog, 'main log line\n');
  const logLines: string[] = [];
  const hangLog: string[] = [];
  let stderr = '';
  const appendListeners = new Map<string, Set<() => void>>();
  const subscribers = new Set<(e: object) => void>();
  const auth = opts.auth ?? null;
  const servers: ServerConfig[] = [
    { kind: 'unix', section: 'unix_http_server', file: socket, chmod: opts.chmod ?? 0o700, chown: opts.chown ?? null, auth },
    { kind: 'inet', section: 'inet_http_server', host: opts.inetHost ?? '127.0.0.1', port: 0, auth },
  ];
  const control = await startControlServers({
    servers,
    methods: fakeMethods(hangLog),
    logs: {
      resolve: (namespec, channel) => (namespec === 'cat' || namespec === 'cat:cat') && channel === 'stdout' ? logFile : null,
      mainLogPath: () => mainLog,
      onAppend: (file, cb) => {
        const set = appendListeners.get(file) ?? new Set();
        set.add(cb);
        appendListeners.set(file, set);
        return () => set.delete(cb);
      },
    },
    events: {
      subscribe: (onEvent) => {
        subscribers.add(onEvent);
        return { snapshot: { processes: [fakeProcessInfo()] }, close: () => subscribers.delete(onEvent) };
      },
    },
    log: {
      warn: (m) => logLines.push(`WARN ${m}`),
      crit: (m) => logLines.push(`CRIT ${m}`),
      info: (m) => logLines.push(`INFO ${m}`),
    },
    stderr: (text) => {
      stderr += text;
    },
    ...(opts.maxEventBacklogBytes === undefined ? {} : { maxEventBacklogBytes: opts.maxEventBacklogBytes }),
  });
  const inet = control.endpoints.find((e) => e.kind === 'inet');
  const notify = (file: string): void => {
    for (const cb of appendListeners.get(file) ?? []) cb();
  };
  return {
    dir,
    socket,
    port: inet?.kind === 'inet' ? inet.port : 0,
    servers: control,
    logLines,
    hangLog,
    stderrText: () => stderr,
    logFile,
    mainLog,
    appendLog(text, doNotify = true) {
      fs.appendFileSync(logFile, text);
      if (doNotify) notify(logFile);
    },
    notify,
    emit(event) {
      for (const s of [...subscribers]) s(event);
    },
    subscriberCount: () => subscribers.size,
    appendListenerCount: (file) => appendListeners.get(file)?.size ?? 0,
    async close() {
      await control.close();
      if (opts.dir === undefined) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a truthy value; the error names what was awaited. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

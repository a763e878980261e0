// The conf.d/examples/wsgi-stack example rendered into a temp dir with free ports, and the tools its
// tests use on it: plain HTTP through nginx, one raw uwsgi-protocol request to a backend, wrk runs.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.js';

export type StackVariant = 'uwsgi' | 'gunicorn';

export const exampleDir = path.join(repoRoot, 'conf.d', 'examples', 'wsgi-stack');

/** What is missing to run a variant (empty when it can run). */
export function missingTools(variant: StackVariant): string[] {
  const missing: string[] = [];
  if (!existsSync('/usr/sbin/nginx')) missing.push('nginx');
  if (!existsSync('/usr/bin/wrk')) missing.push('wrk');
  if (spawnSync('/usr/bin/python3', ['-c', 'import flask'], { stdio: 'ignore' }).status !== 0) missing.push('python3-flask');
  if (variant === 'uwsgi') {
    if (!existsSync('/usr/bin/uwsgi')) missing.push('uwsgi');
    if (!existsSync('/usr/lib/uwsgi/plugins/python3_plugin.so')) missing.push('uwsgi-plugin-python3');
  } else if (!existsSync('/usr/bin/gunicorn')) missing.push('gunicorn');
  return missing;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A prefix P (3000–6499) whose ports P0, P1, P2 are free now: the example's 878 becomes P. */
export async function freePortPrefix(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const prefix = 3000 + Math.floor(Math.random() * 3500);
    const ports = [0, 1, 2].map((d) => prefix * 10 + d);
    if ((await Promise.all(ports.map(canBind))).every(Boolean)) return prefix;
  }
  throw new Error('no free port triple found');
}

export interface RenderedStack {
  readonly dir: string;
  /** The [program:x] sections, for startDaemon (its preamble replaces the example's own). */
  readonly programs: string;
  readonly nginxPort: number;
  readonly backendPorts: readonly [number, number];
}

/**
 * Copies the example's files into a fresh dir with the ports moved to `prefix`; `environment` adds
 * variables to the app pool's environment= line.
 */
export function renderStack(variant: StackVariant, prefix: number, environment = ''): RenderedStack {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tss-wsgi-${variant}-`));
  mkdirSync(path.join(dir, 'var'));
  const ports = (text: string) => text.replaceAll('127.0.0.1:878', `127.0.0.1:${prefix}`);
  copyFileSync(path.join(exampleDir, 'app.py'), path.join(dir, 'app.py'));
  const nginxConf = `nginx-${variant}.conf`;
  writeFileSync(path.join(dir, nginxConf), ports(readFileSync(path.join(exampleDir, nginxConf), 'utf8')));
  const conf = readFileSync(path.join(exampleDir, variant === 'uwsgi' ? 'supervisord.conf' : 'supervisord-gunicorn.conf'), 'utf8');
  let programs = ports(conf.slice(conf.indexOf('[program:')));
  if (environment) programs = programs.replace('environment = APP_INSTANCE="%(process_num)d"', `$&,${environment}`);
  return { dir, programs, nginxPort: prefix * 10, backendPorts: [prefix * 10 + 1, prefix * 10 + 2] };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

export function httpGet(port: number, urlPath = '/', timeoutMs = 5000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** `app 1 pid 123 master 100` → its parts (the Flask app's answer). */
export function parseAnswer(body: string): { instance: string; pid: number; master: number } | null {
  const m = /^app (\S+) pid (\d+) master (\d+)$/.exec(body.trim());
  return m ? { instance: m[1]!, pid: Number(m[2]), master: Number(m[3]) } : null;
}

/**
 * Starts a request straight to a backend and leaves it in flight (a busy worker); returns a function
 * that drops the connection. uWSGI speaks the uwsgi protocol on its socket, gunicorn HTTP.
 */
export function requestInFlight(variant: StackVariant, port: number, urlPath: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(variant === 'uwsgi' ? uwsgiPacket({ REQUEST_METHOD: 'GET', PATH_INFO: urlPath, SERVER_PROTOCOL: 'HTTP/1.1', SERVER_NAME: 'test', SERVER_PORT: String(port) }) : `GET ${urlPath} HTTP/1.1\r\nHost: test\r\n\r\n`);
      resolve(() => socket.destroy());
    });
    socket.on('error', (error) => reject(error));
  });
}

/** A uwsgi-protocol request: header (modifier1 0, little-endian size, modifier2 0), then the vars. */
function uwsgiPacket(vars: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(vars)) {
    for (const text of [key, value]) {
      const bytes = Buffer.from(text);
      const len = Buffer.alloc(2);
      len.writeUInt16LE(bytes.length);
      parts.push(len, bytes);
    }
  }
  const body = Buffer.concat(parts);
  const header = Buffer.from([0, body.length & 0xff, body.length >> 8, 0]);
  return Buffer.concat([header, body]);
}

export interface WrkResult {
  readonly requests: number;
  readonly non2xx: number;
  readonly socketErrors: { connect: number; read: number; write: number; timeout: number };
  readonly output: string;
}

export function parseWrk(output: string): WrkResult {
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const e = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = { connect: Number(e?.[1] ?? 0), read: Number(e?.[2] ?? 0), write: Number(e?.[3] ?? 0), timeout: Number(e?.[4] ?? 0) };
  return { requests, non2xx, socketErrors, output };
}

export interface WrkRun {
  readonly pid: number;
  /** Stops the load (SIGINT: wrk then prints its report) and parses the report. */
  finish(): Promise<WrkResult>;
}

/** wrk -t2 -c8 against a URL until finish() (the duration is only a ceiling). */
export async function startWrk(port: number, ceilingSeconds = 120): Promise<WrkRun> {
  // stdbuf: wrk's stdout is a pipe here, and its "Running" line must arrive before it exits.
  const args = ['-oL', '/usr/bin/wrk', '-t2', '-c8', `-d${ceilingSeconds}s`, `http://127.0.0.1:${port}/`];
  const child = spawn('/usr/bin/stdbuf', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // wrk prints its "Running" line once its threads are connected.
  const deadline = Date.now() + 10_000;
  while (!output.includes('Running') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return {
    pid: child.pid ?? 0,
    async finish() {
      if (child.exitCode === null) child.kill('SIGINT');
      const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(guard);
      return parseWrk(output);
    },
  };
}

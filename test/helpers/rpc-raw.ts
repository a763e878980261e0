// Byte-level HTTP and real external clients (curl, python3, supervisorctl) for transport tests.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export type Target = { readonly socket: string } | { readonly port: number };

function connect(target: Target): net.Socket {
  return 'socket' in target ? net.connect(target.socket) : net.connect(target.port, '127.0.0.1');
}

/** Sends raw bytes and returns everything received until the server closes (or `timeoutMs`). */
export function rawRequest(target: Target, request: string | Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(target);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    }, timeoutMs);
    sock.on('connect', () => sock.write(request));
    sock.on('data', (c: Buffer) => chunks.push(c));
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
}

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an external program to completion (bounded by timeoutMs; the child is killed by pid). */
export function runTool(file: string, args: readonly string[], timeoutMs = 15000): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

export function haveTool(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const SUPERVISORCTL = '/usr/bin/supervisorctl';
export const PYTHON = '/usr/bin/python3';
export const CURL = '/usr/bin/curl';

/** Python that talks to a unix socket through supervisor's own transport when it is installed. */
export const PYTHON_CLIENT = `
import json, sys, xmlrpc.client
from supervisor.xmlrpc import SupervisorTransport
url, user, password = sys.argv[1], (sys.argv[2] or None), (sys.argv[3] or None)
proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(user, password, url))
out = {}
out['state'] = proxy.supervisor.getState()
out['all'] = proxy.supervisor.getAllProcessInfo()
try:
    proxy.supervisor.getProcessInfo('nosuch')
except xmlrpc.client.Fault as f:
    out['fault'] = [f.faultCode, f.faultString]
out['multicall'] = proxy.system.multicall([
    {'methodName': 'supervisor.getAPIVersion', 'params': []},
    {'methodName': 'supervisor.getProcessInfo', 'params': ['nosuch']},
])
out['echo'] = proxy.test.echo('h\\u00e9llo \\u540d <&> \\r\\n')
out['progress'] = proxy.test.progress()
out['control'] = proxy.test.echo('bell\\x07')
out['methods'] = proxy.system.listMethods()
print(json.dumps(out))
`;

// A process's logs (read, tail, clear), its stdin, and sendRemoteCommEvent.

import { existsSync } from 'node:fs';
import { Fault } from '../core/faults.js';
import type { ManagedProcess } from '../daemon/managed-process.js';
import type { Channel } from '../daemon/process-logs.js';
import { assertRunning, type ControlContext } from './control-context.js';
import { faultResult, successResult, type ProcessResult } from './group-results.js';
import { readLogRange, tailLogRange, type TailResult } from './log-read.js';
import type { MethodDefs } from './process-control-methods.js';
import { allByPriority, resolveProcess } from './process-lookup.js';

const READ_HELP = (channel: Channel) =>
  `Read bytes of a process's ${channel} log.\n\n@param string name  process name or group:name\n@param int offset  where to start; negative (with length 0) = that many bytes from the end\n@param int length  how many bytes; 0 = up to the end\n@return string result  the bytes read`;

const TAIL_HELP = (channel: Channel) =>
  `Tail a process's ${channel} log: the last min(length, size) bytes when the log grew past offset.\n\n` +
  `@param string name  process name or group:name\n@param int offset  the offset returned by the previous call\n@param int length  the most bytes to return\n` +
  '@return array result  [string bytes, int offset (the log size), boolean overflow (more than length bytes were new)]';

/** Writes without waiting for a slow reader: a broken pipe shows up before the next turn of the event loop. */
function writeStdin(p: ManagedProcess, name: string, chars: string): Promise<true> {
  const stdin = p.stdin;
  if (!stdin || stdin.destroyed || !stdin.writable) return Promise.reject(new Fault('NO_FILE', name));
  return new Promise((resolve, reject) => {
    const answer = setImmediate(() => resolve(true));
    stdin.write(Buffer.from(chars, 'utf8'), (error) => {
      clearImmediate(answer);
      if (error) reject(new Fault('NO_FILE', name));
      else resolve(true);
    });
  });
}

export function processIoMethods(ctx: ControlContext): MethodDefs {
  const { supervisor } = ctx;

  const read = async (name: string, offset: number, length: number, channel: Channel): Promise<string> => {
    assertRunning(ctx);
    const path = resolveProcess(supervisor, name).logs.path(channel);
    if (path === null) throw new Fault('NO_FILE');
    if (!existsSync(path)) throw new Fault('NO_FILE', path);
    return await readLogRange(path, offset, length);
  };
  const tail = async (name: string, offset: number, length: number, channel: Channel): Promise<TailResult> => {
    assertRunning(ctx);
    const path = resolveProcess(supervisor, name).logs.path(channel);
    if (path === null || !existsSync(path)) return ['', 0, false];
    return await tailLogRange(path, offset, length);
  };
  const clear = async (name: string): Promise<true> => {
    assertRunning(ctx);
    const p = resolveProcess(supervisor, name);
    try {
      await p.logs.clear();
    } catch {
      throw new Fault('FAILED', name);
    }
    return true;
  };
  const clearAll = async (): Promise<ProcessResult[]> => {
    assertRunning(ctx);
    const results: ProcessResult[] = [];
    for (const p of allByPriority(ctx.supervisor)) {
      try {
        await p.logs.clear();
        results.push(successResult(p));
      } catch {
        results.push(faultResult(p, new Fault('FAILED', p.namespec)));
      }
    }
    return results;
  };
  const readSpec = (channel: Channel) => ({
    signature: ['string', 'string', 'int', 'int'],
    help: READ_HELP(channel),
    call: ([name, offset, length]: readonly unknown[]) => read(name as string, offset as number, length as number, channel),
  });
  const tailSpec = (channel: Channel) => ({
    signature: ['array', 'string', 'int', 'int'],
    help: TAIL_HELP(channel),
    call: ([name, offset, length]: readonly unknown[]) => tail(name as string, offset as number, length as number, channel),
  });

  return {
    readProcessStdoutLog: readSpec('stdout'),
    readProcessStderrLog: readSpec('stderr'),
    tailProcessStdoutLog: tailSpec('stdout'),
    tailProcessStderrLog: tailSpec('stderr'),
    clearProcessLogs: {
      signature: ['boolean', 'string'],
      help: "Empty a process's stdout and stderr log files (rotated backups are kept).\n\n@param string name  process name or group:name\n@return boolean result  true unless an error occurred",
      call: ([name]) => clear(name as string),
    },
    clearAllProcessLogs: {
      signature: ['array'],
      help: 'Empty the log files of every process.\n\n@return array result  one status struct per process',
      call: () => clearAll(),
    },
    sendProcessStdin: {
      signature: ['boolean', 'string', 'string'],
      help: "Write characters (UTF-8 encoded) to a running process's stdin.\n\n@param string name  process name or group:name\n@param string chars  the characters to send\n@return boolean result  true unless an error occurred",
      call: async ([name, chars]) => {
        assertRunning(ctx);
        const p = resolveProcess(supervisor, name as string);
        if (p.snapshot.pid === 0 || p.snapshot.killing) throw new Fault('NOT_RUNNING', name as string);
        return await writeStdin(p, name as string, chars as string);
      },
    },
    sendRemoteCommEvent: {
      signature: ['boolean', 'string', 'string'],
      help: 'Send a REMOTE_COMMUNICATION event to the event listeners that subscribe to it (works during shutdown too).\n\n@param string type  the "type" header of the event\n@param string data  the event body\n@return boolean result  always true',
      call: ([type, data]) => {
        ctx.bus.emit('remote-comm', { type: type as string, data: data as string });
        return true;
      },
    },
  };
}

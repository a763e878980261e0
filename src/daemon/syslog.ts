// Syslog output (`logfile=syslog`, `*_syslog=true`). Node cannot open the datagram socket /dev/log, so
// lines go through one long-lived `logger` process (util-linux), which sends one message per input line.
// Like Python's syslog.syslog() without openlog(): facility user, priority info, ident "supervisord".

import { spawnHelper, type HelperProcess } from './spawner.js';

export interface SyslogOptions {
  readonly tag?: string;
  /** Send to a remote/UDP syslog server instead of the local socket (used by the tests). */
  readonly server?: { readonly host: string; readonly port: number };
}

export class SyslogSink {
  private helper: HelperProcess | null = null;
  private broken = false;

  constructor(private readonly options: SyslogOptions = {}) {}

  /** Each line of `text` (trailing newlines dropped) becomes one message: `<prefix><line>`. */
  sendLines(text: string, prefix: string): void {
    const helper = this.start();
    if (!helper) return;
    const lines = text.replace(/\n+$/, '').split('\n');
    let payload = '';
    for (const line of lines) payload += `${prefix}${line}\n`;
    helper.stdin.write(payload);
  }

  close(): void {
    this.helper?.close();
    this.helper = null;
  }

  private start(): HelperProcess | null {
    if (this.helper || this.broken) return this.helper;
    const args = ['-t', this.options.tag ?? 'supervisord', '-p', 'user.info', '--size', '65536'];
    const server = this.options.server;
    if (server) args.push('-d', '-n', server.host, '-P', String(server.port), '--rfc3164');
    try {
      this.helper = spawnHelper('logger', args);
    } catch {
      this.broken = true; // no logger(1): syslog output is dropped, as with no syslog daemon
    }
    return this.helper;
  }
}

const shared = new Map<string, SyslogSink>();

/** One helper process per distinct target, shared by the main log and every child channel. */
export function syslogSink(options: SyslogOptions = {}): SyslogSink {
  const key = JSON.stringify(options);
  let sink = shared.get(key);
  if (!sink) shared.set(key, (sink = new SyslogSink(options)));
  return sink;
}

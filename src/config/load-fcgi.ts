// The socket of an `[fcgi-program:x]` (reference §1.14): `unix:///absolute/path` or `tcp://host:port`,
// with backlog, owner and mode; owner and mode only for unix sockets. A unix socket's owner defaults
// to the program's user (and that user's primary group) when it differs from ours.

import path from 'node:path';
import type { FcgiGroupConfig } from './types.js';
import { FCGI_OPTIONS, PROGRAM_OPTIONS } from './schema.js';
import { namesWith, scopeNames, type LoadContext } from './load-context.js';
import { lookupUid, normalizePath, primaryGid } from './convert-paths.js';
import { quote } from './convert.js';

type SocketFields = Pick<FcgiGroupConfig, 'socket' | 'socketBacklog' | 'socketOwner' | 'socketMode'>;

export function readFcgiSocket(ctx: LoadContext, section: string, programName: string): SocketFields | null {
  const { reader } = ctx;
  const pool = scopeNames(ctx, 'pool');
  let ok = true;

  const user = reader.value(section, 'user', PROGRAM_OPTIONS.user, pool);
  let procUid: number | null = null;
  if (typeof user === 'string') {
    const looked = lookupUid(reader.convertContext.users, user);
    if (looked.ok) procUid = looked.value;
    // readProcesses reports a bad user for this section.
  }
  const backlog = reader.value(section, 'socket_backlog', FCGI_OPTIONS.socket_backlog, pool);
  if (backlog === undefined) ok = false;
  else if (backlog !== null && (backlog < 1 || backlog > 65535)) {
    reader.error(section, 'socket_backlog', `invalid socket_backlog value ${backlog}: it must be between 1 and 65535`);
    ok = false;
  }
  let owner = reader.value(section, 'socket_owner', FCGI_OPTIONS.socket_owner, pool);
  let mode = reader.value(section, 'socket_mode', FCGI_OPTIONS.socket_mode, pool);
  if (owner === undefined || mode === undefined) ok = false;

  const socketNames = namesWith(ctx.fullEnv, { here: ctx.here, program_name: programName });
  const raw = reader.raw(section, 'socket');
  const socket = raw === undefined ? undefined : reader.expand(section, 'socket', raw, socketNames);
  if (raw === undefined || socket === '') {
    reader.error(section, 'socket', `[${section}] section requires a "socket" line`);
    return null;
  }
  if (socket === undefined || !ok) return null;

  if (socket.startsWith('unix://')) {
    const file = socket.slice('unix://'.length);
    if (!path.isAbsolute(file)) {
      reader.error(section, 'socket', `unix socket path ${quote(file)} is not an absolute path`);
      return null;
    }
    if (owner === null && procUid !== null && procUid !== process.getuid?.()) {
      owner = { uid: procUid, gid: primaryGid(reader.convertContext.users, procUid) ?? -1 };
    }
    mode ??= 0o700;
    return { socket: `unix://${normalizePath(file, reader.convertContext)}`, socketBacklog: backlog ?? null, socketOwner: owner ?? null, socketMode: mode };
  }
  if (owner != null || mode != null) {
    reader.error(section, owner != null ? 'socket_owner' : 'socket_mode', 'socket_owner and socket_mode params should only be used with a Unix domain socket');
    return null;
  }
  const tcp = /^tcp:\/\/([^\s:]+):(\d+)$/u.exec(socket);
  if (!tcp) {
    reader.error(section, 'socket', `bad socket format ${quote(socket)}: use unix:///absolute/path or tcp://host:port`);
    return null;
  }
  const port = Number(tcp[2]);
  if (port < 1 || port > 65535) {
    reader.error(section, 'socket', `port ${port} of ${quote(socket)} is out of range (1..65535)`);
    return null;
  }
  return { socket: `tcp://${(tcp[1] as string).toLowerCase()}:${port}`, socketBacklog: backlog ?? null, socketOwner: null, socketMode: null };
}

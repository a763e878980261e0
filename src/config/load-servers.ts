// `[inet_http_server]`, `[unix_http_server]` (reference §1.7, §1.8; any section whose name starts
// with those words counts, as in supervisord) and `[rpcinterface:x]` (§1.15).

import type { HttpAuth, RpcInterfaceConfig, ServerConfig } from './types.js';
import { INET_SERVER_OPTIONS, UNIX_SERVER_OPTIONS } from './schema.js';
import { scopeNames, type LoadContext } from './load-context.js';
import { normalizePath } from './convert-paths.js';
import { toInetAddress } from './convert.js';
import { pyStrip } from './py.js';

export const MAIN_RPC_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';
const FACTORY_KEY = 'supervisor.rpcinterface_factory';

function readAuth(ctx: LoadContext, section: string): HttpAuth | null | undefined {
  const { reader } = ctx;
  const env = scopeNames(ctx, 'env');
  const username = reader.value(section, 'username', UNIX_SERVER_OPTIONS.username, env);
  const password = reader.value(section, 'password', UNIX_SERVER_OPTIONS.password, env);
  if (username === undefined || password === undefined) return undefined;
  if (username === null && password === null) return null;
  if (username === null || password === null) {
    reader.error(section, username === null ? 'username' : 'password', `Section [${section}] contains incomplete authentication: If a username or a password is specified, both the username and password must be specified`);
    return undefined;
  }
  return { username, password };
}

export function readServers(ctx: LoadContext): ServerConfig[] {
  const { reader } = ctx;
  const servers: ServerConfig[] = [];
  const sections = reader.doc.sections();
  for (const section of sections.filter((s) => s.startsWith('inet_http_server'))) {
    const auth = readAuth(ctx, section);
    const port = reader.value(section, 'port', INET_SERVER_OPTIONS.port, scopeNames(ctx, 'env'));
    if (port === null) {
      reader.error(section, 'port', `section [${section}] has no port value`);
      continue;
    }
    if (port === undefined) continue;
    const address = toInetAddress(port);
    if (!address.ok) reader.error(section, 'port', address.message);
    else if (auth !== undefined) servers.push({ kind: 'inet', section, host: address.value.host, port: address.value.port, auth });
  }
  for (const section of sections.filter((s) => s.startsWith('unix_http_server'))) {
    const file = reader.value(section, 'file', UNIX_SERVER_OPTIONS.file, scopeNames(ctx, 'here-env'));
    if (file === null) reader.error(section, 'file', `section [${section}] has no file value`);
    const auth = readAuth(ctx, section);
    const env = scopeNames(ctx, 'env');
    const chown = reader.value(section, 'chown', UNIX_SERVER_OPTIONS.chown, env);
    const chmod = reader.value(section, 'chmod', UNIX_SERVER_OPTIONS.chmod, env);
    if (typeof file !== 'string' || auth === undefined || chown === undefined || chmod === undefined) continue;
    const absolute = normalizePath(pyStrip(file), reader.convertContext);
    servers.push({ kind: 'unix', section, file: absolute, chmod, chown, auth });
  }
  return servers;
}

export function readRpcInterfaces(ctx: LoadContext): RpcInterfaceConfig[] {
  const { reader } = ctx;
  const env = scopeNames(ctx, 'env');
  const out: RpcInterfaceConfig[] = [];
  for (const section of reader.doc.sections().filter((s) => s.startsWith('rpcinterface:'))) {
    const name = section.slice('rpcinterface:'.length);
    const raw = reader.raw(section, FACTORY_KEY);
    if (raw === undefined) {
      reader.error(section, FACTORY_KEY, `section [${section}] does not specify a ${FACTORY_KEY}`);
      continue;
    }
    const factory = reader.expand(section, FACTORY_KEY, raw, env);
    if (factory === undefined) continue;
    if (factory !== MAIN_RPC_FACTORY) {
      reader.warn(section, FACTORY_KEY, `${factory} is a Python plugin, which tssupervisor cannot load; only ${MAIN_RPC_FACTORY} is built in, so [${section}] adds nothing`);
    }
    const extra: Record<string, string> = {};
    for (const key of reader.doc.keys(section)) {
      if (key === FACTORY_KEY) continue;
      const value = reader.expand(section, key, reader.raw(section, key) ?? '', env);
      if (value !== undefined) extra[key] = value;
    }
    if (factory === MAIN_RPC_FACTORY && Object.keys(extra).length > 0) {
      reader.warn(section, null, `${Object.keys(extra).join(', ')} would be passed to ${MAIN_RPC_FACTORY}, which takes no arguments (keys of [DEFAULT] count too): supervisord 4.2.5 then stops with "Could not make supervisor rpc interface"; tssupervisor ignores them`);
    }
    out.push({ name, factory, extra });
  }
  return out;
}

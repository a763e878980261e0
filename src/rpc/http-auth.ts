// HTTP Basic authentication exactly as supervisord checks it: on every route, `{SHA}` + hex SHA-1
// passwords or cleartext, username compared exactly.
import type http from 'node:http';
import type { HttpAuth } from '../config/types.js';

/** 'ok', or the status to answer with: 401 (no/wrong credentials), 400 (undecodable header). */
export type AuthVerdict = 'ok' | 401 | 400;

/** Loaded on the first check: a daemon without auth never needs it (node:crypto is ~0.7 MiB of its RSS). */
const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto().timingSafeEqual(x, y);
}

export function passwordMatches(configured: string, supplied: string): boolean {
  if (configured.startsWith('{SHA}')) {
    const digest = crypto().createHash('sha1').update(supplied, 'utf8').digest('hex');
    return sameText(configured.slice('{SHA}'.length), digest);
  }
  return sameText(configured, supplied);
}

export function checkAuth(req: http.IncomingMessage, auth: HttpAuth | null): AuthVerdict {
  if (auth === null) return 'ok';
  const header = req.headers.authorization;
  if (header === undefined) return 401;
  const match = /^\s*basic\s+(\S*)\s*$/i.exec(header);
  if (match === null) return 401;
  const encoded = match[1] ?? '';
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length % 4 === 1) return 400;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return 401;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const userOk = sameText(auth.username, username);
  const passOk = passwordMatches(auth.password, password);
  return userOk && passOk ? 'ok' : 401;
}

/** Headers of the 401 answer; the connection is closed as supervisord does. */
export const UNAUTHORIZED_HEADERS: Readonly<Record<string, string>> = { 'WWW-Authenticate': 'Basic realm="default"' };

// How Python shows bytes, for the places where supervisord prints them: the `Undecodable: b'…'` text of
// event payloads and the `b'READY\n'` form of a listener's output in the main log.

import { isUtf8 } from 'node:buffer';

const NAMED_ESCAPES: Readonly<Record<number, string>> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r', 0x5c: '\\\\' };

/** Python's `repr(b'…')`: single quotes unless the bytes hold a `'` and no `"`. */
export function pyBytesRepr(data: Uint8Array): string {
  const hasSingle = data.includes(0x27);
  const quote = hasSingle && !data.includes(0x22) ? '"' : "'";
  let out = 'b' + quote;
  for (const byte of data) {
    const named = NAMED_ESCAPES[byte];
    if (named !== undefined) out += named;
    else if (byte === quote.charCodeAt(0)) out += '\\' + quote;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += '\\x' + byte.toString(16).padStart(2, '0');
  }
  return out + quote;
}

/** supervisord's decoding of output it puts in an event: UTF-8, else `Undecodable: <repr>`. */
export function decodeLikeSupervisord(data: Buffer): string {
  return isUtf8(data) ? data.toString('utf8') : `Undecodable: ${pyBytesRepr(data)}`;
}

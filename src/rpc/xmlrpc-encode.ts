// XML-RPC serialisation in the exact layout Python's xmlrpc.client produces (one element per line),
// so our responses are byte-for-byte what supervisord sends for the same values.

/** A value the encoder was asked to send that XML-RPC cannot carry (null, undefined, NaN, a function …). */
export class XmlRpcEncodeError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'XmlRpcEncodeError';
  }
}

export const XMLRPC_MAXINT = 2 ** 31 - 1;
export const XMLRPC_MININT = -(2 ** 31);

const HEADER = "<?xml version='1.0'?>\n";

// XML 1.0 cannot carry these at all, not even as character references, so a process log with a
// stray control byte would make supervisord emit a response no XML parser accepts. We send U+FFFD
// in their place instead. Lone surrogates are replaced for the same reason.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text content. `\r` becomes a character reference because parsers normalise a literal CR
 * to LF; the reference survives, so progress-bar output (`\r`) round-trips.
 */
export function escapeXmlText(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Integers outside XML-RPC's 32-bit `int` are clamped to its range, as supervisord does for
 * timestamps (`capped_int`): an out-of-range `<int>` breaks strict clients (Python's refuses to
 * even marshal one), while a clamped value keeps every client working.
 */
export function capInt(value: number): number {
  return Math.min(XMLRPC_MAXINT, Math.max(XMLRPC_MININT, value));
}

function encodeNumber(value: number): string {
  if (!Number.isFinite(value)) throw new XmlRpcEncodeError(`cannot encode non-finite number ${value}`);
  if (Number.isInteger(value)) return `<int>${capInt(value)}</int>`;
  return `<double>${String(value)}</double>`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `dateTime.iso8601` as Python writes it (no zone); we always send UTC. */
function encodeDate(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new XmlRpcEncodeError('cannot encode an invalid Date');
  const day = `${pad(value.getUTCFullYear(), 4)}${pad(value.getUTCMonth() + 1)}${pad(value.getUTCDate())}`;
  const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  return `<dateTime.iso8601>${day}T${time}</dateTime.iso8601>`;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeStruct(value: Record<string, unknown>, seen: Set<object>): string {
  let out = '<struct>\n';
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue; // like JSON: an absent optional field is simply not sent
    out += `<member>\n<name>${escapeXmlText(key)}</name>\n${encodeValue(member, seen)}\n</member>\n`;
  }
  return `${out}</struct>`;
}

function encodeArray(value: readonly unknown[], seen: Set<object>): string {
  let out = '<array><data>\n';
  for (const item of value) out += `${encodeValue(item, seen)}\n`;
  return `${out}</data></array>`;
}

function encodeObject(value: object, seen: Set<object>): string {
  if (value instanceof Date) return encodeDate(value);
  if (value instanceof Uint8Array) return `<base64>\n${Buffer.from(value).toString('base64')}\n</base64>`;
  if (seen.has(value)) throw new XmlRpcEncodeError('cannot encode a recursive structure');
  seen.add(value);
  try {
    if (Array.isArray(value)) return encodeArray(value, seen);
    if (isPlainObject(value)) return encodeStruct(value, seen);
  } finally {
    seen.delete(value);
  }
  throw new XmlRpcEncodeError(`cannot encode an object of type ${value.constructor.name}`);
}

function encodeInner(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return `<string>${escapeXmlText(value)}</string>`;
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return encodeNumber(Number(value < XMLRPC_MININT ? XMLRPC_MININT : value > XMLRPC_MAXINT ? XMLRPC_MAXINT : value));
    case 'boolean':
      return `<boolean>${value ? 1 : 0}</boolean>`;
    case 'object':
      if (value === null) throw new XmlRpcEncodeError('cannot encode null (XML-RPC has no nil)');
      return encodeObject(value, seen);
    default:
      throw new XmlRpcEncodeError(`cannot encode a value of type ${typeof value}`);
  }
}

/** One `<value>` element. Arrays and plain objects map to `<array>` and `<struct>`. */
export function encodeValue(value: unknown, seen: Set<object> = new Set()): string {
  return `<value>${encodeInner(value, seen)}</value>`;
}

export function encodeMethodResponse(value: unknown): string {
  return `${HEADER}<methodResponse>\n<params>\n<param>\n${encodeValue(value)}\n</param>\n</params>\n</methodResponse>\n`;
}

export function encodeFault(code: number, faultString: string): string {
  const struct = encodeValue({ faultCode: code, faultString });
  return `${HEADER}<methodResponse>\n<fault>\n${struct}\n</fault>\n</methodResponse>\n`;
}

export function encodeMethodCall(method: string, params: readonly unknown[]): string {
  let out = `${HEADER}<methodCall>\n<methodName>${escapeXmlText(method)}</methodName>\n<params>\n`;
  for (const param of params) out += `<param>\n${encodeValue(param)}\n</param>\n`;
  return `${out}</params>\n</methodCall>\n`;
}

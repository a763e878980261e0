// XML-RPC parsing on top of fast-xml-parser's ordered tree. Accepts what supervisord's own
// unmarshaller accepts (int, i4, boolean, string, double, dateTime.iso8601, base64, array, struct,
// untyped `<value>text</value>`, optional `<params>`) and rejects everything else as unmarshallable.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlRpcDecodeReason = 'unmarshallable' | 'no method name';

/** The body is not a well-formed XML-RPC document (HTTP 400 on the server side). */
export class XmlRpcDecodeError extends Error {
  readonly reason: XmlRpcDecodeReason;

  constructor(reason: XmlRpcDecodeReason, detail: string) {
    super(`XML-RPC data is invalid: ${reason} (${detail})`);
    this.name = 'XmlRpcDecodeError';
    this.reason = reason;
  }
}

type XNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true, // keeps array order and lets us tell `<value>text</value>` from typed values
  trimValues: false, // string values keep their whitespace
  parseTagValue: false, // we convert per XML-RPC type, never by guessing
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: true, // needed for numeric character references (&#13;); HTML names come along, harmlessly
  maxNestedTags: 512,
});

function fail(detail: string): never {
  throw new XmlRpcDecodeError('unmarshallable', detail);
}

function tagOf(node: XNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return fail('empty node');
}

function childrenOf(node: XNode): XNode[] {
  const children = node[tagOf(node)];
  return Array.isArray(children) ? (children as XNode[]) : [];
}

function elementsOf(nodes: readonly XNode[]): XNode[] {
  return nodes.filter((n) => tagOf(n) !== '#text');
}

function textOf(nodes: readonly XNode[]): string {
  let text = '';
  for (const n of nodes) if (tagOf(n) === '#text') text += String(n['#text']);
  return text;
}

function only(nodes: readonly XNode[], tag: string): XNode {
  const elements = elementsOf(nodes);
  const [first] = elements;
  if (elements.length !== 1 || first === undefined || tagOf(first) !== tag) fail(`expected one <${tag}>`);
  return first;
}

function decodeInt(text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) fail(`bad int ${JSON.stringify(text)}`);
  return Number.parseInt(text, 10);
}

function decodeBoolean(text: string): boolean {
  const t = text.trim();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return fail(`bad boolean ${JSON.stringify(text)}`);
}

function decodeDouble(text: string): number {
  const t = text.trim();
  const value = Number(t);
  if (t === '' || (Number.isNaN(value) && t.toLowerCase() !== 'nan')) fail(`bad double ${JSON.stringify(text)}`);
  return value;
}

/** Read as UTC; Python sends naive `YYYYMMDDTHH:MM:SS` (dashes tolerated). */
function decodeDate(text: string): Date {
  const m = /^\s*(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})\s*$/.exec(text);
  if (m === null) return fail(`bad dateTime.iso8601 ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function decodeBase64(text: string): string {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) fail('bad base64');
  return Buffer.from(compact, 'base64').toString('utf8');
}

function decodeStruct(members: readonly XNode[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of elementsOf(members)) {
    if (tagOf(member) !== 'member') fail('struct holds something other than <member>');
    const parts = elementsOf(childrenOf(member));
    const name = parts.find((p) => tagOf(p) === 'name');
    const value = parts.find((p) => tagOf(p) === 'value');
    if (value === undefined) fail('struct member without <value>');
    const key = name === undefined ? '' : textOf(childrenOf(name));
    // defineProperty: a member called __proto__ must become data, not the object's prototype
    Object.defineProperty(out, key, { value: decodeValue(value), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function decodeArray(content: readonly XNode[]): unknown[] {
  const data = only(content, 'data');
  return elementsOf(childrenOf(data)).map((v) => {
    if (tagOf(v) !== 'value') fail('array data holds something other than <value>');
    return decodeValue(v);
  });
}

function decodeTyped(typed: XNode): unknown {
  const content = childrenOf(typed);
  const tag = tagOf(typed);
  switch (tag) {
    case 'int':
    case 'i4':
      return decodeInt(textOf(content));
    case 'boolean':
      return decodeBoolean(textOf(content));
    case 'string':
      return textOf(content);
    case 'double':
      return decodeDouble(textOf(content));
    case 'dateTime.iso8601':
      return decodeDate(textOf(content));
    case 'base64':
      return decodeBase64(textOf(content));
    case 'array':
      return decodeArray(content);
    case 'struct':
      return decodeStruct(content);
    default:
      return fail(`unsupported value type <${tag}>`);
  }
}

/** A `<value>` node: its single typed child, or its text when untyped. */
function decodeValue(value: XNode): unknown {
  const content = childrenOf(value);
  const typed = elementsOf(content);
  if (typed.length === 0) return textOf(content);
  const [first] = typed;
  if (typed.length > 1 || first === undefined) return fail('<value> with more than one child');
  return decodeTyped(first);
}

/** The document's single root element, after checking well-formedness. */
function parseRoot(body: string, rootTag: string): XNode {
  // XML-RPC never needs a DTD, and internal entities are how expansion bombs get in.
  if (/<!DOCTYPE/i.test(body)) fail('DOCTYPE not allowed');
  const valid = XMLValidator.validate(body);
  if (valid !== true) fail(`${valid.err.msg} at line ${valid.err.line}`);
  let tree: unknown;
  try {
    tree = parser.parse(body);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (!Array.isArray(tree)) return fail('no document');
  const roots = elementsOf(tree as XNode[]);
  return only(roots, rootTag);
}

export function decodeMethodCall(body: string): { method: string; params: unknown[] } {
  const call = childrenOf(parseRoot(body, 'methodCall'));
  const elements = elementsOf(call);
  const paramsNode = elements.find((e) => tagOf(e) === 'params');
  const params =
    paramsNode === undefined
      ? []
      : elementsOf(childrenOf(paramsNode)).map((param) => {
          if (tagOf(param) !== 'param') fail('params holds something other than <param>');
          return decodeValue(only(childrenOf(param), 'value'));
        });
  const nameNode = elements.find((e) => tagOf(e) === 'methodName');
  const method = nameNode === undefined ? '' : textOf(childrenOf(nameNode));
  if (method === '') throw new XmlRpcDecodeError('no method name', 'missing or empty <methodName>');
  return { method, params };
}

export type DecodedResponse =
  | { ok: true; value: unknown }
  | { ok: false; faultCode: number; faultString: string };

export function decodeMethodResponse(body: string): DecodedResponse {
  const response = childrenOf(parseRoot(body, 'methodResponse'));
  const [outcome] = elementsOf(response);
  if (outcome === undefined) return fail('empty methodResponse');
  if (tagOf(outcome) === 'fault') {
    const fault = decodeValue(only(childrenOf(outcome), 'value'));
    if (typeof fault !== 'object' || fault === null) return fail('fault is not a struct');
    const { faultCode, faultString } = fault as Record<string, unknown>;
    if (typeof faultCode !== 'number') return fail('fault without an int faultCode');
    return { ok: false, faultCode, faultString: typeof faultString === 'string' ? faultString : '' };
  }
  if (tagOf(outcome) !== 'params') return fail(`unexpected <${tagOf(outcome)}>`);
  const param = only(childrenOf(outcome), 'param');
  return { ok: true, value: decodeValue(only(childrenOf(param), 'value')) };
}

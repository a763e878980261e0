// The contract between the transports (XML-RPC, JSON) and the method handlers, and the one place
// that turns a method name into a handler: an explicit table lookup, never a property walk.
import { Fault } from '../core/faults.js';

export interface CallContext {
  readonly transport: 'xmlrpc' | 'json';
  /** Aborted when the client goes away before the answer is ready (long waits can stop early). */
  readonly signal: AbortSignal;
}

export interface MethodSpec {
  /**
   * supervisord's signature: return type, then parameter types (`['boolean', 'string', 'boolean']`).
   * Parameters are checked against it before `call` runs: `string`, `int`, `double`, `boolean`,
   * `array` and `struct` must match (a `boolean` also accepts the integers 0/1 and receives them
   * as false/true, as Python's truthiness would); any other type name is not checked.
   */
  readonly signature: readonly string[];
  /** How many parameters are required; trailing ones with defaults (startProcess wait=true) are optional. */
  readonly minParams?: number;
  readonly help: string;
  readonly call: (params: readonly unknown[], ctx: CallContext) => unknown;
}

/** Keys are full names, `supervisor.getState`, `system.listMethods`, … */
export type MethodTable = ReadonlyMap<string, MethodSpec>;

export type DispatchOutcome =
  | { readonly kind: 'result'; readonly value: unknown }
  | { readonly kind: 'fault'; readonly fault: Fault }
  /** A handler failed unexpectedly: XML-RPC answers HTTP 500, JSON `{error}`; the server logs it. */
  | { readonly kind: 'error'; readonly error: unknown };

/**
 * supervisord's resolution rules (CVE-2017-11610): exactly `namespace.method`, no leading `_`,
 * a namespace that exists and a method in it; anything else is UNKNOWN_METHOD.
 */
export function resolveMethod(table: MethodTable, name: string): MethodSpec {
  const parts = name.split('.');
  const [namespace, method] = parts;
  if (parts.length !== 2 || namespace === undefined || method === undefined) throw new Fault('UNKNOWN_METHOD');
  if (method.startsWith('_')) throw new Fault('UNKNOWN_METHOD');
  if (![...table.keys()].some((key) => key.startsWith(`${namespace}.`))) throw new Fault('UNKNOWN_METHOD');
  const spec = table.get(name);
  if (spec === undefined) throw new Fault('UNKNOWN_METHOD');
  return spec;
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkParam(type: string | undefined, value: unknown): unknown {
  const ok = (test: boolean): unknown => {
    if (!test) throw new Fault('INCORRECT_PARAMETERS');
    return value;
  };
  switch (type) {
    case 'string':
      return ok(typeof value === 'string');
    case 'int':
      return ok(Number.isInteger(value));
    case 'double':
      return ok(typeof value === 'number');
    case 'boolean':
      if (value === 0 || value === 1) return value === 1;
      return ok(typeof value === 'boolean');
    case 'array':
      return ok(Array.isArray(value));
    case 'struct':
      return ok(isPlainObject(value));
    default:
      return value;
  }
}

/** Arity and types against the signature; wrong ones are INCORRECT_PARAMETERS, as in supervisord. */
export function checkParams(spec: MethodSpec, params: readonly unknown[]): unknown[] {
  if (spec.signature.length === 0) return [...params]; // no signature: the handler checks for itself
  const max = spec.signature.length - 1;
  const min = spec.minParams ?? max;
  if (params.length < min || params.length > max) throw new Fault('INCORRECT_PARAMETERS');
  return params.map((value, i) => checkParam(spec.signature[i + 1], value));
}

/** Resolve, check and run; throws Fault for the caller's mistakes and whatever the handler threw. */
export async function invoke(table: MethodTable, name: string, params: readonly unknown[], ctx: CallContext): Promise<unknown> {
  const spec = resolveMethod(table, name);
  const checked = checkParams(spec, params);
  return await spec.call(checked, ctx);
}

export async function dispatch(table: MethodTable, name: string, params: readonly unknown[], ctx: CallContext): Promise<DispatchOutcome> {
  try {
    return { kind: 'result', value: await invoke(table, name, params, ctx) };
  } catch (err) {
    if (err instanceof Fault) return { kind: 'fault', fault: err };
    return { kind: 'error', error: err };
  }
}

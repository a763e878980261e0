// The `system.*` namespace supervisord serves next to `supervisor.*`: introspection and multicall.
import { Fault } from '../core/faults.js';
import { invoke, type CallContext, type MethodSpec, type MethodTable } from './method-table.js';

/** One entry of a multicall result when that call failed (a struct, never an HTTP error). */
interface FaultStruct {
  readonly faultCode: number;
  readonly faultString: string;
}

function faultStruct(fault: Fault): FaultStruct {
  return { faultCode: fault.code, faultString: fault.faultString };
}

/** Non-Fault failures inside a multicall become FAILED entries, as in supervisord. */
function failedStruct(err: unknown): FaultStruct {
  const detail = err instanceof Error ? `${err.name}:${err.message}` : String(err);
  return { faultCode: new Fault('FAILED').code, faultString: `FAILED: ${detail}` };
}

function isStruct(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs each call in order, awaiting one before starting the next (a `startProcess` with wait
 * finishes before the following `stopProcess` begins). Results are the bare values, not the
 * one-element arrays of the common multicall convention: supervisorctl depends on that.
 */
async function multicall(table: MethodTable, calls: readonly unknown[], ctx: CallContext): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const call of calls) {
    try {
      if (!isStruct(call)) throw new Fault('INCORRECT_PARAMETERS', 'call is not a struct');
      const { methodName, params = [] } = call;
      if (methodName === undefined) throw new Fault('INCORRECT_PARAMETERS', 'No methodName');
      if (methodName === 'system.multicall') throw new Fault('INCORRECT_PARAMETERS', 'Recursive system.multicall forbidden');
      if (typeof methodName !== 'string') throw new Fault('UNKNOWN_METHOD');
      if (!Array.isArray(params)) throw new Fault('INCORRECT_PARAMETERS', 'params is not an array');
      results.push(await invoke(table, methodName, params, ctx));
    } catch (err) {
      results.push(err instanceof Fault ? faultStruct(err) : failedStruct(err));
    }
  }
  return results;
}

function lookup(table: MethodTable, name: unknown): MethodSpec {
  const spec = typeof name === 'string' ? table.get(name) : undefined;
  if (spec === undefined) throw new Fault('SIGNATURE_UNSUPPORTED');
  return spec;
}

/**
 * The four `system.*` methods, answering about `table` plus themselves. Merge the result into
 * the table you serve (or use `withSystemMethods`).
 */
export function systemMethods(table: MethodTable): MethodTable {
  const system = new Map<string, MethodSpec>();
  const all = (): MethodTable => new Map([...table, ...system]);
  system.set('system.listMethods', {
    signature: ['array'],
    help: 'Return an array listing the available method names.\n\n@return array result  An array of method names available (strings).',
    call: () => [...all().keys()].sort(),
  });
  system.set('system.methodHelp', {
    signature: ['string', 'string'],
    help: "Return a string showing the method's documentation.\n\n@param string name  The name of the method.\n@return string result  The documentation for the method name.",
    call: ([name]) => lookup(all(), name).help,
  });
  system.set('system.methodSignature', {
    signature: ['array', 'string'],
    help: 'Return an array describing the method signature in the form [rtype, ptype, ptype...].\n\n@param string name  The name of the method.\n@return array result  The result.',
    call: ([name]) => {
      const { signature } = lookup(all(), name);
      if (signature.length === 0) throw new Fault('SIGNATURE_UNSUPPORTED');
      return [...signature];
    },
  });
  system.set('system.multicall', {
    signature: ['array', 'array'],
    help: "Process an array of calls in order and return an array of results. Calls are structs\n{'methodName': string, 'params': array}; each result is the call's return value, or a\nstruct {'faultCode': int, 'faultString': string} when it failed.\n\n@param array calls  An array of call requests\n@return array result  An array of results",
    call: ([calls], ctx) => multicall(all(), calls as unknown[], ctx),
  });
  return system;
}

/** `table` with the `system.*` namespace added. */
export function withSystemMethods(table: MethodTable): MethodTable {
  return new Map([...table, ...systemMethods(table)]);
}

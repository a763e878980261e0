// What every command works with: the settings, one lazily opened RPC connection, stdout, the exit status
// (last error wins, as in supervisorctl) and supervisorctl's connection check ("upcheck").

import type { Readable } from 'node:stream';
import { Fault, FaultCodes } from '../core/faults.js';
import { ExitCodes, exitStatusForFault } from './exit-codes.js';
import { HELP_TEXTS } from './help-texts.js';
import type { CtlOptions } from './options.js';
import { PyError, isFault, isTransportError } from './py-text.js';

/** The part of src/rpc/client.ts the ctl uses (structural, so tests can pass a fake). */
export interface RpcLike {
  call<T = unknown>(method: string, params?: unknown[]): Promise<T>;
  getStream(path: string): Promise<{ status: number; stream: Readable }>;
  close(): void;
}

export interface RpcSettings {
  readonly serverUrl: string;
  readonly username: string | null;
  readonly password: string | null;
}

export type RpcFactory = (settings: RpcSettings) => Promise<RpcLike>;

/** Where confirmation prompts, credentials and `fg` input come from. */
export interface LineInput {
  /** Shows the prompt and reads one line (without the newline); null at end of input. */
  question(prompt: string, opts?: { readonly hidden?: boolean }): Promise<string | null>;
}

export interface Writable {
  write(text: string): unknown;
}

export interface ControllerDeps {
  readonly options: CtlOptions;
  readonly rpcFactory: RpcFactory;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly input: () => LineInput;
  /** Registers what Ctrl-C does while a streaming command runs; returns the unregister function. */
  readonly onInterrupt: (handler: () => void) => () => void;
}

export const API_VERSION = '3.0';

export class Controller {
  exitStatus: number = ExitCodes.SUCCESS;
  readonly options: CtlOptions;
  private rpcPromise: Promise<RpcLike> | null = null;

  constructor(private readonly deps: ControllerDeps) {
    this.options = deps.options;
  }

  /** One line on stdout (supervisorctl's `output`). */
  output(message: string): void {
    this.deps.stdout.write(`${message}\n`);
  }

  /** Raw text on stdout (log data streamed by tail -f / fg). */
  write(text: string): void {
    this.deps.stdout.write(text);
  }

  /** Our own diagnostics go to stderr so that stdout stays byte-identical with supervisorctl's. */
  warn(message: string): void {
    this.deps.stderr.write(`${message}\n`);
  }

  get input(): LineInput {
    return this.deps.input();
  }

  onInterrupt(handler: () => void): () => void {
    return this.deps.onInterrupt(handler);
  }

  printHelp(action: string): void {
    for (const line of Object.hasOwn(HELP_TEXTS, action) ? HELP_TEXTS[action]! : []) this.output(line);
  }

  /** Apply a per-process result code the way supervisorctl's set_exitstatus_from_xmlrpc_fault does. */
  setExitStatusFromFault(code: number, ignored?: number): void {
    const status = exitStatusForFault(code, ignored);
    if (status !== null) this.exitStatus = status;
  }

  rpc(): Promise<RpcLike> {
    if (!this.rpcPromise) {
      const { serverUrl, username, password } = this.options;
      if (!serverUrl.startsWith('http://') && !serverUrl.startsWith('unix://')) {
        return Promise.reject(new PyError('ValueError', `Unknown protocol for serverurl ${serverUrl}`));
      }
      this.rpcPromise = this.deps.rpcFactory({ serverUrl, username, password });
      // A failed factory must not poison later attempts (e.g. after `open`).
      this.rpcPromise.catch(() => (this.rpcPromise = null));
    }
    return this.rpcPromise;
  }

  async call<T = unknown>(method: string, ...params: unknown[]): Promise<T> {
    const rpc = await this.rpc();
    return rpc.call<T>(method, params);
  }

  /** Switch server or credentials (`open`, the interactive 401 prompt): the next call reconnects. */
  async reconnect(changes: Partial<RpcSettings>): Promise<void> {
    const old = this.rpcPromise;
    this.rpcPromise = null;
    if (changes.serverUrl !== undefined) this.options.serverUrl = changes.serverUrl;
    if (changes.username !== undefined) this.options.username = changes.username;
    if (changes.password !== undefined) this.options.password = changes.password;
    if (old) (await old.catch(() => null))?.close();
  }

  async close(): Promise<void> {
    const rpc = this.rpcPromise;
    this.rpcPromise = null;
    if (rpc) (await rpc.catch(() => null))?.close();
  }

  /** supervisorctl's upcheck: is the server there and does it speak API 3.0? Prints why not. */
  async upcheck(): Promise<boolean> {
    let api: unknown;
    try {
      api = await this.call<unknown>('supervisor.getVersion');
    } catch (err) {
      return this.upcheckFailed(err);
    }
    return this.versionAccepted(api);
  }

  /**
   * `upcheck()` and then `call(method)` (no parameters), in one request: a system.multicall of both. Answers,
   * prints and sets the exit status exactly as the two requests would; UPCHECK_FAILED when the upcheck said no.
   * A server that does not take the multicall as expected gets the two requests.
   */
  async upcheckThenCall<T>(method: string): Promise<T | typeof UPCHECK_FAILED> {
    const twoRequests = async (): Promise<T | typeof UPCHECK_FAILED> => ((await this.upcheck()) ? this.call<T>(method) : UPCHECK_FAILED);
    let results: unknown;
    try {
      results = await this.call<unknown>('system.multicall', [
        { methodName: 'supervisor.getVersion', params: [] },
        { methodName: method, params: [] },
      ]);
    } catch (err) {
      if (isFault(err) || (isTransportError(err) && err.kind === 'HTTP')) return twoRequests();
      await this.upcheckFailed(err);
      return UPCHECK_FAILED;
    }
    if (!Array.isArray(results) || results.length !== 2) return twoRequests();
    const [api, value] = results as [unknown, unknown];
    if (isFaultStruct(api)) {
      await this.upcheckFailed(Fault.fromWire(api.faultCode, api.faultString));
      return UPCHECK_FAILED;
    }
    if (!this.versionAccepted(api)) return UPCHECK_FAILED;
    if (isFaultStruct(value)) throw Fault.fromWire(value.faultCode, value.faultString);
    return value as T;
  }

  private versionAccepted(api: unknown): boolean {
    if (api === API_VERSION) return true;
    this.output(
      `Sorry, this version of supervisorctl expects to talk to a server with API version ${API_VERSION}, but the remote version is ${String(api)}.`,
    );
    this.exitStatus = ExitCodes.NOT_INSTALLED;
    return false;
  }

  /** What the upcheck makes of a failed getVersion: false after a message, or the error rethrown. */
  private async upcheckFailed(err: unknown): Promise<false> {
    if (isFault(err)) {
      if (err.code === FaultCodes.UNKNOWN_METHOD) {
        this.output(
          'Sorry, supervisord responded but did not recognize the supervisor namespace commands that supervisorctl uses to control it.  Please check that the [rpcinterface:supervisor] section is enabled in the configuration file (see sample.conf).',
        );
        this.exitStatus = ExitCodes.UNIMPLEMENTED_FEATURE;
        return false;
      }
      this.exitStatus = ExitCodes.GENERIC;
      throw err;
    }
    if (isTransportError(err) && (err.kind === 'ECONNREFUSED' || err.kind === 'ENOENT')) {
      const refused = err.kind === 'ECONNREFUSED';
      this.output(`${this.options.serverUrl} ${refused ? 'refused connection' : 'no such file'}`);
      this.exitStatus = refused ? ExitCodes.INSUFFICIENT_PRIVILEGES : ExitCodes.NOT_RUNNING;
      const { connectionHint } = await import('./connection-hint.js');
      this.warn(connectionHint(this.options, err.kind));
      return false;
    }
    if (isTransportError(err) && err.kind !== 'UNAUTHORIZED' && err.kind !== 'HTTP') {
      this.exitStatus = ExitCodes.GENERIC;
    }
    throw err;
  }
}

/** What upcheckThenCall answers when the upcheck failed (it has printed why). */
export const UPCHECK_FAILED = Symbol('upcheck failed');

interface FaultStruct {
  readonly faultCode: number;
  readonly faultString: string;
}

/** A failed call inside a multicall answer. */
function isFaultStruct(value: unknown): value is FaultStruct {
  return typeof value === 'object' && value !== null && typeof (value as Partial<FaultStruct>).faultCode === 'number';
}

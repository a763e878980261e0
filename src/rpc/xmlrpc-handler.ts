// `POST /RPC2`: supervisord's XML-RPC endpoint on top of the shared method table.
import type http from 'node:http';
import { BodyError, readRequestBody, sendError, type ControlLog } from './http-util.js';
import { dispatch, type MethodTable } from './method-table.js';
import { encodeFault, encodeMethodResponse } from './xmlrpc-encode.js';

// The decoder (and fast-xml-parser under it) is loaded with the first request: a daemon nobody talks to
// does not carry it (~1 MiB of heap, more in touched code).
let decoder: Promise<typeof import('./xmlrpc-decode.js')> | null = null;
const loadDecoder = () => (decoder ??= import('./xmlrpc-decode.js'));

function sendXml(res: http.ServerResponse, body: string): void {
  if (res.destroyed) return;
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': bytes.length });
  res.end(bytes);
}

/** Quoted and shortened, for log lines about bad requests (the body is attacker-controlled). */
function excerpt(body: string): string {
  return JSON.stringify(body.length > 200 ? `${body.slice(0, 200)}…` : body);
}

export async function handleXmlRpc(req: http.IncomingMessage, res: http.ServerResponse, methods: MethodTable, log: ControlLog): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 400, { close: true });
  let text: string;
  try {
    text = (await readRequestBody(req, { requireLength: true })).toString('utf8');
  } catch (err) {
    return sendError(res, err instanceof BodyError ? err.status : 400, { close: true });
  }
  const { XmlRpcDecodeError, decodeMethodCall } = await loadDecoder();
  let call: { method: string; params: unknown[] };
  try {
    call = decodeMethodCall(text);
  } catch (err) {
    const reason = err instanceof XmlRpcDecodeError ? err.reason : 'unmarshallable';
    log.warn(`XML-RPC request data ${excerpt(text)} is invalid: ${reason}`);
    return sendError(res, 400);
  }
  log.trace?.(`XML-RPC method called: ${call.method}()`);
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort(); // the client left before the answer
  });
  const outcome = await dispatch(methods, call.method, call.params, { transport: 'xmlrpc', signal: aborter.signal });
  try {
    if (outcome.kind === 'result') {
      sendXml(res, encodeMethodResponse(outcome.value));
      log.trace?.(`XML-RPC method ${call.method}() returned successfully`);
      return;
    }
    if (outcome.kind === 'fault') {
      log.trace?.(`XML-RPC method ${call.method}() returned fault: [${outcome.fault.code}] ${outcome.fault.faultString}`);
      sendXml(res, encodeFault(outcome.fault.code, outcome.fault.faultString));
      return;
    }
    throw outcome.error;
  } catch (err) {
    // A handler bug or an unencodable result: supervisord answers 500 and logs CRIT.
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log.crit(`Handling XML-RPC request with data ${excerpt(text)} raised an unexpected exception: ${detail}`);
    sendError(res, 500);
  }
}

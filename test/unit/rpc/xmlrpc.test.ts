import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  XmlRpcDecodeError,
  XmlRpcEncodeError,
  decodeMethodCall,
  decodeMethodResponse,
  encodeFault,
  encodeMethodCall,
  encodeMethodResponse,
} from '../../../src/rpc/xmlrpc.js';
import * as cap from './captured-payloads.js';

const processInfo = {
  name: 'héllo',
  group: 'héllo',
  start: 1795289512,
  stop: 0,
  now: 1795289522,
  state: 20,
  statename: 'RUNNING',
  spawnerr: '',
  exitstatus: 0,
  logfile: '/tmp/rpc-oracle/héllo-stdout---oracle-05tskolk.log',
  stdout_logfile: '/tmp/rpc-oracle/héllo-stdout---oracle-05tskolk.log',
  stderr_logfile: '/tmp/rpc-oracle/héllo-stderr---oracle-5zeiebtt.log',
  pid: 9595,
  description: 'pid 9595, uptime 0:00:10',
};

test('responses are byte-identical to what supervisord sends', () => {
  assert.equal(encodeMethodResponse({ statecode: 1, statename: 'RUNNING' }), cap.getStateResponse);
  assert.equal(encodeMethodResponse(processInfo), cap.getInfoUniResponse);
  assert.equal(encodeMethodResponse(['boolean', 'string', 'boolean']), cap.methodSignatureResponse);
  assert.equal(encodeMethodResponse(['a <b> & ü€\nline2\n', 20, false]), cap.tail2Response);
  assert.equal(encodeFault(10, 'BAD_NAME: nosuch'), cap.badNameResponse);
  assert.equal(encodeFault(2, 'INCORRECT_PARAMETERS'), cap.incorrectParamsResponse);
  const multicall = [
    '3.0',
    { faultCode: 10, faultString: 'BAD_NAME: nosuch' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: Recursive system.multicall forbidden' },
    { faultCode: 2, faultString: 'INCORRECT_PARAMETERS: No methodName' },
    9592,
  ];
  assert.equal(encodeMethodResponse(multicall), cap.multicallResponse);
});

test('method calls are byte-identical to what Python xmlrpc.client sends', () => {
  assert.equal(encodeMethodCall('supervisor.startProcess', ['cat', true]), cap.pythonStartProcessCall);
  assert.equal(encodeMethodCall('supervisor.getState', []), cap.pythonNoParamsCall);
  const calls = [
    { methodName: 'supervisor.getState', params: [] },
    { methodName: 'supervisor.getProcessInfo', params: ['héllo'] },
  ];
  assert.equal(encodeMethodCall('system.multicall', [calls]), cap.pythonMulticallCall);
});

test('decodes supervisord responses and faults', () => {
  assert.deepEqual(decodeMethodResponse(cap.getStateResponse), { ok: true, value: { statecode: 1, statename: 'RUNNING' } });
  assert.deepEqual(decodeMethodResponse(cap.getInfoUniResponse), { ok: true, value: processInfo });
  assert.deepEqual(decodeMethodResponse(cap.badNameResponse), { ok: false, faultCode: 10, faultString: 'BAD_NAME: nosuch' });
  assert.deepEqual(decodeMethodResponse(cap.threeSegResponse), { ok: false, faultCode: 1, faultString: 'UNKNOWN_METHOD' });
  const multi = decodeMethodResponse(cap.multicallResponse);
  assert.ok(multi.ok);
  assert.deepEqual((multi.value as unknown[])[4], 9592);
  assert.deepEqual(decodeMethodResponse(cap.tail2Response), { ok: true, value: ['a <b> & ü€\nline2\n', 20, false] });
});

test('decodes Python requests: every supervisord value type', () => {
  assert.deepEqual(decodeMethodCall(cap.pythonStartProcessCall), { method: 'supervisor.startProcess', params: ['cat', true] });
  assert.deepEqual(decodeMethodCall(cap.pythonNoParamsCall), { method: 'supervisor.getState', params: [] });
  assert.deepEqual(decodeMethodCall(cap.pythonMulticallCall).params, [
    [
      { methodName: 'supervisor.getState', params: [] },
      { methodName: 'supervisor.getProcessInfo', params: ['héllo'] },
    ],
  ]);
  const mixed = decodeMethodCall(cap.pythonMixedCall);
  assert.equal(mixed.method, 'x.y');
  assert.deepEqual(mixed.params, [1.5, -7, 'hié', new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'a<&>"\'', [], {}]);
});

test('untyped values are strings, <params> is optional, i4 is int', () => {
  const body =
    '<?xml version="1.0"?><methodCall><methodName>a.b</methodName><params>' +
    '<param><value>  plain text </value></param><param><value/></param>' +
    '<param><value><i4> 42 </i4></value></param><param><value><string/></value></param>' +
    '</params></methodCall>';
  assert.deepEqual(decodeMethodCall(body), { method: 'a.b', params: ['  plain text ', '', 42, ''] });
  assert.deepEqual(decodeMethodCall('<methodCall><methodName>a.b</methodName></methodCall>'), { method: 'a.b', params: [] });
});

test('unicode, markup characters and CR round-trip through encode and decode', () => {
  const values = ['naïve 名前 😀', '<&>"\'', 'progress\r50%\r\n', { 'ключ': ['ü', 1, -2.5, true] }];
  const back = decodeMethodCall(encodeMethodCall('x.y', values));
  assert.deepEqual(back.params, values);
  const response = decodeMethodResponse(encodeMethodResponse(values));
  assert.deepEqual(response, { ok: true, value: values });
});

test('numbers: integers are <int>, others <double>, out-of-range ints are clamped to 32 bits', () => {
  assert.match(encodeMethodResponse(7), /<int>7<\/int>/);
  assert.match(encodeMethodResponse(-0.25), /<double>-0.25<\/double>/);
  assert.match(encodeMethodResponse(2 ** 40), /<int>2147483647<\/int>/);
  assert.match(encodeMethodResponse(-(2 ** 40)), /<int>-2147483648<\/int>/);
  assert.match(encodeMethodResponse(10n ** 20n), /<int>2147483647<\/int>/);
  assert.throws(() => encodeMethodResponse(Number.NaN), XmlRpcEncodeError);
});

test('characters XML cannot carry become U+FFFD so the document stays parseable', () => {
  const body = encodeMethodResponse('color \u001b[31mred\u0000 \uD800 end');
  assert.deepEqual(decodeMethodResponse(body), { ok: true, value: 'color \uFFFD[31mred\uFFFD \uFFFD end' });
});

test('values XML-RPC cannot express are refused, absent struct members are skipped', () => {
  assert.throws(() => encodeMethodResponse(null), XmlRpcEncodeError);
  assert.throws(() => encodeMethodResponse(undefined), XmlRpcEncodeError);
  assert.throws(() => encodeMethodResponse(new Map()), XmlRpcEncodeError);
  const loop: unknown[] = [];
  loop.push(loop);
  assert.throws(() => encodeMethodResponse(loop), /recursive/);
  assert.equal(encodeMethodResponse({ a: 1, b: undefined }), encodeMethodResponse({ a: 1 }));
  assert.match(encodeMethodResponse(Buffer.from('hi')), /<base64>\naGk=\n<\/base64>/);
});

function decodeError(body: string): XmlRpcDecodeError {
  try {
    decodeMethodCall(body);
  } catch (err) {
    assert.ok(err instanceof XmlRpcDecodeError, String(err));
    return err;
  }
  assert.fail('expected a decode error');
}

test('unparseable bodies and missing method names are typed errors', () => {
  assert.equal(decodeError('this is not xml').reason, 'unmarshallable');
  assert.equal(decodeError('<methodCall><methodName>a.b</methodName>').reason, 'unmarshallable');
  assert.equal(decodeError('<methodResponse/>').reason, 'unmarshallable');
  assert.equal(decodeError('<methodCall><methodName>a.b</methodName><params><param><value><nil/></value></param></params></methodCall>').reason, 'unmarshallable');
  assert.equal(decodeError('<methodCall><methodName>a.b</methodName><params><param><value><int>4.2</int></value></param></params></methodCall>').reason, 'unmarshallable');
  assert.equal(decodeError('<methodCall><methodName>a.b</methodName><params><param><value><array/></value></param></params></methodCall>').reason, 'unmarshallable');
  assert.equal(decodeError('<!DOCTYPE x [<!ENTITY e "boom">]><methodCall><methodName>&e;</methodName></methodCall>').reason, 'unmarshallable');
  assert.equal(decodeError('<methodCall><params></params></methodCall>').reason, 'no method name');
  assert.equal(decodeError('<methodCall><methodName></methodName></methodCall>').reason, 'no method name');
  assert.equal(decodeError('').reason, 'unmarshallable');
});

test('deep nesting is rejected, not a stack overflow', () => {
  const depth = 5000;
  const body =
    '<methodCall><methodName>a.b</methodName><params><param>' +
    '<value><array><data>'.repeat(depth) + '</data></array></value>'.repeat(depth) +
    '</param></params></methodCall>';
  assert.equal(decodeError(body).reason, 'unmarshallable');
});

test('a struct member named __proto__ is data, not a prototype', () => {
  const body =
    '<methodCall><methodName>a.b</methodName><params><param><value><struct>' +
    '<member><name>__proto__</name><value><struct><member><name>polluted</name><value>yes</value></member></struct></value></member>' +
    '</struct></value></param></params></methodCall>';
  const [struct] = decodeMethodCall(body).params as [Record<string, unknown>];
  assert.equal(Object.getPrototypeOf(struct), Object.prototype);
  assert.deepEqual(Object.keys(struct), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('malformed responses are typed errors', () => {
  assert.throws(() => decodeMethodResponse('<methodResponse><params></params></methodResponse>'), XmlRpcDecodeError);
  assert.throws(() => decodeMethodResponse('<methodResponse><fault><value>x</value></fault></methodResponse>'), XmlRpcDecodeError);
  assert.throws(() => decodeMethodResponse('<html>502</html>'), XmlRpcDecodeError);
});

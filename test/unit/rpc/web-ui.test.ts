import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fault, type FaultName } from '../../../src/core/faults.js';
import { ProcessStates } from '../../../src/core/states.js';
import { UnknownAction, runAction, type Call } from '../../../src/rpc/web-ui/actions.js';
import { webUiView } from '../../../src/rpc/web-ui/handler.js';
import { renderStatusPage } from '../../../src/rpc/web-ui/render-status.js';
import { renderTailPage } from '../../../src/rpc/web-ui/render-tail.js';
import { escapeHtml, pyCtime, pyQuote, readForm } from '../../../src/rpc/web-ui/text.js';

test('pyQuote is urllib.parse.quote: unreserved characters and / stay, UTF-8 bytes become %XX', () => {
  assert.equal(pyQuote('group:name_01'), 'group%3Aname_01');
  assert.equal(pyQuote('a b/c~d.e-f*'), 'a%20b/c~d.e-f%2A');
  assert.equal(pyQuote("x<b>&'\"!()é"), 'x%3Cb%3E%26%27%22%21%28%29%C3%A9');
});

test('escapeHtml leaves nothing that can open a tag or close an attribute', () => {
  assert.equal(escapeHtml(`<script>alert("x")</script> & 'y'`), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
});

test('pyCtime pads the day of month with a space, as time.ctime() does', () => {
  assert.equal(pyCtime(new Date(2026, 10, 1, 9, 5, 3)), 'Sun Nov  1 09:05:03 2026');
  assert.equal(pyCtime(new Date(2026, 10, 21, 21, 33, 18)), 'Sat Nov 21 21:33:18 2026');
});

test('readForm: blank values dropped, first query value wins, POST values override', () => {
  const form = readForm('action=&processname=a&processname=b&message=hi+there%21', 'processname=c&action=stop');
  assert.deepEqual([...form], [['processname', 'c'], ['message', 'hi there!'], ['action', 'stop']]);
});

test('webUiView: leading slashes dropped, empty path is the index, nothing else matches', () => {
  assert.equal(webUiView('/'), 'index.html');
  assert.equal(webUiView('//index.html'), 'index.html');
  assert.equal(webUiView('/tail.html'), 'tail.html');
  assert.equal(webUiView('/ok.html'), 'ok.html');
  assert.equal(webUiView('/index.html/'), null);
  assert.equal(webUiView('/stylesheets/supervisor.css'), null);
});

/** A fake control plane: records calls, answers getAllProcessInfo with `names`, throws `faults[method]`. */
function fakeCall(names: string[], faults: Record<string, FaultName> = {}): { call: Call; calls: string[] } {
  const calls: string[] = [];
  const call: Call = async (method, params) => {
    calls.push(`${method} ${JSON.stringify(params)}`);
    if (method === 'supervisor.getAllProcessInfo') {
      return names.map((n) => (n.includes(':') ? { group: n.split(':')[0], name: n.split(':')[1] } : { group: n, name: n }));
    }
    const fault = faults[method];
    if (fault !== undefined) throw new Fault(fault, String(params[0]));
    return true;
  };
  return { call, calls };
}

test('runAction: supervisord messages for every action and start fault', async () => {
  const ctime = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;
  const { call, calls } = fakeCall(['cat', 'g:p1']);
  assert.match((await runAction(call, 'refresh', undefined)).replace('Page refreshed at ', ''), ctime);
  assert.match((await runAction(call, 'stopall', undefined)).replace('All stopped at ', ''), ctime);
  assert.match((await runAction(call, 'restartall', 'cat')).replace('All restarted at ', ''), ctime);
  assert.equal(await runAction(call, 'start', 'g:p1'), 'Process g:p1 started');
  assert.equal(await runAction(call, 'stop', 'cat'), 'Process cat stopped');
  assert.equal(await runAction(call, 'restart', 'cat'), 'Process cat restarted');
  assert.equal(await runAction(call, 'clearlog', 'cat'), 'Log for cat cleared');
  assert.ok(calls.includes('supervisor.startProcess ["g:p1",true]'));
  assert.ok(calls.includes('system.multicall [[{"methodName":"supervisor.stopProcess","params":["cat"]},{"methodName":"supervisor.startProcess","params":["cat"]}]]'));
  for (const name of ['nosuch', 'g:*', 'g:', 'g:nosuch']) {
    assert.equal(await runAction(call, 'bogus', name), `No such process named ${name}`);
  }
  const words: Array<[FaultName, string]> = [
    ['NO_FILE', 'no such file'], ['NOT_EXECUTABLE', 'file not executable'], ['ALREADY_STARTED', 'already started'],
    ['SPAWN_ERROR', 'spawn error'], ['ABNORMAL_TERMINATION', 'abnormal termination'], ['FAILED', 'unexpected rpc fault [30] FAILED: cat'],
  ];
  for (const [fault, text] of words) {
    assert.equal(await runAction(fakeCall(['cat'], { 'supervisor.startProcess': fault }).call, 'start', 'cat'), `ERROR: Process cat: ${text}`);
  }
  assert.equal(await runAction(fakeCall(['cat'], { 'supervisor.stopProcess': 'NOT_RUNNING' }).call, 'stop', 'cat'), 'unexpected rpc fault [70] NOT_RUNNING: cat');
  // A restart's own faults are swallowed by the multicall, as in supervisord.
  assert.equal(await runAction(fakeCall(['cat'], { 'supervisor.stopProcess': 'NOT_RUNNING' }).call, 'restart', 'cat'), 'Process cat restarted');
  await assert.rejects(runAction(call, 'bogus', 'cat'), UnknownAction);
  await assert.rejects(runAction(call, 'start', undefined), UnknownAction);
});

test('status page: supervisord classes, hrefs and action slots; names escaped', () => {
  const html = renderStatusPage({
    version: '0.1.0',
    message: 'Process <x> started',
    processes: [
      { group: 'web', name: 'web', state: ProcessStates.RUNNING, statename: 'RUNNING', description: 'pid 1, uptime 0:00:01' },
      { group: 'a<b>', name: 'a<b>', state: ProcessStates.FATAL, statename: 'FATAL', description: '<img src=x onerror=alert(1)>' },
      { group: 'g', name: 'p', state: ProcessStates.STARTING, statename: 'STARTING', description: '' },
    ],
  });
  assert.ok(html.includes('<div class="status_msg">Process &lt;x&gt; started</div>'));
  assert.ok(!html.includes('<img'), 'descriptions are escaped');
  const rows = html.split('<tr class="').slice(1).map((r) => r.slice(0, r.indexOf('</tr>')));
  assert.equal(rows.length, 3);
  // Sorted by group: a<b>, g, web; the second row is shaded.
  assert.match(rows[0]!, /^">\n<td class="status"><span class="statuserror">fatal<\/span>/);
  assert.ok(rows[0]!.includes('<a href="tail.html?processname=a%3Cb%3E" target="_blank">a&lt;b&gt;</a>'));
  assert.ok(rows[0]!.includes('<li><a href="index.html?processname=a%3Cb%3E&amp;action=start" name="Start">Start</a></li><li><a class="hidden" href="#" name="#">Action</a></li>'));
  assert.match(rows[1]!, /^shade">\n<td class="status"><span class="statusnominal">starting<\/span>/);
  assert.ok(rows[1]!.includes('<ul><li><a class="hidden" href="#" name="#">Action</a></li><li><a class="hidden" href="#" name="#">Action</a></li><li><a href="index.html?processname=g%3Ap&amp;action=clearlog"'));
  assert.ok(rows[2]!.includes('<a href="index.html?processname=web&amp;action=restart" name="Restart">Restart</a>'));
  assert.ok(rows[2]!.includes('<a href="logtail/web/stderr" name="Tail -f Stderr" target="_blank">Tail -f Stderr</a>'));
  const empty = renderStatusPage({ version: '0.1.0', message: null, processes: [] });
  assert.ok(empty.includes('<div class="hidden">#</div>'));
  assert.ok(empty.includes('No programs to manage') && !empty.includes('<table'));
});

test('tail page: escaped log text, refresh link with the limit, none without a process', () => {
  const html = renderTailPage({ processname: 'g:p', text: '</pre><script>', limit: 2048 });
  assert.ok(html.includes('<title>Supervisor tail of process g:p</title>'));
  assert.ok(html.includes('<pre>&lt;/pre&gt;&lt;script&gt;</pre>'));
  assert.ok(html.includes('<a href="tail.html?processname=g%3Ap&amp;limit=2048">'));
  const none = renderTailPage({ processname: null, text: 'No process name found', limit: 1024 });
  assert.ok(none.includes('<title>Supervisor tail of process None</title>') && !none.includes('tail.html?'));
});

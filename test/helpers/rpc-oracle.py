#!/usr/bin/env python3
"""Run one fixed sequence of supervisor.* / system.* calls against a daemon and print the results.

Usage: rpc-oracle.py <daemon dir>   (the dir holds supervisord.conf, supervisor.sock, the logs)

The same script runs against real supervisord and against tssupervisord (each in its own temp dir,
same config text); the test compares the two outputs. Results are normalised so that only behaviour
remains: pids, times, temp paths, AUTO log names, help texts and the daemon version become placeholders.
Output: one JSON object {"steps": [[label, result], ...], "pids": [every child pid seen]}.
Waits poll a condition with a deadline; there are no fixed sleeps.
"""
import http.client
import json
import os
import re
import sys
import time
import xmlrpc.client

sys.path.insert(0, '/usr/lib/python3/dist-packages')
from supervisor.xmlrpc import SupervisorTransport  # noqa: E402

DIR = os.path.realpath(sys.argv[1])
CONF = os.path.join(DIR, 'supervisord.conf')
MAINLOG = os.path.join(DIR, 'supervisord.log')
PIDS = set()
STEPS = []


def proxy():
    transport = SupervisorTransport(None, None, 'unix://' + os.path.join(DIR, 'supervisor.sock'))
    return xmlrpc.client.ServerProxy('http://127.0.0.1', transport=transport)


SERVER = proxy()

DATE = re.compile(r'^[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M$')
UPTIME = re.compile(r'^pid (\d+), uptime \d+:\d\d:\d\d$')
AUTO = re.compile(r'---rpcx-[A-Za-z0-9_]{8}\.log')


def norm(value, key=None):
    if isinstance(value, dict):
        return {k: norm(v, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [norm(v) for v in value]
    if isinstance(value, str):
        m = UPTIME.match(value)
        if m:
            PIDS.add(int(m.group(1)))
            return 'pid <pid>, uptime <uptime>'
        if DATE.match(value):
            return '<date>'
        return AUTO.sub('---rpcx-<rand>.log', value.replace(DIR, '<dir>'))
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and key == 'pid':
        if value:
            PIDS.add(value)
        return '<pid>' if value else 0
    if isinstance(value, int) and key in ('start', 'stop', 'now'):
        return '<time>' if value else 0
    return value


def call(method, *args):
    global SERVER
    try:
        return getattr(SERVER, method)(*args)
    except xmlrpc.client.Fault as fault:
        return {'fault': fault.faultCode, 'text': fault.faultString}
    except (OSError, http.client.HTTPException):
        SERVER = proxy()  # a failed request leaves the transport's connection unusable
        raise


def step(label, method, *args, shape=None):
    """Call, normalise and record; `shape` post-processes results that can only match in form."""
    result = norm(call(method, *args))
    if shape is not None:
        result = shape(result)
    STEPS.append([label or '%s%r' % (method, args), result])
    return result


def wait_until(what, probe, timeout=30):
    deadline = time.time() + timeout
    while True:
        try:
            if probe():
                return
        except (xmlrpc.client.Fault, OSError, http.client.HTTPException):
            pass
        if time.time() > deadline:
            raise SystemExit('timed out waiting for %s' % what)
        time.sleep(0.05)


def state(name):
    return call('supervisor.getProcessInfo', name)['statename']


def wait_state(name, *states):
    wait_until('%s in %s' % (name, states), lambda: state(name) in states)


def log_size(name, channel='stdout'):
    return call('supervisor.tail%sLog' % ('ProcessStdout' if channel == 'stdout' else 'ProcessStderr'), name, 0, 0)[1]


def edit_config(old, new):
    with open(CONF) as f:
        text = f.read()
    assert old in text, old
    with open(CONF, 'w') as f:
        f.write(text.replace(old, new, 1))


def help_text(value):
    return '<help>' if isinstance(value, str) and value.strip() else value


def detail_only_prefix(result):
    if isinstance(result, dict) and 'text' in result:
        return {'fault': result['fault'], 'text': result['text'].split(':')[0] + ': <detail>'}
    return result


def unordered(result):
    """Group calls that wait: supervisord appends each entry when it notices that process is done, which
    depends on when it reaps each child, so even its own order varies from run to run. Compare as sets."""
    if isinstance(result, list):
        return sorted(result, key=lambda r: (r.get('group'), r.get('name')))
    return result


def log_head(result):
    return '<date>' if isinstance(result, str) and re.match(r'^\d{4}-\d\d-\d\d$', result) else result


# ---------------------------------------------------------------------------------------------------
# Settle: every autostart program in its final state and the printer's output in its logs.
wait_until('the daemon to answer', lambda: call('supervisor.getState')['statename'] == 'RUNNING')
for name in ('long', 'pool:pool_00', 'pool:pool_01', 'g:ga', 'g:gb', 'nolog', 'printer'):
    wait_state(name, 'RUNNING')
for name in ('crash', 'missing'):
    wait_state(name, 'FATAL')
wait_until('printer output', lambda: log_size('printer') == 10 and log_size('printer', 'stderr') == 8)

# Identity and state.
step(None, 'supervisor.getAPIVersion')
step(None, 'supervisor.getVersion')
step(None, 'supervisor.getSupervisorVersion', shape=lambda v: '<version>' if isinstance(v, str) else v)
step(None, 'supervisor.getIdentification')
step(None, 'supervisor.getState')
step(None, 'supervisor.getPID', shape=lambda v: '<pid>' if isinstance(v, int) and v > 0 else v)
step(None, 'supervisor.readLog', 0, 10, shape=log_head)

# Process infos and names.
step(None, 'supervisor.getAllProcessInfo')
for name in ('long', 'pool:pool_00', 'g:ga', 'crash', 'missing', 'manual', 'nolog', 'printer',
             'nosuch', 'pool', 'g', 'g:', 'g:*', 'g:nosuch', 'nosuch:x', 'pool:pool_00:x'):
    step(None, 'supervisor.getProcessInfo', name)
step(None, 'supervisor.getAllConfigInfo')

# Start: faults in supervisord's order, group forms.
for name in ('long', 'missing', 'nosuch', 'nosuch:*', 'g:nosuch', 'crash'):
    step(None, 'supervisor.startProcess', name)
wait_state('crash', 'FATAL')
step(None, 'supervisor.startProcess', 'manual')
step(None, 'supervisor.startProcess', 'manual', False)
step(None, 'supervisor.startProcess', 'g:*')
step(None, 'supervisor.startProcess', 'pool:')
step(None, 'supervisor.startProcessGroup', 'g')
step(None, 'supervisor.startProcessGroup', 'nosuch')
step(None, 'supervisor.startProcessGroup', 'g:*')

# stdin.
step(None, 'supervisor.sendProcessStdin', 'manual', 'hello\n')
wait_until('manual to echo', lambda: log_size('manual') == 6)
step(None, 'supervisor.readProcessStdoutLog', 'manual', 0, 0)
step(None, 'supervisor.sendProcessStdin', 'manual', 'h\u00e9llo\n')
wait_until('manual to echo', lambda: log_size('manual') == 13)
step(None, 'supervisor.readProcessStdoutLog', 'manual', 6, 0)
step(None, 'supervisor.sendProcessStdin', 'crash', 'x')
step(None, 'supervisor.sendProcessStdin', 'nosuch', 'x')
step(None, 'supervisor.sendProcessStdin', 'g:', 'x')
step(None, 'supervisor.sendProcessStdin', 'noinput', 'x')
step(None, 'supervisor.startProcess', 'noinput')
step(None, 'supervisor.sendProcessStdin', 'noinput', 'x')
step('sendProcessStdin chars not a string', 'supervisor.sendProcessStdin', 'manual', 123)

# Signals.
for name, sig in (('long', 'WINCH'), ('long', 'SIGWINCH'), ('long', 'winch'), ('long', '28'), ('long', 'BOGUS'),
                  ('long', '999'), ('crash', 'WINCH'), ('crash', 'BOGUS'), ('nosuch', 'HUP'), ('g:*', 'WINCH'),
                  ('pool:', 'BOGUS'), ('nosuch:*', 'HUP')):
    step(None, 'supervisor.signalProcess', name, sig)
step(None, 'supervisor.signalProcessGroup', 'pool', 'WINCH')
step(None, 'supervisor.signalProcessGroup', 'pool', 'BOGUS')
step(None, 'supervisor.signalProcessGroup', 'nosuch', 'WINCH')
step(None, 'supervisor.signalAllProcesses', 'WINCH')

# Reading logs.
for offset, length in ((0, 0), (2, 3), (-4, 0), (-40, 0), (100, 0), (-4, 2), (0, -1), (-1, -1)):
    step(None, 'supervisor.readProcessStdoutLog', 'printer', offset, length)
step(None, 'supervisor.readProcessLog', 'printer', 0, 4)
step(None, 'supervisor.readProcessStderrLog', 'printer', 0, 0)
step(None, 'supervisor.readProcessStdoutLog', 'nolog', 0, 0)
step(None, 'supervisor.readProcessStdoutLog', 'g:', 0, 0)
step(None, 'supervisor.readProcessStdoutLog', 'nosuch', 0, 0)
for offset, length in ((0, 5), (0, 10), (5, 20), (8, 2), (3, 4), (10, 20), (100, 5), (-5, 3)):
    step(None, 'supervisor.tailProcessStdoutLog', 'printer', offset, length)
step(None, 'supervisor.tailProcessLog', 'printer', 0, 3)
step(None, 'supervisor.tailProcessStderrLog', 'printer', 0, 3)
step(None, 'supervisor.tailProcessStdoutLog', 'nolog', 0, 10)
step(None, 'supervisor.tailProcessStdoutLog', 'nosuch', 0, 10)
step(None, 'supervisor.readLog', -5, 3)
step(None, 'supervisor.readLog', 0, -1)
step(None, 'supervisor.readLog', 10 ** 9, 0)
step(None, 'supervisor.readMainLog', 10 ** 9, 0)

# Clearing logs (of running processes: supervisord only clears a process's logs while it runs).
step(None, 'supervisor.clearProcessLogs', 'printer')
step(None, 'supervisor.readProcessStdoutLog', 'printer', 0, 0)
step(None, 'supervisor.tailProcessStderrLog', 'printer', 0, 10)
step(None, 'supervisor.clearProcessLog', 'printer')
step(None, 'supervisor.clearProcessLogs', 'nosuch')
step(None, 'supervisor.clearProcessLogs', 'g:*')
step(None, 'supervisor.clearAllProcessLogs')
step(None, 'supervisor.clearLog')
step(None, 'supervisor.readLog', 0, 0)

# Stopping, and the group forms.
step(None, 'supervisor.stopProcess', 'crash')
step(None, 'supervisor.stopProcess', 'nosuch')
step(None, 'supervisor.sendProcessStdin', 'manual', 'bye\n')
wait_until('manual to echo', lambda: log_size('manual') == 4)
step(None, 'supervisor.stopProcess', 'manual')
step(None, 'supervisor.stopProcess', 'manual')
step(None, 'supervisor.getProcessInfo', 'manual')
step(None, 'supervisor.clearProcessLogs', 'manual')
step('read after clearing the logs of a stopped process', 'supervisor.readProcessStdoutLog', 'manual', 0, 0)
step(None, 'supervisor.stopProcess', 'g:*', shape=unordered)
step(None, 'supervisor.stopProcessGroup', 'pool', shape=unordered)
step(None, 'supervisor.stopProcessGroup', 'pool', shape=unordered)
step(None, 'supervisor.stopProcess', 'pool:')
step(None, 'supervisor.stopProcessGroup', 'nosuch')
step(None, 'supervisor.startProcessGroup', 'pool', shape=unordered)
step(None, 'supervisor.startProcess', 'g:*', False)
wait_state('g:ga', 'RUNNING')
wait_state('g:gb', 'RUNNING')
step(None, 'supervisor.getAllProcessInfo')

# A process that ignores SIGTERM: the STOPPING column of the per-state matrix.
step(None, 'supervisor.startProcess', 'stubborn')
step(None, 'supervisor.stopProcess', 'stubborn', False)
step(None, 'supervisor.getProcessInfo', 'stubborn')
step(None, 'supervisor.stopProcess', 'stubborn')
step(None, 'supervisor.startProcess', 'stubborn', False)
step(None, 'supervisor.startProcess', 'stubborn')
step(None, 'supervisor.signalProcess', 'stubborn', 'WINCH')
step(None, 'supervisor.sendProcessStdin', 'stubborn', 'x')
wait_state('stubborn', 'STOPPED')
step(None, 'supervisor.getProcessInfo', 'stubborn')

# Config: reread, add, remove.
step(None, 'supervisor.reloadConfig')
edit_config('command = sleep 1000\npriority = 10\n', 'command = sleep 1001\npriority = 10\n')
edit_config('[program:nolog]\n', '[program:gone]\n')
edit_config('# end\n', '[program:added]\ncommand = sleep 1000\n# end\n')
step(None, 'supervisor.reloadConfig')
step(None, 'supervisor.getAllConfigInfo')
step(None, 'supervisor.addProcessGroup', 'added')
step(None, 'supervisor.addProcessGroup', 'added')
step(None, 'supervisor.addProcessGroup', 'nosuch')
step(None, 'supervisor.removeProcessGroup', 'long')
step(None, 'supervisor.stopProcess', 'long')
step(None, 'supervisor.removeProcessGroup', 'long')
step(None, 'supervisor.removeProcessGroup', 'long')
step(None, 'supervisor.addProcessGroup', 'long')
step(None, 'supervisor.removeProcessGroup', 'nolog')
step(None, 'supervisor.stopProcess', 'nolog')
step(None, 'supervisor.removeProcessGroup', 'nolog')
step(None, 'supervisor.addProcessGroup', 'nolog')
step(None, 'supervisor.addProcessGroup', 'gone')
wait_state('added', 'RUNNING')
wait_state('long', 'RUNNING')
wait_state('gone', 'RUNNING')
step(None, 'supervisor.getAllConfigInfo')
step(None, 'supervisor.getAllProcessInfo')
step(None, 'supervisor.reloadConfig')
edit_config('# end\n', '[program:broken]\nstartsecs = 1\n# end\n')
step('reloadConfig of a broken config', 'supervisor.reloadConfig', shape=detail_only_prefix)
edit_config('[program:broken]\nstartsecs = 1\n', '')
step(None, 'supervisor.reloadConfig')
step(None, 'supervisor.signalAllProcesses', 'WINCH')

# system.*
# Our own methods live in the tssupervisor.* namespace, which supervisord has not: compared apart from it.
def supervisord_namespaces(names):
    return [n for n in names if not n.startswith('tssupervisor.')] if isinstance(names, list) else names
methods = supervisord_namespaces(call('system.listMethods'))
step(None, 'system.listMethods', shape=supervisord_namespaces)
for name in methods:
    step(None, 'system.methodSignature', name)
    step('system.methodHelp(%r)' % name, 'system.methodHelp', name, shape=help_text)
step(None, 'system.methodHelp', 'nosuch.x')
step(None, 'system.methodSignature', 'supervisor.nosuch')
step(None, 'system.multicall', [
    {'methodName': 'supervisor.getAPIVersion'},
    {'methodName': 'supervisor.getProcessInfo', 'params': ['nosuch']},
    {'methodName': 'supervisor.stopProcess', 'params': ['crash']},
    {'methodName': 'system.multicall', 'params': [[]]},
    {'params': []},
    {'methodName': 'supervisor.nosuch'},
    {'methodName': 'supervisor.startProcess', 'params': ['manual']},
    {'methodName': 'supervisor.getProcessInfo', 'params': ['manual']},
    {'methodName': 'supervisor.stopProcess', 'params': ['manual']},
    {'methodName': 'supervisor.getState', 'params': [1]},
])
for method, args in (('supervisor.nosuch', ()), ('nosuch.x', ()), ('supervisor._update', ('x',)), ('supervisor', ()),
                     ('a.b.c', ()), ('supervisor.getState', (1,)), ('supervisor.startProcess', ()),
                     ('supervisor.startProcess', ('a', True, 3)), ('supervisor.readLog', (0,))):
    step(None, method, *args)
step(None, 'supervisor.sendRemoteCommEvent', 'mytype', 'some data')

# The main log deleted under the daemon.
os.remove(MAINLOG)
step('readLog of a deleted main log', 'supervisor.readLog', 0, 0)
step('clearLog of a deleted main log', 'supervisor.clearLog')

# Everything stops at once, in priority order.
step(None, 'supervisor.stopAllProcesses', shape=unordered)
step(None, 'supervisor.getAllProcessInfo')
step(None, 'supervisor.startAllProcesses', shape=unordered)
# (not startAllProcesses(False): whether supervisord reaps `crash` before answering is a race of its own)
step(None, 'supervisor.stopProcessGroup', 'pool', False)
wait_state('pool:pool_00', 'STOPPED')
wait_state('pool:pool_01', 'STOPPED')
step(None, 'supervisor.startProcessGroup', 'pool', False)

# Shutdown with a process that takes stopwaitsecs to die: everything but sendRemoteCommEvent is refused.
step(None, 'supervisor.startProcess', 'stubborn')
wait_state('manual', 'RUNNING')
step(None, 'supervisor.shutdown')
step('getState while shutting down', 'supervisor.getState')
step('startProcess while shutting down', 'supervisor.startProcess', 'stubborn')
step('sendRemoteCommEvent while shutting down', 'supervisor.sendRemoteCommEvent', 't', 'd')
step('signalAllProcesses while shutting down', 'supervisor.signalAllProcesses', 'WINCH')
step('shutdown while shutting down', 'supervisor.shutdown')

print(json.dumps({'steps': STEPS, 'pids': sorted(PIDS)}, indent=1, ensure_ascii=False))

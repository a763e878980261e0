// The cross-check sequence: every supervisorctl action, its argument errors and its fault paths, run against
// a daemon configured with crossCheckConfig(). Each step's `before` actions bring the daemon to the same state
// before the oracle's run and before the candidate's run.

/** A ctl line run with the oracle (output ignored), a config variant to write, or a wait for the daemon. */
export type Action = string | { readonly config: string } | { readonly settle: true };

export interface Step {
  /** The action words ('' = none: the shell). `{tmp}`, `{config}`, `{serverUrl}`, `{authUrl}` are expanded. */
  readonly line: string;
  /** ctl options placed before the action; default `-c {config}`. */
  readonly options?: readonly string[];
  readonly before?: readonly Action[];
  /** Files written into the temp dir (name → text) before the step. */
  readonly files?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Keep stdin open until stdout matches (for `fg`). */
  readonly closeStdinWhen?: RegExp;
  /** Send SIGINT once stdout matches (tail -f, maintail -f). */
  readonly interruptWhen?: RegExp;
  /** SIGKILL once stdout matches, and do not compare exit statuses (supervisorctl's `fg` never exits:
   * after "Exiting foreground" its log thread stays blocked in select()). */
  readonly killWhen?: RegExp;
  /** Compare stdout as a sorted set of lines (group/all results come in completion order). */
  readonly unordered?: boolean;
}

/** The programs: running, pool, heterogeneous group, crashing, manual, missing command, no stdout log. */
export const CROSSCHECK_PROGRAMS = `
[program:cat]
command = /bin/cat
startsecs = 0

[program:hello]
command = /bin/sh -c "echo hello; echo oops >&2; exec sleep 1000"
startsecs = 0

[program:pool]
command = /bin/sleep 1000
process_name = %(program_name)s_%(process_num)02d
numprocs = 2
startsecs = 0

[program:ga]
command = /bin/sleep 1000
startsecs = 0

[program:gb]
command = /bin/sleep 1000
startsecs = 0
autostart = false

[group:grp]
programs = ga,gb

[program:crash]
command = /bin/sh -c "echo boom; echo bad >&2; exit 3"
startretries = 0

[program:manual]
command = /bin/sleep 1000
autostart = false
startsecs = 0

[program:missing]
command = /nonexistent/binary
autostart = false

[program:nolog]
command = /bin/sh -c "echo hi; exec sleep 1000"
stdout_logfile = NONE
startsecs = 0
`;

/** Config variants for reread/update: base, edited (newprog added, manual changed, nolog gone), broken. */
export function crossCheckConfig(preamble: string): Record<'base' | 'edited' | 'broken', string> {
  const base = preamble + CROSSCHECK_PROGRAMS;
  const edited =
    preamble +
    CROSSCHECK_PROGRAMS.replace(/\[program:nolog\][\s\S]*$/, '')
      .replace('[program:manual]\ncommand = /bin/sleep 1000', '[program:manual]\ncommand = /bin/sleep 2000') +
    '\n[program:newprog]\ncommand = /bin/sleep 1000\nstartsecs = 0\n';
  const broken = `${base}\n[program:bad]\nstartsecs = notanumber\ncommand = /bin/true\n`;
  return { base, edited, broken };
}

const HELP_TOPICS = ['add', 'avail', 'clear', 'exit', 'fg', 'maintail', 'open', 'pid', 'quit', 'reload', 'remove', 'reread',
  'restart', 'shutdown', 'signal', 'start', 'status', 'stop', 'tail', 'update', 'version'];

const NO_SOCKET = ['-s', 'unix://{tmp}/nope.sock'];
const REFUSED = ['-s', 'http://127.0.0.1:1'];
const UNREACHABLE_LINES = ['status', 'version', 'avail', 'shutdown', 'reread', 'update', 'pid', 'pid cat', 'tail cat',
  'maintail', 'add x', 'remove x', 'reload', 'clear cat', 'fg cat', 'start cat', 'stop cat', 'restart cat',
  'signal HUP cat', 'help', 'quit'];
const base: Action = { config: 'base' };
const edited: Action = { config: 'edited' };
/** Active groups back to the base config, then the edited config on disk (pending for reread/update). */
const resetToEdited: Action[] = [base, 'update', 'start manual', edited];

export const CROSSCHECK_STEPS: readonly Step[] = [
  // help, syntax, options
  { line: 'help' }, { line: 'help help' }, ...HELP_TOPICS.map((t) => ({ line: `help ${t}` })),
  { line: 'help nosuch' }, { line: 'help EOF' }, { line: 'help status extra' }, { line: '?' }, { line: '? stop' },
  { line: 'foo' }, { line: 'foo-bar' }, { line: 'STATUS' }, { line: '-x' }, { line: 'EOF' }, { line: 'quit' }, { line: 'exit' },
  { line: 'status', options: ['-x'] }, { line: '', options: ['--server'] }, { line: 'status', options: ['-s', 'foo'] },
  { line: 'status', options: ['-s', 'a', '-s', 'b'] }, { line: '', options: ['--h'] }, { line: '', options: ['--help=3'] },
  { line: '', options: ['-h'] }, { line: '', options: ['-u'] }, { line: 'status', options: ['-c', '{tmp}/nonexistent.conf'] },
  { line: 'status', options: ['-c', '{tmp}/nosection.conf'], files: { 'nosection.conf': '[supervisord]\n' } },
  { line: 'version', options: ['--ser={serverUrl}'] }, { line: 'version', options: ['-s', '{serverUrl}'] },
  { line: 'status', options: ['-s', 'abc:def'] }, { line: 'status', options: ['-s', 'https://localhost:1'] },
  // status
  { line: 'status' }, { line: 'status cat' }, { line: 'status grp:*' }, { line: 'status grp:' }, { line: 'status pool:*' },
  { line: 'status pool' }, { line: 'status nosuch' }, { line: 'status nosuch:*' }, { line: 'status grp:ga cat nosuch' },
  { line: 'status all' }, { line: 'status cat cat' }, { line: 'status grp:* nosuch nosuch:* cat' }, { line: 'status-x' },
  // pid, version, avail
  { line: 'pid' }, { line: 'pid all' }, { line: 'pid cat' }, { line: 'pid manual' }, { line: 'pid nosuch' },
  { line: 'pid grp:*' }, { line: 'pid cat nosuch' }, { line: 'version' }, { line: 'version x' }, { line: 'avail' },
  { line: 'avail x' },
  // tail and maintail (before anything restarts hello, so its log is stable)
  { line: 'tail hello' }, { line: 'tail -100 hello' }, { line: 'tail -3 hello' }, { line: 'tail hello stderr' },
  { line: 'tail hello STDERR' }, { line: 'tail -5 crash stderr' }, { line: 'tail nolog' }, { line: 'tail nolog stderr' },
  { line: 'tail nosuch' }, { line: 'tail grp:*' }, { line: 'tail' }, { line: 'tail -f' }, { line: 'tail a b c d' },
  { line: 'tail cat foo' }, { line: 'tail -x cat' }, { line: 'tail -f cat stdout x' },
  { line: 'tail -f hello', interruptWhen: /hello\n/ }, { line: 'tail -f hello stderr', interruptWhen: /oops\n/ },
  { line: 'tail -f nosuch' },
  { line: 'maintail -20' }, { line: 'maintail' }, { line: 'maintail x' }, { line: 'maintail -x' }, { line: 'maintail 1 2' },
  { line: 'maintail -f', interruptWhen: /<==\n[\s\S]*\n/ },
  // fg
  { line: 'fg' }, { line: 'fg a b' }, { line: 'fg nosuch' }, { line: 'fg manual', before: ['stop manual'] },
  { line: 'fg cat', before: ['start cat', 'clear cat'], stdin: 'ping\n', closeStdinWhen: /ping\n/,
    killWhen: /Exiting foreground\n/ },
  // clear
  { line: 'clear' }, { line: 'clear nosuch' }, { line: 'clear grp:*' }, { line: 'clear cat nolog' }, { line: 'clear all' },
  // start
  { line: 'start cat' }, { line: 'start manual', before: ['stop manual'] }, { line: 'start missing' },
  { line: 'start crash' }, { line: 'start nosuch' }, { line: 'start nosuch:*' }, { line: 'start' },
  { line: 'start grp:*', before: ['stop grp:gb'] }, { line: 'start pool:*' },
  { line: 'start manual cat nosuch', before: ['stop manual'] },
  // stop
  { line: 'stop cat', before: ['start cat'] }, { line: 'stop manual', before: ['stop manual'] }, { line: 'stop nosuch' },
  { line: 'stop nosuch:*' }, { line: 'stop' }, { line: 'stop grp:*', before: ['start grp:*'], unordered: true },
  { line: 'stop pool:', before: ['start pool:*'], unordered: true }, { line: 'stop cat manual', before: ['start cat', 'stop manual'] },
  // restart
  { line: 'restart cat', before: ['start cat'] }, { line: 'restart manual', before: ['stop manual'] }, { line: 'restart' },
  { line: 'restart nosuch' }, { line: 'restart grp:*', before: ['start grp:*'], unordered: true },
  // signal
  { line: 'signal CONT cat', before: ['start cat'] }, { line: 'signal SIGCONT cat' }, { line: 'signal 18 cat' },
  { line: 'signal BOGUS cat' }, { line: 'signal CONT manual', before: ['stop manual'] }, { line: 'signal CONT grp:*' },
  { line: 'signal CONT nosuch:*' }, { line: 'signal CONT nosuch' }, { line: 'signal CONT' }, { line: 'signal' },
  { line: 'signal CONT pool:*', unordered: true }, { line: 'signal CONT all', unordered: true },
  // all
  // With both `missing` (NO_FILE, exit 1) and `crash` (SPAWN_ERROR, exit 7) in play, the exit status of
  // start/restart all depends on which result supervisord appends last, which is timing; so `missing` sits out.
  { line: 'stop all', before: ['start all'], unordered: true },
  { line: 'start all', before: ['remove missing', 'stop all'], unordered: true },
  { line: 'restart all', before: ['remove missing', 'start all'], unordered: true },
  { line: 'status', before: ['add missing'] },
  // reread, update, add, remove
  { line: 'reread', before: [base] }, { line: 'update', before: [base] }, { line: 'reread', before: [edited] },
  { line: 'avail', before: [edited, 'reread'] }, { line: 'reread x' },
  { line: 'add newprog', before: [edited, 'reread', 'stop newprog', 'remove newprog'] },
  { line: 'add newprog', before: [edited, 'reread', 'add newprog'] }, { line: 'add nosuch' }, { line: 'add' },
  { line: 'remove newprog', before: [edited, 'reread', 'add newprog', 'start newprog'] },
  { line: 'remove newprog', before: [edited, 'reread', 'add newprog', 'stop newprog'] }, { line: 'remove nosuch' }, { line: 'remove cat' },
  { line: 'update', before: resetToEdited }, { line: 'status' }, { line: 'update nosuch', before: resetToEdited },
  { line: 'update newprog', before: resetToEdited }, { line: 'update all', before: resetToEdited },
  { line: 'update newprog nolog', before: resetToEdited },
  { line: 'reread', before: [{ config: 'broken' }] }, { line: 'update', before: [{ config: 'broken' }] },
  { line: 'status', before: [base, 'update', 'start manual'] },
  // authentication (the daemon's second server requires user/123)
  { line: 'status', options: ['-s', '{authUrl}'] }, { line: 'avail', options: ['-s', '{authUrl}'] },
  { line: 'status cat', options: ['-s', '{authUrl}', '-u', 'user', '-p', 'wrong'] },
  { line: 'status cat', options: ['-s', '{authUrl}', '-u', 'user', '-p', '123'] },
  { line: 'status cat', options: ['-s', '{authUrl}', '-u', 'user'] },
  // unreachable servers
  ...UNREACHABLE_LINES.map((line) => ({ line, options: NO_SOCKET })),
  ...['status', 'version', 'avail', 'shutdown', 'start cat', 'tail cat'].map((line) => ({ line, options: REFUSED })),
  // open, the shell, confirmations
  { line: 'open {serverUrl}' }, { line: 'open foo' }, { line: 'open unix://{tmp}/nope.sock' },
  { line: '', stdin: 'status cat\nhelp\nversion\nfoo\n\nstatus nosuch\n' }, { line: '', stdin: 'quit\n' },
  { line: 'shutdown', options: ['-i', '-c', '{config}'], stdin: 'n\n' },
  { line: 'reload', options: ['-i', '-c', '{config}'], stdin: 'no\n' },
  { line: 'reload', options: ['-i', '-c', '{config}'] },
  { line: 'reload', before: [{ settle: true }] }, { line: 'status', before: [{ settle: true }] },
];

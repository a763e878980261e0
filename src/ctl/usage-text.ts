// `tssupervisorctl -h`: supervisorctl's text (with the program path for %s), then our additions.

const SUPERVISORCTL_TEXT = `supervisorctl -- control applications run by supervisord from the cmd line.

Usage: %s [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- configuration file path (searches if not given)
-h/--help -- print usage message and exit
-i/--interactive -- start an interactive shell after executing commands
-s/--serverurl URL -- URL on which supervisord server is listening
     (default "http://localhost:9001").
-u/--username USERNAME -- username to use for authentication with server
-p/--password PASSWORD -- password to use for authentication with server
-r/--history-file -- keep a readline history (if readline is available)

action [arguments] -- see below

Actions are commands like "tail" or "stop".  If -i is specified or no action is
specified on the command line, a "shell" interpreting actions typed
interactively is started.  Use the action "help" to find out about available
actions.
`;

const EXTENSIONS_TEXT = `
tssupervisorctl additions (output of every supervisorctl action is unchanged):
  status|avail|pid|start|stop|restart ... --json   machine-readable results
  tail -f <group>:*      follow every process of a group, lines prefixed "name | "
  restart --rolling <group>:*  one process at a time, the next once RUNNING
  dashboard [--lines N]  full-screen live view (N log lines kept per process)
  -r/--history_file FILE is honoured (supervisorctl only reads history_file=).
  SUPERVISOR_SERVER_URL  used when neither -s nor the config file's
                         [supervisorctl] serverurl is given (supervisorctl
                         ignores it).
  When the server cannot be reached, a hint goes to stderr.
  TSSUPERVISORCTL_TRANSPORT=xmlrpc|json  force a transport (default: our JSON
                         API when the server has it, else XML-RPC).
`;

export function usageText(progname: string): string {
  return `${SUPERVISORCTL_TEXT.replace('%s', progname)}${EXTENSIONS_TEXT}`;
}

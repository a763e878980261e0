// `tssupervisorctl dashboard` end to end: the real dashboard in tmux against a real daemon, driven
// with keys and read off the screen; every effect on processes is checked through the API.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import path from 'node:path';
import { binDir } from '../helpers/paths.js';
import { startDaemon, type DaemonHandle } from '../helpers/daemon.js';
import { startTmux, tmuxAvailable, type TmuxSession } from '../helpers/tmux.js';

const skip = tmuxAvailable() ? false : 'tmux is not installed';

/** `then` runs in the same pane after the dashboard ended (to look at the terminal it left behind). */
function dashboardCommand(args: string, env = '', then = ''): string {
  const ctl = path.join(binDir, 'tssupervisorctl');
  return `env -u NODE_EXTRA_CA_CERTS ${env} ${JSON.stringify(process.execPath)} ${JSON.stringify(ctl)} ${args} dashboard${then}`;
}

/** A process row on screen: its name, then its state, then its pid. */
const rowShows = (screen: string, name: string, state: string, pid?: number) =>
  new RegExp(`\\b${name}\\s+${state}${pid === undefined ? '' : `\\s+${pid}\\b`}`).test(screen);

const PROGRAMS = `
[program:alpha]
command = /bin/sh -c 'echo "alpha says hello from $$"; exec sleep 1000'
startsecs = 0

[program:beta]
command = sleep 1000
autostart = false
startsecs = 0

[program:gamma]
command = sleep 1000
process_name = %(program_name)s_%(process_num)d
numprocs = 2
startsecs = 0
`;

async function withDashboard(args: string, body: (tmux: TmuxSession) => Promise<void>, size?: { width: number; height: number }, env = '', then = '') {
  const tmux = startTmux(dashboardCommand(args, env, then), size);
  try {
    await body(tmux);
  } finally {
    tmux.kill();
  }
}

test('rows and states appear; /name then s, x, r act on it; the log shows its output; an outside kill shows the new pid; q exits', { skip }, async () => {
  const d = await startDaemon({ programs: PROGRAMS });
  try {
    await d.waitForState('alpha', 'RUNNING');
    await withDashboard(`-s unix://${d.socket}`, async (tmux) => {
      await tmux.waitForScreen('the table', (s) => rowShows(s, 'alpha', 'RUNNING') && rowShows(s, 'beta', 'STOPPED') && s.includes('[group:gamma]') && rowShows(s, 'gamma_1', 'RUNNING'));

      tmux.keys('/');
      tmux.type('beta');
      tmux.keys('Enter', 's');
      await d.waitForState('beta', 'RUNNING');
      const first = await d.info('beta');
      await tmux.waitForScreen('beta started, with its pid', (s) => s.includes('beta: started') && rowShows(s, 'beta', 'RUNNING', first.pid));

      tmux.keys('x');
      await d.waitForState('beta', 'STOPPED');
      await tmux.waitForScreen('beta STOPPED', (s) => rowShows(s, 'beta', 'STOPPED') && s.includes('beta: stopped'));

      tmux.keys('s');
      await d.waitForState('beta', 'RUNNING');
      const before = (await d.info('beta')).pid;
      assert.notEqual(before, first.pid);
      tmux.keys('r');
      const restarted = await d.waitFor('beta restarted', async () => {
        const info = await d.info('beta');
        return info.statename === 'RUNNING' && info.pid !== before ? info : undefined;
      });
      await tmux.waitForScreen('the new pid of beta', (s) => rowShows(s, 'beta', 'RUNNING', restarted.pid));

      // Esc clears the filter; select alpha by filtering for it: the log pane shows what it printed.
      tmux.keys('Escape');
      await tmux.waitForScreen('the whole table again', (s) => rowShows(s, 'alpha', 'RUNNING'));
      tmux.keys('/');
      tmux.type('alpha');
      tmux.keys('Enter');
      const alpha = await d.info('alpha');
      await tmux.waitForScreen('alpha\'s output in the log pane', (s) => s.includes(`alpha says hello from ${alpha.pid}`));

      process.kill(alpha.pid, 'SIGKILL'); // from outside; autorestart brings it back
      const back = await d.waitFor('alpha back with a new pid', async () => {
        const info = await d.info('alpha');
        return info.statename === 'RUNNING' && info.pid !== alpha.pid ? info : undefined;
      });
      await tmux.waitForScreen('the new pid without a key press', (s) => rowShows(s, 'alpha', 'RUNNING', back.pid));
      await tmux.waitForScreen('the restarted alpha\'s output', (s) => s.includes(`alpha says hello from ${back.pid}`));

      tmux.keys('q');
      await tmux.waitForExit();
    });
  } finally {
    await d.stop();
  }
});

test('the daemon going away shows in the footer and the dashboard reconnects to a new one on the same socket; Ctrl-C exits', { skip }, async () => {
  const d = await startDaemon({ programs: PROGRAMS });
  let again: DaemonHandle | null = null;
  try {
    await withDashboard(`-s unix://${d.socket}`, async (tmux) => {
      await tmux.waitForScreen('connected', (s) => s.includes('● connected') && rowShows(s, 'alpha', 'RUNNING'));
      await d.stop();
      await tmux.waitForScreen('disconnected', (s) => s.includes('● disconnected'));
      again = await startDaemon({ programs: PROGRAMS, dir: d.dir });
      const alpha = await again.waitForState('alpha', 'RUNNING');
      await tmux.waitForScreen('reconnected, with the new daemon\'s pids', (s) => s.includes('● connected') && rowShows(s, 'alpha', 'RUNNING', alpha.pid));
      assert.equal(tmux.display('#{alternate_on} #{mouse_any_flag}'), '1 1', 'full screen with the mouse while running');
      tmux.keys('C-c');
      const after = await tmux.waitForScreen('the shell after the dashboard', (s) => /TTY-(SANE|RAW)/.test(s));
      // Back on the normal screen, mouse reporting off, cursor shown, the line discipline cooked again.
      assert.equal(tmux.display('#{alternate_on} #{mouse_any_flag} #{cursor_flag}'), '0 0 1');
      assert.match(after, /EXITED \d+\s+TTY-SANE/);
    }, undefined, '', `; echo "EXITED $?"; if stty -a | grep -Eq -- '(^| )-(echo|icanon)( |;|$)'; then echo TTY-RAW; else echo TTY-SANE; fi; exec sleep 600`);
  } finally {
    await d.stop();
    await (again as DaemonHandle | null)?.stop();
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

test('over TCP with auth, at 80×24 and with NO_COLOR: rows appear, stats are sampled by the daemon; a wrong password says so', { skip }, async () => {
  const port = await freePort();
  const d = await startDaemon({ programs: `${PROGRAMS}\n[inet_http_server]\nport = 127.0.0.1:${port}\nusername = admin\npassword = s3cret\n` });
  try {
    const url = `http://127.0.0.1:${port}`;
    await withDashboard(`-s ${url} -u admin -p s3cret`, async (tmux) => {
      const alpha = await d.waitForState('alpha', 'RUNNING');
      // RSS comes from tssupervisor.getProcessStats (a figure like 1.5M), never a dash, once sampled.
      const screen = await tmux.waitForScreen('alpha with its pid and RSS', (s) => new RegExp(`alpha\\s+RUNNING\\s+${alpha.pid}\\s+\\d+:\\d\\d:\\d\\d\\s+\\d+\\s+\\d+\\.\\d\\s+[\\d.]+[KMG]`).test(s));
      for (const line of screen.split('\n')) assert.ok([...line].length <= 80, `wider than the terminal: ${line}`);
      const sgr = tmux.screenWithEscapes().match(/\x1b\[[0-9;]*m/g) ?? [];
      assert.deepEqual(sgr.filter((code) => /\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|38;|48;)/.test(code)), [], 'NO_COLOR: no colour codes');
      assert.ok(sgr.length > 0, 'bold and inverse are still used');
      assert.ok(screen.includes('● connected'));
      tmux.keys('q');
      await tmux.waitForExit();
    }, { width: 80, height: 24 }, 'NO_COLOR=1');
    await withDashboard(`-s ${url} -u admin -p wrong`, async (tmux) => {
      await tmux.waitForScreen('the authentication error', (s) => s.includes('authentication failed'));
    }, { width: 80, height: 24 });
  } finally {
    await d.stop();
  }
});

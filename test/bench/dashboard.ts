// Dashboard figures (a script that prints, not a test): idle CPU of the dashboard process and of the
// daemon it watches, with 20 and with 500 programs, and how fast the selection follows a held `j`
// over 500 rows. Usage: npx tsc -p tsconfig.json && node dist/test/bench/dashboard.js [--seconds 20]

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { binDir } from '../helpers/paths.js';
import { startDaemon } from '../helpers/daemon.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 20) || 20;
const TICKS = 100; // USER_HZ

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function programs(n: number): string {
  let text = '';
  for (let i = 0; i < n; i++) text += `[program:p${String(i).padStart(3, '0')}]\ncommand = sleep 100000\nstartsecs = 0\nstdout_logfile = NONE\nstderr_logfile = NONE\n\n`;
  return text;
}

/** Time until the screen shows `row` selected (the › marker), after the keys were sent. */
async function timeToSelect(tmux: TmuxSession, row: string, send: () => Promise<void>): Promise<number> {
  const started = Date.now();
  await send();
  const sent = Date.now();
  await tmux.waitForScreen(`${row} selected`, (s) => new RegExp(`›\\s+${row}\\b`).test(s), 60_000);
  return Date.now() - (sent - started > 0 ? sent : started);
}

async function run(n: number): Promise<void> {
  const d = await startDaemon({ programs: programs(n) });
  const ctl = path.join(binDir, 'tssupervisorctl');
  const tmux = startTmux(`env -u NODE_EXTRA_CA_CERTS ${JSON.stringify(process.execPath)} ${JSON.stringify(ctl)} -s unix://${d.socket} dashboard`);
  try {
    await d.waitFor('all running', async () => (await d.call<Array<{ statename: string }>>('supervisor.getAllProcessInfo')).every((p) => p.statename === 'RUNNING'), 120_000);
    await tmux.waitForScreen('the table', (s) => s.includes('● connected') && /p000\s+RUNNING\s+\d+\s+\d+:\d\d:\d\d\s+\d+\s+[\d.]+/.test(s), 60_000);
    const pid = Number(tmux.display('#{pane_pid}'));
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('tssupervisorctl')) throw new Error('pane pid is not the dashboard');
    const daemonPid = d.child.pid ?? 0;
    await sleep(3000); // settle
    const t0 = [cpuTicks(pid), cpuTicks(daemonPid), Date.now()] as const;
    await sleep(seconds * 1000);
    const t1 = [cpuTicks(pid), cpuTicks(daemonPid), Date.now()] as const;
    const wall = (t1[2] - t0[2]) / 1000;
    const pct = (a: number, b: number) => (((b - a) / TICKS / wall) * 100).toFixed(2);
    console.log(`${n} programs, idle ${wall.toFixed(1)} s: dashboard ${pct(t0[0], t1[0])} % of a core, daemon ${pct(t0[1], t1[1])} % (stats sampling included)`);
    if (n >= 300) {
      const burst = await timeToSelect(tmux, 'p300', async () => tmux.keys(...Array<string>(300).fill('j')));
      console.log(`  300 × j in one burst: p300 selected ${burst} ms after the last key was sent`);
      tmux.keys('g');
      await tmux.waitForScreen('back at the top', (s) => /›\s+p000\b/.test(s));
      // A held key at 30 repeats per second for 5 s.
      const held = await timeToSelect(tmux, 'p150', async () => {
        for (let i = 0; i < 150; i++) {
          tmux.keys('j');
          await sleep(33);
        }
      });
      console.log(`  j held (150 repeats at 30/s): p150 selected ${held} ms after the last repeat`);
    }
  } finally {
    tmux.kill();
    await d.stop();
  }
}

for (const n of [20, 500]) await run(n);

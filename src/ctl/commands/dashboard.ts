// `dashboard [--lines N]`: the full-screen view (src/dash/main.ts), loaded only when asked for so blessed
// stays off the start-up path of every other command. Its exit status becomes the ctl's.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Handler } from '../commands.js';
import { ExitCodes, USAGE_EXIT } from '../exit-codes.js';

interface DashModule {
  runDashboard?: (opts: { serverUrl: string; username: string | null; password: string | null; logLines?: number }) => Promise<number | void>;
}

/** `--lines N` (lines kept per process and channel); null when the arguments are not understood. */
function parseArgs(arg: string): { logLines?: number } | null {
  const words = arg.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return {};
  const [flag, value] = words[0]?.startsWith('--lines=') ? ['--lines', words[0].slice('--lines='.length)] : words;
  const lines = Number(value);
  if (flag !== '--lines' || words.length > (words[0] === '--lines' ? 2 : 1) || !Number.isInteger(lines) || lines < 1) return null;
  return { logLines: lines };
}

export const dashboard: Handler = async (ctl, arg) => {
  const entry = new URL('../../dash/main.js', import.meta.url);
  if (!existsSync(fileURLToPath(entry))) {
    ctl.output('dashboard: not available yet');
    ctl.exitStatus = ExitCodes.GENERIC;
    return;
  }
  const args = parseArgs(arg);
  if (args === null) {
    ctl.output('Error: dashboard accepts only --lines N (lines kept per process and channel, default 5000)');
    ctl.exitStatus = USAGE_EXIT;
    return;
  }
  const mod = (await import(entry.href)) as DashModule;
  if (typeof mod.runDashboard === 'function') {
    const { serverUrl, username, password } = ctl.options;
    const code = await mod.runDashboard({ serverUrl, username, password, ...args });
    if (typeof code === 'number') ctl.exitStatus = code;
  }
};

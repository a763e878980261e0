// `dashboard`: the full-screen view (src/dash/main.ts), loaded only when asked for so blessed stays off
// the start-up path of every other command. Its exit status becomes the ctl's.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';

interface DashModule {
  runDashboard?: (opts: { serverUrl: string; username: string | null; password: string | null }) => Promise<number | void>;
}

export const dashboard: Handler = async (ctl) => {
  const entry = new URL('../../dash/main.js', import.meta.url);
  if (!existsSync(fileURLToPath(entry))) {
    ctl.output('dashboard: not available yet');
    ctl.exitStatus = ExitCodes.GENERIC;
    return;
  }
  const mod = (await import(entry.href)) as DashModule;
  if (typeof mod.runDashboard === 'function') {
    const { serverUrl, username, password } = ctl.options;
    const code = await mod.runDashboard({ serverUrl, username, password });
    if (typeof code === 'number') ctl.exitStatus = code;
  }
};

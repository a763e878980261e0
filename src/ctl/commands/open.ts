// `open <url>`: switch to another supervisord and show its status (the exit status is left as it was).

import type { Handler } from '../commands.js';
import { ExitCodes } from '../exit-codes.js';
import { showStatus } from './status.js';

export const open: Handler = async (ctl, arg) => {
  const url = arg.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'unix' && scheme !== 'http') {
    ctl.output('ERROR: url must be http:// or unix://');
    ctl.exitStatus = ExitCodes.GENERIC;
    return;
  }
  await ctl.reconnect({ serverUrl: url });
  ctl.options.serverUrlSource = 'command line';
  const before = ctl.exitStatus;
  await showStatus(ctl, []);
  ctl.exitStatus = before;
};

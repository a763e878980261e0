// `quit`, `exit` and end of input: leave the shell (supervisorctl prints an empty line first).

import type { Handler } from '../commands.js';

export const quit: Handler = async (ctl) => {
  ctl.output('');
  return true;
};

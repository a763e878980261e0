// Our addition to supervisorctl's terse "<url> no such file" / "<url> refused connection": which server URL,
// where it came from, and how to start the daemon. Printed on stderr only, so stdout stays identical.

import type { CtlOptions } from './options.js';

export function connectionHint(options: CtlOptions, kind: 'ENOENT' | 'ECONNREFUSED'): string {
  const url = options.serverUrl;
  const what = url.startsWith('unix://')
    ? kind === 'ENOENT'
      ? `the socket file ${url.slice('unix://'.length)} does not exist`
      : `nothing is listening on the socket ${url.slice('unix://'.length)}`
    : `nothing is listening at ${url}`;
  const from =
    options.serverUrlSource === 'config file'
      ? `server URL from [supervisorctl] in ${options.configFile}`
      : options.serverUrlSource === 'default'
        ? `the default URL: ${options.configFile ? `no serverurl in ${options.configFile}` : 'no config file given or found'}`
        : `server URL from ${options.serverUrlSource}`;
  const config = options.configFile ?? '<config file>';
  return [
    `tssupervisorctl: cannot reach supervisord: ${what} (${from})`,
    `hint: is tssupervisord running? start it with: tssupervisord -c ${config}`,
  ].join('\n');
}

// Tab completion as supervisorctl's (§5.5): actions, then group names after add/remove/update and
// process names (`name`, `group:name`, `group:*`) after the process actions.

import type { ProcessInfo } from './format.js';

/** Readline's default word delimiters minus ':', '*' and '-', so `group:*` and `my-app` are single words. */
const DELIMITERS = " \t\n`~!@#$%^&()=+[{]}\\|;'\",<>/?";

const GROUP_ACTIONS = new Set(['add', 'remove', 'update']);
const PROCESS_ACTIONS = new Set(['clear', 'fg', 'pid', 'restart', 'signal', 'start', 'status', 'stop', 'tail']);

export function currentWord(line: string): string {
  let start = line.length;
  while (start > 0 && !DELIMITERS.includes(line[start - 1]!)) start--;
  return line.slice(start);
}

/** Candidates (each with a trailing space) for the word at the end of `line`. */
export async function complete(
  line: string,
  actions: readonly string[],
  processInfo: () => Promise<readonly ProcessInfo[]>,
): Promise<string[]> {
  const text = currentWord(line);
  const words = line.split(/\s+/).filter((w) => w !== '');
  const action = words[0] ?? '';
  let candidates: string[] = [];
  if (line.trim() === '' || (words.length === 1 && !/\s$/.test(line)) || 'help'.includes(action)) {
    candidates = [...new Set(actions)];
  } else if (GROUP_ACTIONS.has(action)) {
    candidates = [...new Set((await processInfo()).map((info) => info.group))];
  } else if (PROCESS_ACTIONS.has(action)) {
    candidates = processNames(await processInfo(), text.includes(':'));
  }
  return candidates.filter((c) => c.startsWith(text)).map((c) => `${c} `);
}

function processNames(infos: readonly ProcessInfo[], qualified: boolean): string[] {
  const names: string[] = [];
  for (const info of infos) {
    if (qualified || info.name !== info.group) {
      names.push(`${info.group}:${info.name}`);
      if (!names.includes(`${info.group}:*`)) names.push(`${info.group}:*`);
    } else {
      names.push(info.name);
    }
  }
  return names;
}

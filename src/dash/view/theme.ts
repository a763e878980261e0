// Colour as blessed tags, or none at all when NO_COLOR is set (https://no-color.org): then emphasis
// is limited to bold and inverse, which are not colours.

export interface Theme {
  readonly color: boolean;
  fg(text: string, colour: string): string;
  bold(text: string): string;
  inverse(text: string): string;
  /** Search hits that are not the current one. */
  hit(text: string): string;
}

export function makeTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  const color = env.NO_COLOR === undefined || env.NO_COLOR === '';
  return {
    color,
    fg: (text, colour) => (color && text !== '' ? `{${colour}-fg}${text}{/${colour}-fg}` : text),
    bold: (text) => (text === '' ? text : `{bold}${text}{/bold}`),
    inverse: (text) => (text === '' ? text : `{inverse}${text}{/inverse}`),
    hit: (text) => (text === '' ? text : color ? `{black-fg}{yellow-bg}${text}{/yellow-bg}{/black-fg}` : `{underline}${text}{/underline}`),
  };
}

export const STATE_COLOURS: Readonly<Record<string, string>> = {
  RUNNING: 'green',
  STARTING: 'yellow',
  BACKOFF: 'yellow',
  STOPPING: 'yellow',
  STOPPED: 'gray',
  EXITED: 'gray',
  FATAL: 'red',
  UNKNOWN: 'red',
};

/** blessed reads `{…}` as tags; text from processes and users must not be. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (c) => (c === '{' ? '{open}' : '{close}'));
}

// Namespecs as supervisord reads and prints them: `name`, `group:name`, `group:*`, `group:`.

export interface ParsedNamespec {
  readonly group: string;
  /** null = the whole group (`group:*` or `group:`). */
  readonly process: string | null;
}

export function parseNamespec(spec: string): ParsedNamespec {
  const colon = spec.indexOf(':');
  if (colon === -1) return { group: spec, process: spec };
  const group = spec.slice(0, colon);
  const rest = spec.slice(colon + 1);
  return { group, process: rest === '' || rest === '*' ? null : rest };
}

export function makeNamespec(group: string, name: string): string {
  return group === name ? name : `${group}:${name}`;
}

// Python's getopt.getopt, which supervisorctl uses: stops at the first non-option word (no permutation),
// accepts unique prefixes of long options, and has its own error texts, which users see verbatim.

export class GetoptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GetoptError';
  }
}

export interface GetoptResult {
  /** [option as typed in canonical form ('-s' or '--serverurl'), value ('' for flags)] in argv order. */
  readonly opts: ReadonlyArray<readonly [string, string]>;
  readonly args: readonly string[];
}

/** shortopts like "h?c:i"; longopts like ["help", "serverurl="]. */
export function getopt(argv: readonly string[], shortopts: string, longopts: readonly string[]): GetoptResult {
  const opts: Array<readonly [string, string]> = [];
  let args = [...argv];
  while (args.length > 0 && args[0]!.startsWith('-') && args[0] !== '-') {
    const word = args.shift()!;
    if (word === '--') break;
    if (word.startsWith('--')) args = takeLong(word.slice(2), args, longopts, opts);
    else args = takeShorts(word.slice(1), args, shortopts, opts);
  }
  return { opts, args };
}

function takeLong(
  text: string,
  args: string[],
  longopts: readonly string[],
  opts: Array<readonly [string, string]>,
): string[] {
  const eq = text.indexOf('=');
  const typed = eq === -1 ? text : text.slice(0, eq);
  let value: string | undefined = eq === -1 ? undefined : text.slice(eq + 1);
  const [hasArg, name] = resolveLong(typed, longopts);
  if (hasArg) {
    if (value === undefined) {
      if (args.length === 0) throw new GetoptError(`option --${name} requires argument`);
      value = args.shift()!;
    }
  } else if (value !== undefined) {
    throw new GetoptError(`option --${name} must not have an argument`);
  }
  opts.push([`--${name}`, value ?? '']);
  return args;
}

function resolveLong(typed: string, longopts: readonly string[]): [boolean, string] {
  const candidates = longopts.filter((o) => o.startsWith(typed));
  if (candidates.length === 0) throw new GetoptError(`option --${typed} not recognized`);
  if (candidates.includes(typed)) return [false, typed];
  if (candidates.includes(`${typed}=`)) return [true, typed];
  if (candidates.length > 1) throw new GetoptError(`option --${typed} not a unique prefix`);
  const only = candidates[0]!;
  return only.endsWith('=') ? [true, only.slice(0, -1)] : [false, only];
}

function takeShorts(
  cluster: string,
  args: string[],
  shortopts: string,
  opts: Array<readonly [string, string]>,
): string[] {
  let rest = cluster;
  while (rest !== '') {
    const opt = rest[0]!;
    rest = rest.slice(1);
    if (shortHasArg(opt, shortopts)) {
      if (rest === '') {
        if (args.length === 0) throw new GetoptError(`option -${opt} requires argument`);
        rest = args.shift()!;
      }
      opts.push([`-${opt}`, rest]);
      rest = '';
    } else {
      opts.push([`-${opt}`, '']);
    }
  }
  return args;
}

function shortHasArg(opt: string, shortopts: string): boolean {
  for (let i = 0; i < shortopts.length; i++) {
    if (opt === shortopts[i] && opt !== ':') return shortopts[i + 1] === ':';
  }
  throw new GetoptError(`option -${opt} not recognized`);
}

// Runs one list of command lines through two ctl programs against the SAME daemon and compares stdout,
// stderr and exit status after normalising what legitimately differs (pids, uptimes, dates, temp paths,
// program paths, Python's `file: … line: …` suffix, our stderr hints, our -h additions).
// Point it at real supervisord or at tssupervisord: the oracle ctl is supervisorctl either way.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CROSSCHECK_STEPS, type Action, type Step } from './ctl-crosscheck-steps.js';

export { CROSSCHECK_STEPS, type Action, type Step };

export interface CrossCheckTarget {
  /** The daemon's server URL (also the `[supervisorctl] serverurl` of configFile). */
  readonly serverUrl: string;
  /** The daemon's config file; `{config: name}` actions overwrite it with `configVariants[name]`. */
  readonly configFile: string;
  readonly configVariants: Readonly<Record<string, string>>;
  /** URL of an HTTP server of the same daemon that requires user `user`, password `123`. */
  readonly authUrl: string;
  /** Directory for extra files and for normalising temp paths. */
  readonly tmpDir: string;
  /** The ctl under test, as argv (e.g. ['node', 'bin/tssupervisorctl']). */
  readonly candidate: readonly string[];
  readonly oracle?: readonly string[];
  /** Waits until the daemon answers and no process is STARTING/BACKOFF. */
  readonly settle: () => Promise<void>;
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

export interface StepOutcome {
  readonly step: Step;
  readonly oracle: RunResult;
  readonly candidate: RunResult;
  readonly same: boolean;
}

const ORACLE = ['/usr/bin/supervisorctl'];

export async function runCrossCheck(target: CrossCheckTarget, steps = CROSSCHECK_STEPS): Promise<StepOutcome[]> {
  const oracle = target.oracle ?? ORACLE;
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    for (const [name, text] of Object.entries(step.files ?? {})) writeFileSync(path.join(target.tmpDir, name), expand(text, target));
    await prepare(target, oracle, step.before ?? []);
    const oracleResult = ordered(step, interruptRace(normalise(await runCtl(oracle, step, target), target, oracle)));
    await prepare(target, oracle, step.before ?? []);
    const candidateResult = ordered(step, normalise(await runCtl(target.candidate, step, target), target, target.candidate));
    const same =
      oracleResult.code === candidateResult.code &&
      oracleResult.stdout === candidateResult.stdout &&
      oracleResult.stderr === candidateResult.stderr;
    outcomes.push({ step, oracle: oracleResult, candidate: candidateResult, same });
  }
  return outcomes;
}

/**
 * supervisorctl's tail -f has a race: a Ctrl-C that lands while its HTTP handler runs (not in select()) is
 * reported as `<url> Cannot connect, error: <class 'KeyboardInterrupt'> ()` on stderr instead of the empty
 * line on stdout. Both mean "the user pressed Ctrl-C"; compare against the common form.
 */
function interruptRace(result: RunResult): RunResult {
  // Its `fg` has a sibling race on the way out: the log thread may report the exiting main thread's
  // SystemExit as a connection error. Nothing the user did; drop it.
  const lines = result.stderr.split('\n').filter((line) => !/ Cannot connect, error: <class 'SystemExit'> \(\)$/.test(line));
  const raced = lines.filter((line) => / Cannot connect, error: <class 'KeyboardInterrupt'> \(\)$/.test(line));
  if (raced.length === 0) return { ...result, stderr: lines.join('\n') };
  return {
    ...result,
    stdout: `${result.stdout}\n`,
    stderr: lines.filter((line) => !raced.includes(line)).join('\n'),
  };
}

/** Results of group/all operations arrive in completion order, which the daemon does not fix. */
function ordered(step: Step, result: RunResult): RunResult {
  if (!step.unordered) return result;
  return { ...result, stdout: result.stdout.split('\n').sort().join('\n') };
}

/** A readable account of every differing step, for the assertion message. */
export function describeDifferences(outcomes: readonly StepOutcome[]): string {
  return outcomes
    .filter((o) => !o.same)
    .map((o) => {
      const show = (r: RunResult): string => `exit ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
      return `### ${[...(o.step.options ?? []), o.step.line].join(' ')}\n[supervisorctl]\n${show(o.oracle)}\n[candidate]\n${show(o.candidate)}`;
    })
    .join('\n\n');
}

async function prepare(target: CrossCheckTarget, oracle: readonly string[], actions: readonly Action[]): Promise<void> {
  for (const action of actions) {
    if (typeof action === 'string') await runCtl(oracle, { line: action }, target);
    else if ('config' in action) writeFileSync(target.configFile, target.configVariants[action.config] ?? '');
    else await target.settle();
  }
}

function expand(text: string, target: CrossCheckTarget): string {
  return text
    .replaceAll('{tmp}', target.tmpDir)
    .replaceAll('{config}', target.configFile)
    .replaceAll('{serverUrl}', target.serverUrl)
    .replaceAll('{authUrl}', target.authUrl);
}

function argvFor(step: Step, target: CrossCheckTarget): string[] {
  const options = (step.options ?? ['-c', '{config}']).map((o) => expand(o, target));
  const words = step.line === '' ? [] : expand(step.line, target).split(' ');
  return [...options, ...words];
}

export function runCtl(command: readonly string[], step: Step, target: CrossCheckTarget): Promise<RunResult> {
  const [file, ...prefix] = command;
  const child = spawn(file!, [...prefix, ...argvFor(step, target)], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C.UTF-8' } });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (step.interruptWhen && !interrupted && step.interruptWhen.test(stdout)) {
      interrupted = true;
      child.kill('SIGINT');
    }
    if (step.closeStdinWhen?.test(stdout)) child.stdin.end();
    if (step.killWhen?.test(stdout)) child.kill('SIGKILL');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => {});
  if (step.stdin !== undefined) child.stdin.write(step.stdin);
  if (!step.closeStdinWhen) child.stdin.end();
  const timeoutMs = target.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    let timedOut = false;
    // A hung run is recorded as a difference (exit -1), so one bad step does not hide the others.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ stdout, stderr: `${stderr}<killed after ${timeoutMs} ms>\n`, code: -1 });
      else resolve({ stdout, stderr, code: step.killWhen ? null : code });
    });
  });
}

/** Everything that may legitimately differ between two runs or two programs. */
export function normalise(result: RunResult, target: Pick<CrossCheckTarget, 'tmpDir'>, command: readonly string[]): RunResult {
  const program = command[command.length - 1]!;
  const common = (text: string): string =>
    text
      .replaceAll(target.tmpDir, '<tmp>')
      .replaceAll(program, '<ctl>')
      .replace(/pid \d+, uptime (\d+ days?, )?\d+:\d\d:\d\d/g, 'pid <pid>, uptime <uptime>')
      .replace(/[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M/g, '<date>')
      .replace(/^[1-9]\d*$/gm, '<pid>')
      .replace(/: file: \S+ line: \d+$/gm, '')
      .replace(/\ntssupervisorctl additions[\s\S]*$/, '\n');
  const stderr = common(result.stderr)
    .split('\n')
    .filter((line) => !/^(hint: |tssupervisorctl: cannot reach )/.test(line))
    .join('\n');
  return { stdout: common(result.stdout), stderr, code: result.code };
}

// What the two bundle suites (test/unit/ctl/bundle.test.ts, test/unit/daemon/bundle.test.ts) share: a throw-away
// tree laid out like the installed package, and a command's whole answer as one comparable text.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binDir, repoRoot } from './paths.js';

export interface PackageTree {
  readonly root: string;
  /** bin/<command>, a copy (so that it resolves dist/ inside the tree). */
  readonly bin: string;
  /** Where dist/bundle/<command>.cjs goes: the caller builds it. */
  readonly bundle: string;
  cleanup(): void;
}

/** bin/ (the command, its shared runner and package.json, copied), dist/src and node_modules (linked), dist/bundle (empty). */
export function packageTree(command: 'tssupervisorctl' | 'tssupervisord'): PackageTree {
  const root = mkdtempSync(path.join(os.tmpdir(), `${command}-bundle-`));
  mkdirSync(path.join(root, 'bin'));
  mkdirSync(path.join(root, 'dist', 'bundle'), { recursive: true });
  for (const file of [command, 'run-bundle.js', 'package.json']) copyFileSync(path.join(binDir, file), path.join(root, 'bin', file));
  symlinkSync(path.join(repoRoot, 'dist', 'src'), path.join(root, 'dist', 'src'));
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  return {
    root,
    bin: path.join(root, 'bin', command),
    bundle: path.join(root, 'dist', 'bundle', `${command}.cjs`),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs `file args` (async: a server in this process can answer meanwhile) and returns exit status, stdout and stderr. */
export async function transcript(file: string, args: readonly string[], env: Record<string, string> = {}, cwd?: string): Promise<string> {
  const child = spawn(file, args, { env: { ...process.env, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  assert.notEqual(code, null, `${[file, ...args].join(' ')} did not finish`);
  return `exit ${code}\n--- stdout\n${stdout}--- stderr\n${stderr}`;
}

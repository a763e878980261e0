// What the two build steps (bundle-ctl.ts, bundle-daemon.ts) share: where dist is, esbuild (a devDependency, so
// maybe absent), the options both bundles are built with, and the manifest of dist inputs that bin/ checks to run
// a bundle only while it is fresh.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Esbuild = typeof import('esbuild');
type BuildOptions = Parameters<Esbuild['build']>[0];
type BuildResult = Awaited<ReturnType<Esbuild['build']>>;

export const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** esbuild, or null when it is not installed (the bins then start from dist/src). */
export async function loadEsbuild(): Promise<Esbuild | null> {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

/** `import(` not followed by a relative literal: the dynamic imports esbuild leaves to run time. */
export const OUTSIDE_IMPORT = /\bimport\((?!\s*['"]\.)/g;

/** One CommonJS file for Node 20 from one entry, with a banner; the caller adds its own settings and plugin. */
export function bundleOptions(entry: string, bundleFile: string, banner: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: [entry],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The bins read bundles as latin1 (no UTF-8 decoding): they must be ASCII (finishBundle finishes the job).
    charset: 'ascii',
    minifyWhitespace: true,
    metafile: true,
    logLevel: 'silent',
    banner: { js: banner },
  };
}

/**
 * Finishes a bundle as bin/run-bundle.js takes it. ASCII throughout (esbuild's `charset: 'ascii'` leaves comments
 * alone, so they are escaped here): read as latin1 it is a one-byte string in V8's heap, where one non-ASCII
 * character anywhere would make the whole source a two-byte string (the daemon's: 1.7 MiB instead of 0.63 for its
 * whole life). Already inside CommonJS's function wrapper: the source string V8 compiles is the one read from the
 * file, not a concatenation it would copy first.
 */
export function finishBundle(bundleFile: string, transform: (text: string) => string = (t) => t): void {
  const text = transform(fs.readFileSync(bundleFile, 'utf8')).replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  fs.writeFileSync(bundleFile, `${BUNDLE_WRAPPER_START}\n${text}\n})`);
}

/** The first line of a finished bundle, as bin/run-bundle.js checks for it (a bundle without it gets wrapped there). */
export const BUNDLE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

/** A bundle built with warnings is not trusted: they are thrown, formatted as esbuild prints them. */
export async function throwOnProblems(esbuild: Esbuild, result: BuildResult, what: string): Promise<void> {
  const problems = [...result.errors, ...result.warnings];
  if (problems.length === 0) return;
  const text = await esbuild.formatMessages(problems, { kind: 'warning' });
  throw new Error(`bundling ${what} reported problems:\n${text.join('\n')}`);
}

/**
 * The manifest of a bundle: every dist file it was built from, with its size. The bundle is fresh while each is
 * there with that size and not newer than the bundle (npm gives every file of a package the same mtime).
 */
export function manifestFileOf(bundleFile: string): string {
  return bundleFile.replace(/\.cjs$/, '.inputs.json');
}

/** A path as the bundle's manifest and `__tssModuleUrl` name it: relative to the bundle, with forward slashes. */
export function relativeTo(bundleFile: string, file: string): string {
  return path.relative(path.dirname(bundleFile), file).split(path.sep).join('/');
}

/** Writes the manifest of dist inputs; packages are not listed (they change only with an install, which rebuilds). */
export function writeManifest(result: { metafile: { inputs: Record<string, unknown> } }, bundleFile: string): { inputs: number; packages: number } {
  const inputs: Record<string, number> = {};
  let packages = 0;
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(input);
    if (file.startsWith(DIST_DIR + path.sep)) inputs[relativeTo(bundleFile, file)] = fs.statSync(file).size;
    else packages++;
  }
  fs.writeFileSync(manifestFileOf(bundleFile), `${JSON.stringify(inputs)}\n`);
  return { inputs: Object.keys(inputs).length, packages };
}

// Build step (run by `npm run build` after tsc): tssupervisorctl as one CommonJS file, dist/bundle/tssupervisorctl.cjs.
// Why: Node 20 spends about a millisecond per ES module on resolving, loading and linking, and `status` needs
// some thirty of them; a single CommonJS file also spares the ES module loader altogether. bin/tssupervisorctl
// runs the bundle only while every file it was built from is unchanged (the manifest written next to it), so
// a plain `tsc` rebuild never leaves a stale ctl behind: it falls back to dist/src.
// Without esbuild (a devDependency) the step says so and does nothing; the ctl then starts from dist/src.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the bundle and its manifest go, and the entry it starts from. */
export const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUNDLE_FILE = path.join(DIST_DIR, 'bundle', 'tssupervisorctl.cjs');
const ENTRY = path.join(DIST_DIR, 'src', 'ctl', 'main.js');
/** Loaded from dist/src at run time, never bundled: the full-screen view. */
const KEEP_OUT = path.join(DIST_DIR, 'src', 'dash') + path.sep;

/**
 * A module's own URL in a CommonJS bundle: `import.meta.url` has no value there, so every use is rewritten to the
 * URL of the module's original file (relative to the bundle, which is where this helper resolves it from).
 */
const BANNER = "const __tssModuleUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;";

type Esbuild = typeof import('esbuild');

/** The manifest of a bundle: every dist file it was built from, with its mtime. */
export function manifestFileOf(bundleFile: string): string {
  return bundleFile.replace(/\.cjs$/, '.inputs.json');
}

/** Builds the bundle (by default where bin/tssupervisorctl looks for it) and its manifest. */
export async function bundleCtl(esbuild: Esbuild, bundleFile = BUNDLE_FILE): Promise<{ inputs: number; bytes: number }> {
  const relativeToBundle = (file: string): string => path.relative(path.dirname(bundleFile), file).split(path.sep).join('/');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: bundleFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    metafile: true,
    logLevel: 'silent',
    banner: { js: BANNER },
    // Packages stay where npm put them: required (lazily, like the modules that use them) from node_modules.
    packages: 'external',
    plugins: [
      {
        name: 'tssupervisorctl',
        setup(build) {
          build.onResolve({ filter: /^\./ }, (args) => {
            const target = path.resolve(args.resolveDir, args.path);
            return target.startsWith(KEEP_OUT) ? { path: relativeToBundle(target), external: true } : undefined;
          });
          build.onLoad({ filter: /\.js$/ }, async (args) => {
            const text = await fs.promises.readFile(args.path, 'utf8');
            if (!text.includes('import.meta.url')) return undefined;
            return { contents: text.replaceAll('import.meta.url', `__tssModuleUrl(${JSON.stringify(relativeToBundle(args.path))})`), loader: 'js' };
          });
        },
      },
    ],
  });
  const problems = [...result.errors, ...result.warnings];
  if (problems.length > 0) {
    const text = await esbuild.formatMessages(problems, { kind: 'warning' });
    throw new Error(`bundling tssupervisorctl reported problems:\n${text.join('\n')}`);
  }
  const inputs: Record<string, number> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = path.resolve(input);
    if (!file.startsWith(DIST_DIR + path.sep)) continue; // packages change only with an install, which rebuilds
    inputs[relativeToBundle(file)] = fs.statSync(file).mtimeMs;
  }
  fs.writeFileSync(manifestFileOf(bundleFile), `${JSON.stringify(inputs)}\n`);
  return { inputs: Object.keys(inputs).length, bytes: fs.statSync(bundleFile).size };
}

async function main(): Promise<void> {
  let esbuild: Esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stdout.write('bundle-ctl: esbuild is not installed; tssupervisorctl will start from dist/src (slower start)\n');
    return;
  }
  fs.rmSync(path.dirname(BUNDLE_FILE), { recursive: true, force: true });
  const { inputs, bytes } = await bundleCtl(esbuild);
  process.stdout.write(`bundle-ctl: ${path.relative(process.cwd(), BUNDLE_FILE)} (${Math.round(bytes / 1024)} KiB from ${inputs} modules)\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

// Build step (run by `npm run build` after bundle-ctl): tssupervisord as one CommonJS file,
// dist/bundle/tssupervisord.cjs, with its packages inside. Why: before it does anything, the daemon used to spend
// ~0.2-0.3 s in Node 20's ES module loader over some 320 modules (execa and its helpers alone are ~100), and every
// daemonized start pays it twice (the parent, then the copy). One file compiled from a V8 code cache (trained by
// real short daemon runs, src/build/train-daemon.ts) skips resolving, loading, linking and most compiling.
// bin/tssupervisord runs the bundle only while no dist file it was built from changed (the manifest next to it,
// as for the ctl's bundle), so a plain `tsc` rebuild falls back to dist/src. Packages are bundled, unlike in the
// ctl's: they are most of the daemon's modules; they change only with an install, which rebuilds.

import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions, DIST_DIR, loadEsbuild, finishBundle, manifestFileOf, OUTSIDE_IMPORT, relativeTo, throwOnProblems, writeManifest, type Esbuild } from './bundle-common.js';
import { codeCacheFileOf, trainDaemonCodeCache, type CacheFlavour } from './train-daemon.js';

export const DAEMON_BUNDLE_FILE = path.join(DIST_DIR, 'bundle', 'tssupervisord.cjs');
const ENTRY = path.join(DIST_DIR, 'src', 'daemon', 'main.js');
const BUILTINS = new Set(builtinModules);
const FLAVOURS: readonly CacheFlavour[] = ['lite', 'plain'];

/**
 * What a CommonJS bundle run from a V8 code cache cannot do as the modules did. `import.meta.url` has no value
 * there: each use becomes the URL of the module's original file, relative to the bundle (our version.js reads
 * package.json through it; fdir makes a require with it). `import()` of anything not bundled has no loader in code
 * compiled by vm.Script: it goes through the importer bin/tssupervisord sets, or the native one.
 */
const BANNER = [
  "const __tssModuleUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;",
  'const __tssImport = (specifier) => (globalThis.__tssupervisordImport ?? ((s) => import(s)))(specifier);',
].join('\n');

/**
 * fdir (under tinyglobby) loads picomatch at start-up with a require that esbuild leaves to run time, inside a
 * try: from the bundle that is a second copy of picomatch, read and compiled from node_modules by the CommonJS
 * loader without any cache. It is imported instead, so the copy already in the bundle serves.
 */
const OPTIONAL_PICOMATCH = /__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/;

/** Builds the daemon's bundle (by default where bin/tssupervisord looks for it) and its manifest of dist inputs. */
export async function bundleDaemon(esbuild: Esbuild, bundleFile = DAEMON_BUNDLE_FILE): Promise<{ inputs: number; packages: number; bytes: number }> {
  const relativeToBundle = (file: string): string => relativeTo(bundleFile, file);
  const result = await esbuild.build({
    ...bundleOptions(ENTRY, bundleFile, BANNER),
    plugins: [
      {
        name: 'tssupervisord',
        setup(build) {
          build.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
            const text = await fs.promises.readFile(args.path, 'utf8');
            const ours = args.path.startsWith(DIST_DIR + path.sep);
            const optional = OPTIONAL_PICOMATCH.test(text);
            // Only our own files get their import( rewritten: in packages it appears in comments too.
            if (!optional && !text.includes('import.meta.url') && !(ours && text.search(OUTSIDE_IMPORT) !== -1)) return undefined;
            let contents = text.replaceAll('import.meta.url', `__tssModuleUrl(${JSON.stringify(relativeToBundle(args.path))})`);
            if (optional) contents = `import __tssPicomatch from 'picomatch';\n${contents.replace(OPTIONAL_PICOMATCH, 'pm = __tssPicomatch;')}`;
            if (ours) contents = contents.replace(OUTSIDE_IMPORT, '__tssImport(');
            return { contents, loader: 'js' };
          });
        },
      },
    ],
  });
  await throwOnProblems(esbuild, result, 'tssupervisord');
  // A package's dynamic import left to run time would fail in cached code, and a require of one loads a second,
  // uncached copy of what the bundle already holds: say so now, not in production.
  const leftToRunTime = Object.values(result.metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.kind === 'dynamic-import' || (i.kind === 'require-call' && !i.path.startsWith('node:') && !BUILTINS.has(i.path)));
  if (leftToRunTime.length > 0) {
    throw new Error(`bundling tssupervisord: import() or require() left to run time: ${leftToRunTime.map((i) => i.path).join(', ')}`);
  }
  finishBundle(bundleFile);
  const { inputs, packages } = writeManifest(result, bundleFile);
  return { inputs, packages, bytes: fs.statSync(bundleFile).size };
}

async function main(): Promise<void> {
  const esbuild = await loadEsbuild();
  if (esbuild === null) {
    process.stdout.write('bundle-daemon: esbuild is not installed; tssupervisord will start from dist/src (slower start)\n');
    return;
  }
  // Only our own files: dist/bundle also holds the ctl's.
  for (const file of [DAEMON_BUNDLE_FILE, manifestFileOf(DAEMON_BUNDLE_FILE), ...FLAVOURS.map((f) => codeCacheFileOf(DAEMON_BUNDLE_FILE, f))]) {
    fs.rmSync(file, { force: true });
  }
  const { inputs, packages, bytes } = await bundleDaemon(esbuild);
  const bin = path.join(DIST_DIR, '..', 'bin', 'tssupervisord');
  const failed: CacheFlavour[] = [];
  for (const flavour of FLAVOURS) if (!(await trainDaemonCodeCache(DAEMON_BUNDLE_FILE, bin, flavour))) failed.push(flavour);
  const cacheNote =
    failed.length === 0 ? ', code caches trained' : `, no ${failed.join(' or ')} code cache (its training run failed; the bundle works without it)`;
  const size = `${Math.round(bytes / 1024)} KiB from ${inputs} modules and ${packages} package files`;
  process.stdout.write(`bundle-daemon: ${path.relative(process.cwd(), DAEMON_BUNDLE_FILE)} (${size}${cacheNote})\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

'use strict';
// What bin/tssupervisorctl and bin/tssupervisord share: run a command's single-file build (dist/bundle, made by
// `npm run build`, see src/build/) while no file it was built from has changed since, compiled with the V8 code
// cache the build trained for it when that is there too. The callers fall back to dist/src otherwise.
const fs = require('node:fs');
const path = require('node:path');

const BUNDLE_DIR = path.join(__dirname, '..', 'dist', 'bundle');
const NO_THROW = { throwIfNoEntry: false };

/** dist/bundle/<name>.cjs while it is fresh, else null. */
function freshBundle(name) {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(path.join(BUNDLE_DIR, `${name}.inputs.json`), 'utf8'));
  } catch {
    return null;
  }
  const bundle = path.join(BUNDLE_DIR, `${name}.cjs`);
  const built = fs.statSync(bundle, NO_THROW);
  if (built === undefined) return null;
  // Stale once any input is newer (a tsc run since) or differs in size; npm gives all files one mtime.
  // The names are joined as plain text (the kernel resolves their `..`): path.join per file costs a millisecond.
  const prefix = BUNDLE_DIR + path.sep;
  for (const file in inputs) {
    const stat = fs.statSync(prefix + file, NO_THROW);
    if (stat === undefined || stat.size !== inputs[file] || stat.mtimeMs > built.mtimeMs) return null;
  }
  return bundle;
}

/** Reads the cache only when it is newer than the bundle: V8 checks the source's length, not its text. */
function codeCacheFor(bundle, cacheFile) {
  const cache = fs.statSync(cacheFile, NO_THROW);
  if (cache === undefined || cache.mtimeMs < fs.statSync(bundle).mtimeMs) return undefined;
  return fs.readFileSync(cacheFile);
}

/**
 * Runs the bundle as CommonJS would, compiled with `cacheFile`, or (`training`) writing that cache at exit, so
 * that it holds every function the run compiled. `importer`: the global the bundle's import() goes through, as
 * code compiled by vm.Script has no loader for it. Bundles are ASCII and come inside CommonJS's function wrapper
 * (src/build/bundle-common.ts): read as latin1, V8 takes a one-byte string as it is, without decoding or copying.
 */
function runBundle(bundle, { cacheFile, training, importer }) {
  const vm = require('node:vm');
  const { createRequire, wrap } = require('node:module');
  const source = fs.readFileSync(bundle, 'latin1');
  // The build writes the wrapper in (BUNDLE_WRAPPER_START, src/build/bundle-common.ts); an older bundle gets it here.
  const wrapped = source.startsWith('(function (exports, require, module, __filename, __dirname) {\n');
  const script = new vm.Script(wrapped ? source : wrap(source), {
    filename: bundle,
    cachedData: training ? undefined : codeCacheFor(bundle, cacheFile),
  });
  globalThis[importer] = (specifier) => import(specifier);
  if (training) process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  const bundleModule = { exports: {} };
  script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
}

module.exports = { freshBundle, runBundle };

// Build step (run by `npm run build` after tsc): tssupervisorctl as one CommonJS file, dist/bundle/tssupervisorctl.cjs.
// Why: Node 20 spends about a millisecond per ES module on resolving, loading and linking, and `status` needs
// some thirty of them; a single CommonJS file also spares the ES module loader altogether. bin/tssupervisorctl
// runs the bundle only while no file it was built from is newer than it (the manifest written next to it), so
// a plain `tsc` rebuild never leaves a stale ctl behind: it falls back to dist/src.
// Then one training run of `status` through bin/tssupervisorctl leaves a V8 code cache next to the bundle (the
// functions a run needs, already compiled). Without esbuild (a devDependency) the step says so and does
// nothing; the ctl then starts from dist/src.

// The training run starts the ctl as a child; this is the build, not the daemon (whose spawns go through execa).
// eslint-disable-next-line no-restricted-imports
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions, DIST_DIR, loadEsbuild, finishBundle, manifestFileOf, OUTSIDE_IMPORT, relativeTo, throwOnProblems, writeManifest, type Esbuild } from './bundle-common.js';

export { DIST_DIR, manifestFileOf } from './bundle-common.js';

/** Where the bundle goes, and the entry it starts from. */
export const BUNDLE_FILE = path.join(DIST_DIR, 'bundle', 'tssupervisorctl.cjs');
const ENTRY = path.join(DIST_DIR, 'src', 'ctl', 'main.js');
/** Loaded from dist/src at run time, never bundled: the full-screen view. */
const KEEP_OUT = path.join(DIST_DIR, 'src', 'dash') + path.sep;

/**
 * Two things a CommonJS bundle run from a V8 code cache cannot do as the modules did. `import.meta.url` has no
 * value there: each use becomes the URL of the module's original file (resolved relative to the bundle). And
 * `import()` of what stays outside the bundle (node: builtins, the dashboard) loses its loader in code that
 * comes from the cache: those go through the importer bin/tssupervisorctl provides, or the native one.
 */
const BANNER = [
  "const __tssModuleUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;",
  'const __tssImport = (specifier) => (globalThis.__tssupervisorctlImport ?? ((s) => import(s)))(specifier);',
  'const __tssBuiltin = (mod) => Object.create(mod, { default: { value: mod, enumerable: true } });',
].join('\n');

/**
 * esbuild's interop for `import fs from 'node:fs'` (__toESM) copies every export of the builtin onto a new
 * object, a getter each: about a millisecond of the ctl's start-up for its ten such imports. A builtin is
 * plain CommonJS, so an object whose `default` is the module and whose prototype is the module answers the
 * same (named imports are property reads).
 */
const BUILTIN_INTEROP = /__toESM\((require\("node:[\w/]+"\)),\s*1\)/g;

/** Builds the bundle (by default where bin/tssupervisorctl looks for it) and its manifest. */
export async function bundleCtl(esbuild: Esbuild, bundleFile = BUNDLE_FILE): Promise<{ inputs: number; bytes: number }> {
  const relativeToBundle = (file: string): string => relativeTo(bundleFile, file);
  const result = await esbuild.build({
    ...bundleOptions(ENTRY, bundleFile, BANNER),
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
            if (!text.includes('import.meta.url') && text.search(OUTSIDE_IMPORT) === -1) return undefined;
            const contents = text
              .replaceAll('import.meta.url', `__tssModuleUrl(${JSON.stringify(relativeToBundle(args.path))})`)
              .replace(OUTSIDE_IMPORT, '__tssImport(');
            return { contents, loader: 'js' };
          });
        },
      },
    ],
  });
  await throwOnProblems(esbuild, result, 'tssupervisorctl');
  finishBundle(bundleFile, (text) => text.replace(BUILTIN_INTEROP, '__tssBuiltin($1)'));
  const { inputs } = writeManifest(result, bundleFile);
  return { inputs, bytes: fs.statSync(bundleFile).size };
}

/** A stand-in daemon for the training run: our JSON API with three RUNNING processes. */
function trainingServer(): http.Server {
  const now = Math.floor(Date.now() / 1000);
  const infos = ['api', 'web', 'worker'].map((name, i) => ({
    name, group: name, start: now - 60, stop: 0, now, state: 20, statename: 'RUNNING', spawnerr: '', exitstatus: 0,
    logfile: '', stdout_logfile: '', stderr_logfile: '', pid: 100 + i, description: `pid ${100 + i}, uptime 0:01:00`,
  }));
  const answers: Record<string, unknown> = { 'supervisor.getVersion': '3.0', 'supervisor.getAllProcessInfo': infos };
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { method } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { method?: string };
      const body = method !== undefined && method in answers ? { result: answers[method] } : { error: { code: 1, name: 'UNKNOWN_METHOD', message: 'UNKNOWN_METHOD' } };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
}

/** Runs `status` once through bin/tssupervisorctl with the cache switched to writing; true when one was written. */
export async function trainCodeCache(bundleFile = BUNDLE_FILE, bin = path.join(DIST_DIR, '..', 'bin', 'tssupervisorctl')): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-ctl-'));
  const socketPath = path.join(dir, 'train.sock');
  const server = trainingServer();
  try {
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    // Through a config file, as most runs go: its reader is then in the cache too.
    const config = path.join(dir, 'supervisord.conf');
    const programs = ['api', 'web', 'worker'].map((name) => `[program:${name}]\ncommand = /bin/sleep 1000 ; %(program_name)s\n`);
    fs.writeFileSync(config, [`[supervisorctl]\nserverurl = unix://${socketPath}\n`, ...programs].join('\n'));
    const child = spawn(process.execPath, [bin, '-c', config, 'status'], {
      stdio: 'ignore',
      env: { ...process.env, TSSUPERVISORCTL_TRAIN_CODE_CACHE: '1', TSSUPERVISORCTL_BUNDLE: '1' },
    });
    const [code] = (await once(child, 'close')) as [number | null];
    return code === 0 && fs.existsSync(bundleFile.replace(/\.cjs$/, '.v8cache'));
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const esbuild = await loadEsbuild();
  if (esbuild === null) {
    process.stdout.write('bundle-ctl: esbuild is not installed; tssupervisorctl will start from dist/src (slower start)\n');
    return;
  }
  // Only our own files: dist/bundle also holds the daemon's.
  for (const file of [BUNDLE_FILE, manifestFileOf(BUNDLE_FILE), BUNDLE_FILE.replace(/\.cjs$/, '.v8cache')]) fs.rmSync(file, { force: true });
  const { inputs, bytes } = await bundleCtl(esbuild);
  const cached = await trainCodeCache();
  const cacheNote = cached ? ', code cache trained' : ', no code cache (the training run failed; the bundle works without it)';
  process.stdout.write(`bundle-ctl: ${path.relative(process.cwd(), BUNDLE_FILE)} (${Math.round(bytes / 1024)} KiB from ${inputs} modules${cacheNote})\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

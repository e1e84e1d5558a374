// Builds dist/cli/vsynclab.cjs, the whole CLI as one CommonJS file, and its
// V8 code cache (dist/cli/vsynclab.cjs.cache), which bin/vsynclab.js loads
// with vm.Script's `cachedData`. Why: on Node 20 (no module compile cache)
// compiling the CLI's ~100 ES modules at every start cost more than the
// simulation of a small run; with the cache a one-seed `run` starts in
// about 1.2x the time of `node -e 0` instead of 2.7x (BENCHMARKS.md).
// Runs after `tsc` (npm run build) on dist/, so the sources stay the truth.
//
// Every module keeps its own `import.meta.url` (its file in dist/), so
// worker threads, plugin hooks and scenario paths resolve as before.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist', 'cli', 'vsynclab.cjs');
const outDir = dirname(outfile);

/**
 * Two rewrites of modules as they enter the bundle:
 * - `import.meta.url` becomes that module's own file URL, computed at run time
 *   (dist/ modules and the packages they import alike);
 * - the plugin loader's dynamic `import(...)` goes through the function
 *   bin/vsynclab.js provides: code run by vm.Script has no module loader of
 *   its own (Node 20's USE_MAIN_CONTEXT_DEFAULT_LOADER is experimental, warns,
 *   and is lost for functions restored from the code cache).
 */
const DYNAMIC_IMPORTERS = /[\\/]dist[\\/]sim[\\/]plugins\.js$/;
const distModules = {
  name: 'dist-modules',
  setup(b) {
    b.onLoad({ filter: /\.[mc]?js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      if (DYNAMIC_IMPORTERS.test(args.path)) {
        if (!source.includes('await import(')) throw new Error(`bundle-cli: ${args.path} no longer imports dynamically: update DYNAMIC_IMPORTERS`);
        source = source.split('await import(').join('await __vsynclabImport(');
      }
      if (source.includes('import.meta.url')) {
        const fromBundle = JSON.stringify(relative(outDir, args.path).split('\\').join('/'));
        const url = `__vsynclabRequire("node:url").pathToFileURL(__vsynclabRequire("node:path").join(__vsynclabBundleDir, ${fromBundle})).href`;
        source = source.split('import.meta.url').join(`(${url})`);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

await build({
  // The CLI's `main`, and the suite worker's job loop (bin/suite-worker.js loads this bundle too).
  stdin: {
    contents: "export { main } from './process-main.js';\nexport { serveSuiteJobs } from '../sim/suite/worker-serve.js';\n",
    resolveDir: outDir,
    sourcefile: 'vsynclab-entry.js',
    loader: 'js',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile,
  // tsx registers a loader for TypeScript plugins; it must stay the package's own copy.
  external: ['tsx', 'tsx/*'],
  plugins: [distModules],
  // Names no module declares (esbuild renames a module's own `__dirname` or `require`).
  banner: { js: "var __vsynclabBundleDir = __dirname; var __vsynclabRequire = require; var __vsynclabImport = globalThis[Symbol.for('vsynclab.import')];" },
  logLevel: 'warning',
});

// Code run by vm.Script cannot import(): every dynamic import must have gone
// through __vsynclabImport (sim/suite/pool.js keeps one inside the source of
// its TypeScript worker, which the compiled CLI never runs).
if (/await import\(/.test(readFileSync(outfile, 'utf8'))) throw new Error('bundle-cli: a dynamic import() is left in the bundle: add its module to DYNAMIC_IMPORTERS');

// The code cache: run the default suite's scenarios once each (seed 1, one
// thread) through the bundle and keep what V8 compiled (bin/vsynclab.js
// writes it on exit when asked to). The whole suite, not one small run: its
// scenarios reach the static stacks, the other checkers and the rarer
// protocol paths, which every isolate would otherwise compile from source;
// each `run --workers N` thread loads this cache too, so a suite's two
// worker isolates save that twice (BENCHMARKS.md, "Suite runner: worker
// scaling", session 7: 5% less CPU for the 52-run suite of seed 1). A cache
// from another Node version is rejected at load: the CLI then just compiles
// as it would without one.
rmSync(`${outfile}.cache`, { force: true });
const scratch = mkdtempSync(join(tmpdir(), 'vsynclab-code-cache-'));
try {
  const warm = spawnSync(process.execPath, [join(root, 'bin', 'vsynclab.js'), 'run', '--seeds', '1', '--workers', '1', '--out', join(scratch, 'traces')], {
    cwd: scratch,
    env: { ...process.env, VSYNCLAB_WRITE_CODE_CACHE: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // 1: some run failed, which a suite may know of (README, "Limits"): the code is compiled all the same.
  if (warm.status !== 0 && warm.status !== 1) {
    process.stderr.write(`bundle-cli: the warm-up run failed (status ${warm.status}); no code cache\n${warm.stderr}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

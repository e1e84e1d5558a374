#!/usr/bin/env node
// The CLI runs the compiled JavaScript that `npm ci` builds (the package's
// prepare script runs `npm run build`); the TypeScript sources stay the
// truth: after changing them, `npm run build` (npm test does it first).
//
// Fast path: dist/cli/vsynclab.cjs is the whole CLI in one file, and
// vsynclab.cjs.cache the code V8 compiled for it (scripts/bundle-cli.mjs).
// Loading it through vm.Script with that cache skips most compilation
// (bin/load-bundle.js); without the bundle, the ES modules of dist/ are
// imported as they are.
import { loadBundle } from './load-bundle.js';

// --coverage maps V8's coverage of each protocol file back to its source, so
// it needs the per-file ES modules: in the one-file bundle every protocol
// branch sits in vsynclab.cjs and the report would count none of them. The
// hunt is steered by that coverage, so it needs them too.
const cliArgs = process.argv.slice(2);
const wantsCoverage = cliArgs[0] === 'hunt' || cliArgs.some((a) => a === '--coverage' || a.startsWith('--coverage='));
const bundle = wantsCoverage ? null : loadBundle({ writeCache: process.env.VSYNCLAB_WRITE_CODE_CACHE === '1' });
if (bundle !== null) {
  // Suite worker threads load the bundle too (sim/suite/pool.ts).
  globalThis[Symbol.for('vsynclab.bundle-worker')] = new URL('./suite-worker.js', import.meta.url).href;
  await bundle.main(process.argv);
} else {
  try {
    await import('../dist/cli/bin-main.js');
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('bin-main.js')) {
      process.stderr.write('vsynclab: dist/ is missing: run `npm run build` in the vsynclab checkout\n');
      process.exit(3);
    }
    throw error;
  }
}

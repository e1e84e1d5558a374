#!/usr/bin/env node
// The CLI runs the compiled JavaScript that `npm ci` builds (the package's
// prepare script runs `npm run build`); the TypeScript sources stay the
// truth: after changing them, `npm run build` (npm test does it first).
//
// Fast path: dist/cli/vsynclab.cjs is the whole CLI in one file, and
// vsynclab.cjs.cache the code V8 compiled for it (scripts/bundle-cli.mjs).
// Loading it through vm.Script with that cache skips most compilation;
// without the bundle, the ES modules of dist/ are imported as they are.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/cli/vsynclab.cjs', import.meta.url));

/** The bundle's `main`, or null when there is no bundle (or this Node cannot run it). */
function loadBundle() {
  // VSYNCLAB_NO_BUNDLE=1: the ES modules instead (bench/startup.ts compares the two).
  if (process.env.VSYNCLAB_NO_BUNDLE === '1' || !existsSync(bundle)) return null;
  let cachedData;
  try {
    cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
  });
  if (process.env.VSYNCLAB_WRITE_CODE_CACHE === '1') {
    process.once('exit', () => writeFileSync(`${bundle}.cache`, script.createCachedData()));
  }
  // The bundle's plugin loader imports through this (vm.Script code has no module loader).
  globalThis[Symbol.for('vsynclab.import')] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports.main;
}

const main = loadBundle();
if (main !== null) {
  await main(process.argv);
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

// Loads dist/cli/vsynclab.cjs, the whole CLI in one CommonJS file, through
// vm.Script with the code V8 compiled for it (vsynclab.cjs.cache, written by
// scripts/bundle-cli.mjs). Used by bin/vsynclab.js (the main thread) and by
// bin/suite-worker.js (each `run --workers N` thread), so both skip most
// compilation. Returns the bundle's exports, or null when there is no bundle.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/cli/vsynclab.cjs', import.meta.url));

/** `writeCache`: write the code V8 compiled back to the cache at exit (the build's warm-up run). */
export function loadBundle({ writeCache = false } = {}) {
  // VSYNCLAB_NO_BUNDLE=1: the ES modules instead (bench/startup.ts compares the two).
  if (process.env.VSYNCLAB_NO_BUNDLE === '1' || !existsSync(BUNDLE)) return null;
  let cachedData;
  try {
    cachedData = readFileSync(`${BUNDLE}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, 'utf8')), {
    filename: BUNDLE,
    cachedData,
  });
  if (writeCache) {
    process.once('exit', () => writeFileSync(`${BUNDLE}.cache`, script.createCachedData()));
  }
  // The bundle's plugin loader imports through this (vm.Script code has no
  // module loader); from this file, bare names such as tsx resolve in this package.
  globalThis[Symbol.for('vsynclab.import')] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return module.exports;
}

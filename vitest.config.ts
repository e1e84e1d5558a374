import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Specs too slow for `npm test` (CI): long explorations and full mutant
 * runs. Name such a spec `*.slow.spec.ts`; `npm run test:slow` runs them
 * (vitest.slow.config.ts).
 */
export const SLOW_SPECS = ['test/**/*.slow.spec.ts'];

/**
 * `vsynclab/...` imports (how plugins and users import the library) resolve
 * to the TypeScript sources in tests, never to a possibly stale dist/: each
 * entry of package.json's exports map, `./dist/X.js` read as `./X.ts`.
 */
export function packageAliases(): { find: RegExp; replacement: string }[] {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
    name: string;
    exports: Record<string, string | { default: string }>;
  };
  return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    const compiled = typeof target === 'string' ? target : target.default;
    if (!compiled.startsWith('./dist/') || !compiled.endsWith('.js')) return [];
    const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    const source = `${root}${compiled.slice('./dist/'.length, -'.js'.length)}.ts`;
    return [{ find: new RegExp(`^${name.replace(/[/.]/g, '\\$&')}$`), replacement: source }];
  });
}

/**
 * Library specs that run no CLI, load no plugin and start no worker: they
 * share their worker's module cache instead of re-importing the tree for
 * each file (vitest's isolation). The rest (sim/, cli/, package/) keep
 * isolation. Shared, sim/ and cli/ pass in shuffled orders (traced: the one
 * order-dependent trace came from a spec that registered its own
 * `test-flood` in the process-wide protocol registry; a plugin module is
 * imported once per module graph, so `--plugin` could not register it
 * back), but a coverage spec turns V8's optimizing compiler off for the
 * rest of its worker (sim/coverage/v8-session.ts: runs 1.5x to 2x as
 * long), and the explorer's wall-clock bound checks are load-sensitive.
 */
const SHARED_SPECS = ['test/checkers/**/*.spec.ts', 'test/traces/**/*.spec.ts', 'test/protocol/**/*.spec.ts', 'test/scenarios/**/*.spec.ts'];

export default defineConfig({
  resolve: { alias: packageAliases() },
  test: {
    globalSetup: ['test/build-dist.ts'],
    setupFiles: ['test/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest keeps one core for itself (cores - 1 workers), which on a 2-core
    // machine is one worker and twice the wall time; its own work is small.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: SHARED_SPECS,
          exclude: ['**/node_modules/**', ...SLOW_SPECS],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'isolated', include: ['test/**/*.spec.ts'], exclude: ['**/node_modules/**', ...SLOW_SPECS, ...SHARED_SPECS] },
      },
    ],
  },
});

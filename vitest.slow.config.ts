// `npm run test:slow`: the specs that `npm test` (and CI) leave out for time.
import { defineConfig } from 'vitest/config';
import { SLOW_SPECS, packageAliases } from './vitest.config.ts';

export default defineConfig({
  resolve: { alias: packageAliases() },
  test: {
    include: SLOW_SPECS,
    passWithNoTests: true,
    globalSetup: ['test/build-dist.ts'],
    setupFiles: ['test/fast-check-seed.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});

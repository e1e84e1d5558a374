// The real check (npm run test:slow, not npm test: it runs the default
// suite's coverage): every point the default suite never runs is explained
// in docs/isis.md, every entry there names one, and every line number is
// current. When protocol/isis/ changes, `npx tsx scripts/coverage-doc.ts`
// rewrites the numbers and says what is left to explain.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('scripts/coverage-doc.ts --check', () => {
  it('finds docs/isis.md true to the default suite\'s coverage', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/coverage-doc.ts', '--check'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stdout).toMatch(/^\d+ runs: \d+ of \d+ branch points/);
    // On failure the output says what is unexplained, what runs now, or that numbers moved.
    expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 0, stdout: expect.stringContaining('every line:column is current') as string });
    expect(r.stdout).not.toContain('not up to date');
  });
});

// The long run of differential.spec.ts: many more and longer generated
// traces (VSYNCLAB_DIFF_RUNS, default 20,000; VSYNCLAB_DIFF_STEPS, default
// 80; VSYNCLAB_FC_SEED=random for a fresh seed each run). `npm run test:slow`.
import { test } from '@fast-check/vitest';
import { describe } from 'vitest';
import { expectSameVerdicts, generatedTrace } from './differential.ts';

const RUNS = Number(process.env['VSYNCLAB_DIFF_RUNS'] ?? 20_000);
/** Acts per generated story at most (VSYNCLAB_DIFF_STEPS, default 80). */
const STEPS = Number(process.env['VSYNCLAB_DIFF_STEPS'] ?? 80);

describe('product checkers against the reference, long run', () => {
  test.prop([generatedTrace(STEPS)], { numRuns: RUNS })('same verdict per property', (events) => {
    expectSameVerdicts(events);
  }, 3_600_000);
});

// The product checkers and the reference agree, property by property, on
// generated traces (a modest number here; differential.slow.spec.ts runs
// many more), and the generator makes both kinds of verdict common.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../../checkers/index.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import { expectSameVerdicts, generatedTrace } from './differential.ts';
import { chooser, generateTrace } from './trace-generator.ts';

describe('product checkers against the reference', () => {
  test.prop([generatedTrace(40)], { numRuns: 400 })('same verdict per property', (events) => {
    expectSameVerdicts(events);
  });

  it('the generator makes both held and violated verdicts common for every property it can break', () => {
    const tally = new Map<string, { held: number; violated: number }>();
    for (let seed = 0; seed < 300; seed++) {
      const events = generateTrace(chooser([], seed), 60, [0, 10, 25][seed % 3] as number);
      for (const verdict of checkEvents(events as unknown as TraceEvent[]).verdicts) {
        const entry = tally.get(verdict.property) ?? { held: 0, violated: 0 };
        if (verdict.status === 'held') entry.held += 1;
        if (verdict.status === 'violated') entry.violated += 1;
        tally.set(verdict.property, entry);
      }
    }
    for (const [property, { held, violated }] of tally) {
      expect(held, `${property} held`).toBeGreaterThan(10);
      expect(violated, `${property} violated`).toBeGreaterThan(10);
    }
  });
});

// Property tests: the checkers report nothing on valid virtual-synchrony
// traces (views, crashes, joins, leaves, partitions, all three orders), and
// report the right property on each kind of mutation of them.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkEvents, TraceChecker } from '../../checkers/index.ts';
import { MUTATIONS } from './mutations.ts';
import { validRun } from './valid-trace-arbitrary.ts';
import { violated } from './trace-builder.ts';

const RUNS = 150;

describe('valid traces', () => {
  test.prop([validRun()], { numRuns: RUNS })('every checker reports nothing', ({ events }) => {
    const result = checkEvents(events);
    expect(result.violations).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test.prop([validRun({ endings: ['quiescent'] })], { numRuns: 50 })('online pushes reveal nothing either', ({ events }) => {
    const checker = new TraceChecker();
    for (const event of events) expect(checker.push(event)).toEqual([]);
    expect(checker.finish().checked).toHaveLength(15);
  });
});

describe('mutated traces', () => {
  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    test.prop([validRun({ maxSteps: 60 }), fc.nat()], { numRuns: RUNS })(`${name}: the right property is reported`, ({ events }, pick) => {
      const mutant = mutate(events, pick);
      fc.pre(mutant !== null);
      expect(violated(checkEvents(mutant!.events)), mutant!.mutation).toContain(mutant!.expected);
    });
  }
});

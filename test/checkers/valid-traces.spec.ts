// Property tests: the checkers report nothing on valid virtual-synchrony
// traces (views, crashes, joins, leaves, partitions, all three orders), and
// on each kind of mutation of them report exactly the properties the
// definitions make it break: the set the literal reading (oracle.ts, which
// shares no code with the checkers) finds, which always includes the one
// the mutation is sure to break.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkEvents, TraceChecker } from '../../checkers/index.ts';
import { MUTATIONS } from './mutations.ts';
import { oracleViolations } from './oracle.ts';
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
    test.prop([validRun({ maxSteps: 60 }), fc.nat()], { numRuns: RUNS })(`${name}: exactly the properties it breaks are reported`, ({ events }, pick) => {
      const mutant = mutate(events, pick);
      fc.pre(mutant !== null);
      const literal = oracleViolations(mutant!.events);
      expect([...literal], mutant!.mutation).toContain(mutant!.expected);
      const result = checkEvents(mutant!.events, { maxViolations: 100_000 });
      expect(violated(result).sort(), mutant!.mutation).toEqual([...literal].sort());
      expect(result.unknown, mutant!.mutation).toEqual([]);
    });
  }
});

// fast-check arbitraries of VALID virtual-synchrony traces, built on the
// synthetic group of checkers/testing/synthetic-run.ts. The choices array
// drives every decision, so fast-check shrinks a failure to fewer steps and
// simpler choices.
import { fc } from '@fast-check/vitest';
import type { DeliveryOrder, TraceEvent } from '../../traces/schema.ts';
import { synthesizeRun } from '../../checkers/testing/synthetic-run.ts';
import type { SyntheticRunOptions } from '../../checkers/testing/synthetic-run.ts';

export interface ValidRun {
  spec: Omit<SyntheticRunOptions, 'choose'> & { choices: number[]; seed: number };
  events: TraceEvent[];
}

/**
 * A choice source reading `choices` in turn, then a small LCG seeded by
 * `seed`: fast-check shrinks both, and runs stay rich when `choices` is short.
 */
export function chooserFrom(choices: readonly number[], seed: number): (n: number) => number {
  let next = 0;
  let state = seed >>> 0;
  return (n) => {
    if (next < choices.length) return (choices[next++] as number) % n;
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state >>> 8) % n;
  };
}

/** More faults than the default mix, so short runs still change views often. */
const FAULTY_WEIGHTS = { multicast: 6, deliver: 12, crash: 1.5, leave: 1, join: 2, partition: 1, viewChange: 8 };

export function validRun(options: { maxSteps?: number; endings?: SyntheticRunOptions['ending'][] } = {}): fc.Arbitrary<ValidRun> {
  const endings = options.endings ?? ['quiescent', 'quiescent', 'not-quiescent', 'none'];
  return fc
    .record({
      initialMembers: fc.integer({ min: 1, max: 5 }),
      steps: fc.integer({ min: 0, max: options.maxSteps ?? 150 }),
      choices: fc.array(fc.nat({ max: 10_000 }), { maxLength: 200 }),
      seed: fc.integer(),
      ending: fc.constantFrom(...endings),
      orders: fc.subarray<DeliveryOrder>(['fifo', 'causal', 'total'], { minLength: 1 }),
      maxGroupSize: fc.integer({ min: 1, max: 7 }),
    })
    .map((spec) => ({
      spec,
      events: [...synthesizeRun({ ...spec, weights: FAULTY_WEIGHTS, choose: chooserFrom(spec.choices, spec.seed) })],
    }));
}

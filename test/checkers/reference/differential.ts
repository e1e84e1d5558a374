// The product checkers against the reference (reference-checker.ts) on one
// trace: the same verdict for every property; the first event at which a
// property breaks is named by one of the product's violations of it; and
// every violation the product reports names at least one event at which the
// reference finds the property broken (the contract: "events names the
// events that show the violation"), and only events of the trace.
import { expect } from 'vitest';
import { fc } from '@fast-check/vitest';
import { checkEvents } from '../../../checkers/index.ts';
import type { TraceEvent } from '../../../traces/schema.ts';
import { REFERENCE_PROPERTIES, referenceVerdicts } from './reference-checker.ts';
import type { Ev } from './reference-checker.ts';
import { chooser, generateTrace } from './trace-generator.ts';
import { renamed } from './rename.ts';

export function expectSameVerdicts(events: readonly Record<string, unknown>[]): void {
  const result = checkEvents(events as unknown as TraceEvent[], { maxViolations: 1_000_000 });
  const reference = referenceVerdicts(events as unknown as Ev[]);
  const product = new Map(result.verdicts.map((v) => [v.property as string, v.status as string]));
  const expected = new Map(REFERENCE_PROPERTIES.map((p) => [p as string, reference.get(p)!.status as string]));
  expect(product).toEqual(expected);
  // The first event at which a property breaks is named by one of its
  // violations (total-order's culprits are every delivery of the pair, so
  // it has no single first one).
  for (const property of REFERENCE_PROPERTIES) {
    const culprits = reference.get(property)!.culprits;
    if (culprits.size === 0 || property === 'total-order') continue;
    const first = Math.min(...culprits);
    const named = result.violations.some((v) => v.property === property && v.events.includes(first));
    expect(named, `${property}: the first event at which it breaks, ${first}, is named`).toBe(true);
  }
  for (const violation of result.violations) {
    const culprits = reference.get(violation.property as (typeof REFERENCE_PROPERTIES)[number])!.culprits;
    expect(violation.events.length, `${violation.property}: ${violation.message}`).toBeGreaterThan(0);
    for (const i of violation.events) expect(i >= 0 && i < events.length, `${violation.property} names event ${i}`).toBe(true);
    expect(
      violation.events.some((i) => culprits.has(i)),
      `${violation.property}: ${violation.message} names ${JSON.stringify(violation.events)}, none of ${JSON.stringify([...culprits])}`,
    ).toBe(true);
  }
}

/** A generated trace: a story of `steps` acts at a fault rate, half of them with odd names (rename.ts). */
export const generatedTrace = (maxSteps: number): fc.Arbitrary<Record<string, unknown>[]> =>
  fc
    .record({
      choices: fc.array(fc.nat({ max: 1_000_000 }), { maxLength: 60 }),
      seed: fc.integer(),
      steps: fc.integer({ min: 0, max: maxSteps }),
      faultPercent: fc.constantFrom(0, 0, 2, 5, 10, 25, 60),
      oddNames: fc.boolean(),
    })
    .map(({ choices, seed, steps, faultPercent, oddNames }) => {
      const choose = chooser(choices, seed);
      const events = generateTrace(choose, steps, faultPercent);
      return oddNames ? renamed(events, choose) : events;
    });

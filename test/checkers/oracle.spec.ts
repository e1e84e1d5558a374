// The fast checker against the literal reading of every property
// (oracle.ts): on arbitrary, mostly broken traces and on valid traces whose
// deliveries were shuffled, dropped and repeated. A property the checker
// calls held is never violated by the reading ("never a false held"), and
// every property it calls violated is.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ALL_PROPERTIES, checkEvents } from '../../checkers/index.ts';
import type { DeliverEvent, TraceEvent } from '../../traces/schema.ts';
import { oracleViolations } from './oracle.ts';
import { validRun } from './valid-trace-arbitrary.ts';

/** Asserts the checker's verdicts agree with the literal reading. */
export function expectAgreement(events: readonly TraceEvent[]): void {
  const result = checkEvents(events, { maxViolations: 100_000 });
  const literal = oracleViolations(events);
  for (const verdict of result.verdicts) {
    const broken = literal.has(verdict.property);
    if (verdict.status === 'violated') expect(broken, `${verdict.property} reported violated`).toBe(true);
    if (verdict.status === 'held') expect(broken, `${verdict.property} reported held`).toBe(false);
  }
  // causal-order is exact within its bounds (far beyond these small traces):
  // never unknown, and violated exactly when the literal reading says so.
  const causal = result.verdicts.find((verdict) => verdict.property === 'causal-order');
  expect(causal?.status, 'causal-order verdict').toBe(literal.has('causal-order') ? 'violated' : 'held');
}

/** Swaps deliveries of one process, drops some, repeats some. */
function scramble(events: readonly TraceEvent[], picks: readonly number[]): TraceEvent[] {
  const mutated = [...events];
  const delivers = mutated.flatMap((event, at) => (event.type === 'deliver' ? [at] : []));
  if (delivers.length === 0) return mutated;
  const dropped = new Set<number>();
  const repeated = new Set<number>();
  for (let k = 0; k + 1 < picks.length; k += 2) {
    const a = delivers[(picks[k] as number) % delivers.length] as number;
    const b = delivers[(picks[k + 1] as number) % delivers.length] as number;
    const [ea, eb] = [mutated[a] as DeliverEvent, mutated[b] as DeliverEvent];
    if (ea.node === eb.node && (picks[k] as number) % 3 !== 0) {
      mutated[a] = { ...eb, i: ea.i, t: ea.t };
      mutated[b] = { ...ea, i: eb.i, t: eb.t };
    } else if ((picks[k] as number) % 5 === 0) {
      dropped.add(a);
    } else if ((picks[k] as number) % 7 === 0) {
      repeated.add(b);
    }
  }
  const out: TraceEvent[] = [];
  mutated.forEach((event, at) => {
    if (dropped.has(at)) return;
    out.push(event);
    if (repeated.has(at)) out.push(event);
  });
  return out.map((event, i) => ({ ...event, i }));
}

describe('the checker agrees with the literal reading of every property', () => {
  const node = fc.constantFrom('p1', 'p2', 'p3', 'p4');
  const msg = fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5');
  const viewId = fc.integer({ min: 0, max: 4 });
  const event = fc.oneof(
    { weight: 2, arbitrary: fc.record({ type: fc.constant('start'), node }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('view'), node, view: fc.record({ id: viewId, members: fc.uniqueArray(node, { maxLength: 4 }) }) }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('bcast'), node, msg, order: fc.constantFrom('fifo', 'causal', 'total'), view: viewId }) },
    { weight: 8, arbitrary: fc.record({ type: fc.constant('deliver'), node, msg, from: node, view: viewId }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('crash'), node }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('exit'), node, reason: fc.constantFrom('left', 'excluded') }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('end'), quiescent: fc.boolean() }) },
  );
  const broken = fc.array(event, { maxLength: 50 }).map((list) => list.map((e, i) => ({ ...e, i, t: i }) as TraceEvent));

  test.prop([broken], { numRuns: 1500 })('on arbitrary traces', (events) => {
    expectAgreement(events);
  });

  // One group of three in view 1: many deliveries of few ids, in every
  // order, repeated, early, in the wrong view, with the odd view change.
  const member = fc.constantFrom('p1', 'p2', 'p3');
  const id = fc.constantFrom('a', 'b', 'c', 'd');
  const groupEvent = fc.oneof(
    { weight: 3, arbitrary: fc.record({ type: fc.constant('bcast'), node: member, msg: id, order: fc.constantFrom('fifo', 'causal', 'total'), view: fc.constant(1) }) },
    { weight: 10, arbitrary: fc.record({ type: fc.constant('deliver'), node: member, msg: id, from: member, view: fc.integer({ min: 1, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('view'), node: member, view: fc.record({ id: fc.integer({ min: 1, max: 3 }), members: fc.constant(['p1', 'p2', 'p3']) }) }) },
  );
  const opening = ['p1', 'p2', 'p3'].flatMap((n) => [{ type: 'start', node: n }, { type: 'view', node: n, view: { id: 1, members: ['p1', 'p2', 'p3'] } }]);
  const dense = fc
    .array(groupEvent, { maxLength: 40 })
    .map((list) => [...opening, ...list, { type: 'end', quiescent: true }].map((e, i) => ({ ...e, i, t: i }) as TraceEvent));

  test.prop([dense], { numRuns: 1500 })('on one busy group', (events) => {
    expectAgreement(events);
  });

  // Chains the online clocks lose: multicasts in views lower than their
  // sender acted in, and deliveries before the multicast, by few processes
  // with many causal messages (causal-order is judged again at the end).
  const tangledEvent = fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant('bcast'), node: member, msg: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), order: fc.constantFrom('fifo', 'causal', 'causal', 'total'), view: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 6, arbitrary: fc.record({ type: fc.constant('deliver'), node: member, msg: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), from: member, view: fc.integer({ min: 1, max: 3 }) }) },
  );
  const tangled = fc
    .array(tangledEvent, { maxLength: 40 })
    .map((list) => [...opening, ...list].map((e, i) => ({ ...e, i, t: i }) as TraceEvent));

  test.prop([tangled], { numRuns: 1500 })('on chains through other views and early deliveries', (events) => {
    expectAgreement(events);
  });

  test.prop([validRun({ maxSteps: 50 }), fc.array(fc.nat(), { minLength: 2, maxLength: 12 })], { numRuns: 300 })(
    'on valid traces with deliveries shuffled, dropped and repeated',
    ({ events }, picks) => {
      expectAgreement(scramble(events, picks));
    },
  );

  test.prop([broken], { numRuns: 300 })('with a verdict for every property, unknown ones with a reason', (events) => {
    const result = checkEvents(events);
    expect(result.verdicts.map((v) => v.property)).toEqual([...ALL_PROPERTIES]);
    for (const unknown of result.unknown) expect(unknown.reason.length).toBeGreaterThan(0);
  });
});

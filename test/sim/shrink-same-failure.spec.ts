// The shrinker keeps the original's failure: a candidate that fails only
// another property (or ends in an error or a bound the original did not
// hit) is not kept, so the shrunk scenario shows the original bug. The flood
// protocol's lossy run fails fifo-order first and delivery-liveness too; a
// single multicast can still be lost (delivery-liveness) but never
// reordered, so a shrink that kept any failure slides there, and one that
// keeps the original's does not.
import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario, targetOf } from '../../sim/shrink.ts';
import { runScenario } from '../../sim/run.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { lossyFloodScenario } from '../fixtures/scenario.ts';

const protocol = floodProtocol();
const scenario = lossyFloodScenario();
const violated = (seed: string, s = scenario): string[] => [...new Set(runScenario(s, { seed, protocol }).violations.map((v) => v.property))];

describe('shrinking keeps the same failure', () => {
  it('the original fails fifo-order first, and another property too', () => {
    expect(violated('1')[0]).toBe('fifo-order');
    expect(violated('1')).toContain('delivery-liveness');
  });

  it('by default every kept candidate, and so the shrunk run, violates the original property', () => {
    const kept: boolean[] = [];
    const outcome = shrinkScenario(scenario, { seed: '1', protocol, maxAttempts: 100, onAttempt: (_, k) => kept.push(k) });
    expect(outcome.anyFailure).toBe(false);
    expect(outcome.target).toEqual({ kind: 'property', property: 'fifo-order' });
    expect(outcome.shrunkTarget).toEqual(outcome.target);
    expect(kept.filter((k) => k).length).toBeGreaterThan(3); // it did shrink
    expect(violated(outcome.seed, outcome.shrunk)).toContain('fifo-order');
    expect(outcome.after.multicasts).toBeGreaterThanOrEqual(2); // a reordering needs two
  });

  it('with anyFailure the same search slides to another property (what the rule prevents)', () => {
    const outcome = shrinkScenario(scenario, { seed: '1', protocol, maxAttempts: 100, anyFailure: true });
    expect(outcome.anyFailure).toBe(true);
    expect(outcome.target).toEqual({ kind: 'property', property: 'fifo-order' });
    expect(outcome.shrunkTarget).toEqual({ kind: 'property', property: 'delivery-liveness' });
    expect(violated(outcome.seed, outcome.shrunk)).not.toContain('fifo-order');
    expect(violated(outcome.seed, outcome.shrunk)).toContain('delivery-liveness');
  });

  it('a run that also ends in an error or a bound the original did not hit is not the same failure', () => {
    const original = runScenario(scenario, { seed: '1', protocol });
    const target = targetOf(original);
    expect(target).not.toBeNull();
    expect(failsSameWay(original, target!, original)).toBe(true);
    expect(failsSameWay({ ...original, error: 'p1 threw' }, target!, original)).toBe(false);
    expect(failsSameWay({ ...original, boundHit: 'maxEvents' }, target!, original)).toBe(false);
    // Without the original to compare with, only the property counts.
    expect(failsSameWay({ ...original, error: 'p1 threw' }, target!)).toBe(true);
    // The original's own error or bound is no reason to refuse a candidate with it.
    const erring = { ...original, error: 'p1 threw' };
    expect(failsSameWay(erring, target!, erring)).toBe(true);
  });
});

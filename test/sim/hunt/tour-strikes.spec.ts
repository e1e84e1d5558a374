// A tour candidate's strikes (sim/hunt/tour-strikes.ts): untried
// situations, a quiet one alone, others with companions that fit the
// budget, cut off no role twice and do not clash on the load; the tour
// covers its situations in fewer candidates than it has situations.
import { describe, expect, it } from 'vitest';
import { StrikeCoverage, strikeKey } from '../../../sim/hunt/strike-coverage.ts';
import { fitsWith, MAX_TOUR_STRIKES, tourPicks } from '../../../sim/hunt/tour-strikes.ts';
import { isQuietVariant, roleOfVariant, situationOf, strikeCost } from '../../../scenarios/strikes.ts';
import { Rng } from '../../../sim/rng.ts';

describe('tour strikes', () => {
  it('picks untried situations: a quiet one alone, others with fitting companions, until every situation is toured', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      const coverage = new StrikeCoverage();
      const rng = new Rng(`tour-${seed}`);
      const toured = new Set<string>();
      let candidates = 0;
      let combined = 0;
      while (coverage.touring()) {
        const picks = tourPicks(coverage, rng, 5, undefined);
        candidates++;
        expect(picks.length).toBeGreaterThanOrEqual(1);
        expect(picks.length).toBeLessThanOrEqual(MAX_TOUR_STRIKES);
        if (picks.length > 1) combined++;
        if (isQuietVariant(picks[0]!.kind, picks[0]!.variant)) expect(picks.length).toBe(1);
        expect(picks.reduce((n, p) => n + strikeCost(p.kind, 5), 0)).toBeLessThanOrEqual(2);
        const situations = picks.map((p) => situationOf(p.kind, p.variant));
        expect(new Set(situations).size).toBe(picks.length);
        for (const s of situations) expect(toured.has(s)).toBe(false);
        const roles = picks.map((p) => roleOfVariant(p.kind, p.variant)).filter((r) => r !== undefined);
        expect(new Set(roles).size).toBe(roles.length);
        situations.forEach((s) => toured.add(s));
        coverage.record(picks.map((p) => strikeKey(p.kind, p.variant)), false, []);
      }
      expect(toured.size).toBe(coverage.situationCount());
      expect(combined).toBeGreaterThan(0);
      expect(candidates).toBeLessThan(coverage.situationCount());
    }
  });

  it('says what fits with what', () => {
    const isolation = { kind: 'longIsolation' as const, variant: 'member' };
    expect(fitsWith([isolation], 'joinAtLastWrites', 'one-joiner', 5)).toBe(true);
    // A long isolation caps the load a cut at the sequencer raises.
    expect(fitsWith([isolation], 'cutAtNote', 'sequencer-after-order/mute', 5)).toBe(false);
    // The budget of a group of five is two take-outs; a split takes both.
    expect(fitsWith([isolation], 'noMajoritySplit', 'halves', 5)).toBe(false);
    expect(fitsWith([isolation], 'noMajoritySplit', 'halves', 7)).toBe(false);
    expect(fitsWith([{ kind: 'cutAtNote', variant: 'provider-mid-transfer/mute' }], 'cutAtNote', 'sequencer-after-order/deadLink', 5)).toBe(true);
    // The sequencer cut off twice: the first cut takes the role away before the second's moment.
    expect(fitsWith([{ kind: 'cutAtNote', variant: 'sequencer-after-order/isolate' }], 'cutAtNote', 'sequencer-after-order/deadLink', 5)).toBe(false);
    // A quiet strike goes alone.
    expect(fitsWith([{ kind: 'joinAtLastWrites', variant: 'one-joiner' }], 'competingCoordinators', 'staggered', 5)).toBe(false);
  });
});

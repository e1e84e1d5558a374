// The strike tally steers the hunt's strike mutation: every kind and
// variant is drawable, one never tried comes before one tried often and
// fruitless, a cut at a note the parent emitted weighs more, and the share
// of untried variants falls as candidates carry them; before all that, each
// situation (a kind, a cut at a note by the role it cuts off) once.
import { describe, expect, it } from 'vitest';
import { StrikeCoverage, strikeKey } from '../../../sim/hunt/strike-coverage.ts';
import { isHuntOnlyVariant, situationOf, STRIKE_VARIANTS, STRIKES } from '../../../scenarios/strikes.ts';
import { Rng } from '../../../sim/rng.ts';

const allKeys = STRIKES.flatMap((k) => STRIKE_VARIANTS[k].map((v) => strikeKey(k, v.name)));
/** The variants a generator draws too: the hunt-only ones are staged in later rounds of the tour only. */
const firstRoundKeys = STRIKES.flatMap((k) => STRIKE_VARIANTS[k].filter((v) => !isHuntOnlyVariant(k, v.name)).map((v) => strikeKey(k, v.name)));
const firstRoundSituations = new Set(STRIKES.flatMap((k) => STRIKE_VARIANTS[k].filter((v) => !isHuntOnlyVariant(k, v.name)).map((v) => situationOf(k, v.name))));
const allSituations = new Set(STRIKES.flatMap((k) => STRIKE_VARIANTS[k].map((v) => situationOf(k, v.name))));

function counts(coverage: StrikeCoverage, n: number, seed: string, notes?: Record<string, number>): Map<string, number> {
  const rng = new Rng(seed);
  const seen = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const { kind, variant } = coverage.pick(rng, notes);
    const key = strikeKey(kind, variant);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return seen;
}

describe('strike coverage', () => {
  it('starts with every variant untried, and draws each of them but the hunt-only ones (later rounds only)', () => {
    const coverage = new StrikeCoverage();
    expect(coverage.untriedShare()).toBe(1);
    expect(coverage.tally().map((t) => strikeKey(t.kind, t.variant)).sort()).toEqual([...allKeys].sort());
    expect(firstRoundKeys.length).toBeLessThan(allKeys.length);
    expect([...counts(coverage, 3_000, 'all').keys()].sort()).toEqual([...firstRoundKeys].sort());
  });

  it('draws a variant tried often and fruitless less than before, and an untried one first', () => {
    const coverage = new StrikeCoverage();
    const key = 'cutAtNote/sequencer-after-order/mute';
    const before = counts(coverage, 2_000, 'x').get(key) ?? 0;
    coverage.record(Array.from({ length: 8 }, () => key), false, []);
    expect(coverage.tries(key)).toBe(8);
    const after = counts(coverage, 2_000, 'x').get(key) ?? 0;
    expect(after * 5).toBeLessThan(before);
    expect(coverage.untriedShare()).toBeCloseTo(1 - 1 / firstRoundKeys.length);
  });

  it('keeps drawing a variant whose runs were kept, and remembers what they reached first', () => {
    const coverage = new StrikeCoverage();
    const key = 'competingCoordinators/even';
    coverage.record([key, key], true, ['note: ballot-raised', 'role-fault: coordinator x isolate']);
    const tally = coverage.tally().find((t) => strikeKey(t.kind, t.variant) === key)!;
    expect(tally).toMatchObject({ tries: 2, kept: 2, facts: ['note: ballot-raised', 'role-fault: coordinator x isolate'] });
    const fruitless = new StrikeCoverage();
    fruitless.record([key, key], false, []);
    // 20,000 draws: the variant is under 1 % of them, and 2,000 or 6,000 left the ratio (3 by the weights) to chance.
    expect(counts(coverage, 20_000, 'k').get(key) ?? 0).toBeGreaterThan(2 * (counts(fruitless, 20_000, 'k').get(key) ?? 0));
  });

  it('weighs a cut at a note the parent run emitted double', () => {
    const coverage = new StrikeCoverage();
    // 20,000 draws: the variant is about 1 % of them (quiet variants weigh double), and 4,000 left it to chance.
    const plain = counts(coverage, 20_000, 'n').get('cutAtNote/provider-mid-transfer/isolate') ?? 0;
    const seen = counts(coverage, 20_000, 'n', { 'flush-begin': 3 }).get('cutAtNote/provider-mid-transfer/isolate') ?? 0;
    expect(seen).toBeGreaterThan(1.5 * plain);
  });

  it('tours the situations first: each drawn once before any is drawn again, then the tour is over', () => {
    const coverage = new StrikeCoverage();
    const situations = firstRoundSituations;
    expect(situations.has('cutAtNote/sequencer')).toBe(true);
    expect(situations.has('cutAtNote/sequencer/unheard')).toBe(true);
    expect(situations.has('cutAtNote/provider/unheard')).toBe(false);
    expect(situations.has('joinAtLastWrites')).toBe(true);
    const rng = new Rng('tour');
    const seen: string[] = [];
    while (coverage.touring()) {
      const { kind, variant } = coverage.pick(rng);
      seen.push(situationOf(kind, variant));
      coverage.record([strikeKey(kind, variant)], false, []);
    }
    expect(seen.length).toBe(situations.size);
    expect(new Set(seen)).toEqual(situations);
    expect(coverage.untriedSituations()).toEqual([]);
    // After the tour, an untried variant of a toured situation is drawn again.
    expect(coverage.untriedShare()).toBeGreaterThan(0);
  });

  it('draws the tour\'s next situation evenly, whatever its kind weighs', () => {
    const situations = firstRoundSituations;
    const rng = new Rng('even');
    const firsts = new Map<string, number>();
    const n = 6_500;
    for (let k = 0; k < n; k++) {
      const { kind, variant } = new StrikeCoverage().pick(rng);
      const s = situationOf(kind, variant);
      firsts.set(s, (firsts.get(s) ?? 0) + 1);
    }
    // 13 situations, 500 draws each expected; by the kinds' weights a split with no majority side (1 of 21.5) got about 150.
    for (const s of situations) expect(firsts.get(s) ?? 0).toBeGreaterThan((0.75 * n) / situations.size);
  });

  it('gives up touring a situation whose strike never fits, after a few draws', () => {
    const coverage = new StrikeCoverage();
    const rng = new Rng('never-fits');
    let picks = 0;
    while (coverage.touring() && picks < 100) {
      coverage.pick(rng);
      picks++;
    }
    expect(coverage.touring()).toBe(false);
    expect(picks).toBeLessThan(100);
  });

  it('ends the tour when the hunt says so (its starting scenarios take no strike), untried situations or not', () => {
    const coverage = new StrikeCoverage();
    expect(coverage.touring()).toBe(true);
    expect(coverage.situationCount()).toBe(coverage.untriedSituations().length);
    coverage.endTour();
    expect(coverage.touring()).toBe(false);
    expect(coverage.untriedSituations().length).toBe(coverage.situationCount());
  });

  it('opens later rounds after the first: each stages every situation again, the hunt-only ones too, and draws only while open', () => {
    const coverage = new StrikeCoverage();
    const rng = new Rng('rounds');
    const tour = (): Set<string> => {
      const seen = new Set<string>();
      while (coverage.touring()) {
        const { kind, variant } = coverage.pick(rng);
        seen.add(situationOf(kind, variant));
        coverage.record([strikeKey(kind, variant)], false, []);
      }
      return seen;
    };
    const first = tour();
    expect(first.size).toBe(coverage.situationCount());
    expect(coverage.firstRoundOver()).toBe(true);
    expect(coverage.rounds()).toBe(1);
    expect(first).toEqual(firstRoundSituations);
    // The first later turns finish the first round with the hunt-only situations it left out.
    const rest = new Set<string>();
    for (let k = 0; k < allSituations.size - firstRoundSituations.size; k++) {
      coverage.openRetour();
      const { kind, variant } = coverage.pick(rng);
      expect(isHuntOnlyVariant(kind, variant)).toBe(true);
      rest.add(situationOf(kind, variant));
      coverage.record([strikeKey(kind, variant)], false, []);
      coverage.closeRetour();
    }
    expect(rest.size).toBe(allSituations.size - firstRoundSituations.size);
    expect(coverage.rounds()).toBe(1);
    for (let round = 2; round <= 3; round++) {
      const seen = new Set<string>();
      for (let k = 0; k < allSituations.size; k++) {
        coverage.openRetour();
        expect(coverage.touring()).toBe(true);
        const { kind, variant } = coverage.pick(rng);
        seen.add(situationOf(kind, variant));
        coverage.record([strikeKey(kind, variant)], false, []);
        coverage.closeRetour();
        // Closed, the tally steers as after the first round.
        expect(coverage.touring()).toBe(false);
      }
      expect(seen).toEqual(allSituations);
      expect(allSituations.has('competingCoordinators/stale-replies') && allSituations.has('cutAtNote/sequencer/revoked')).toBe(true);
      expect(coverage.rounds()).toBe(round);
    }
  });

  it('is deterministic for a seed', () => {
    expect([...counts(new StrikeCoverage(), 200, 'd')]).toEqual([...counts(new StrikeCoverage(), 200, 'd')]);
  });
});

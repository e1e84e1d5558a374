// The strike catalogue (scenarios/strike-variants.ts): what it says of a
// variant's load and role must be what the drawn strike does, since the
// hunt stages strikes together on that word (sim/hunt/tour-strikes.ts).
import { describe, expect, it } from 'vitest';
import { loadOfVariant, MOMENTS, roleOfVariant, STRIKE_VARIANTS, STRIKES, type MomentName } from '../../scenarios/strike-variants.ts';
import { drawStrike, type StrikeContext } from '../../scenarios/strikes.ts';
import { Rng } from '../../sim/rng.ts';

const ctx: StrikeContext = { processes: 5, durationUs: 1_000_000, suspectTimeoutUs: 60_000, flightUs: 2_000, budget: 2, takenHosts: [], window: [0.1, 0.5] };

describe('strike variants', () => {
  it.each(STRIKES)('%s: each variant raises, caps or keeps the load as loadOfVariant says', (kind) => {
    const rng = new Rng(`load/${kind}`);
    for (const { name } of STRIKE_VARIANTS[kind]) {
      for (let k = 0; k < 20; k++) {
        const strike = drawStrike(kind, ctx, rng, name)!;
        expect(strike.variant).toBe(name);
        const load = (strike.rateFactor ?? 1) > 1 ? 'raised' : strike.maxRate !== undefined ? 'low' : 'as-is';
        expect(load).toBe(loadOfVariant(kind, name));
      }
    }
  });

  it('names the role a cut at a note cuts off, and none for other kinds', () => {
    for (const { name } of STRIKE_VARIANTS.cutAtNote) expect(roleOfVariant('cutAtNote', name)).toBe(MOMENTS[name.split('/')[0] as MomentName].target);
    expect(roleOfVariant('cutAtNote', 'sequencer-after-order/deadLink')).toBe('sequencer');
    for (const kind of STRIKES.filter((k) => k !== 'cutAtNote')) for (const { name } of STRIKE_VARIANTS[kind]) expect(roleOfVariant(kind, name)).toBeUndefined();
  });
});

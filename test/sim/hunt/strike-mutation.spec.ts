// The hunt's strike mutation adds one of the generator's strikes to a kept
// scenario, valid, within the scenario's budget of hosts to take out.
import { describe, expect, it } from 'vitest';
import { addStrike, takenOut } from '../../../sim/hunt/strike-mutation.ts';
import { Rng } from '../../../sim/rng.ts';
import { isValidScenario } from '../../../scenarios/validate.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';
import { STRIKES } from '../../../scenarios/strikes.ts';

const [steady, partitioned] = loadScenarios(['scenarios/isis-steady-load.json', 'scenarios/isis-minority-partition.json']).map((l) => l.forSeed(1));

describe('strike mutation', () => {
  it.each(STRIKES)('%s: adds a valid strike to a scenario with room for it, saying what', (kind) => {
    const rng = new Rng(`strike-mutation/${kind}`);
    for (let k = 0; k < 20; k++) {
      const made = addStrike(structuredClone(steady!), rng, kind);
      expect(made).not.toBeNull();
      expect(made!.what).toMatch(/^strike /);
      expect(isValidScenario(made!.scenario)).toBe(true);
      expect(made!.scenario.faults?.schedule?.length ?? 0).toBeGreaterThan(steady!.faults?.schedule?.length ?? 0);
    }
  });

  it('counts what a scenario already takes out, and adds nothing past the budget', () => {
    expect(takenOut(steady!)).toBe(0);
    expect(takenOut(partitioned!)).toBe(Number.POSITIVE_INFINITY);
    const rng = new Rng('full');
    for (const kind of STRIKES) expect(addStrike(structuredClone(partitioned!), rng, kind)).toBeNull();
  });

  it('is deterministic for a seed', () => {
    const a = addStrike(structuredClone(steady!), new Rng('d'));
    const b = addStrike(structuredClone(steady!), new Rng('d'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

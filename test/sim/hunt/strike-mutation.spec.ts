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
      // Faults added, or (the late join) a join.
      const entries = (x: typeof steady): number => (x!.faults?.schedule?.length ?? 0) + (x!.workload.joins?.length ?? 0);
      expect(entries(made!.scenario)).toBeGreaterThan(entries(steady));
    }
  });

  it('counts what a scenario already takes out, and drops some of it to make room rather than go past the budget', () => {
    expect(takenOut(steady!)).toBe(0);
    expect(takenOut(partitioned!)).toBe(Number.POSITIVE_INFINITY);
    const rng = new Rng('full');
    for (const kind of STRIKES) {
      const made = addStrike(structuredClone(partitioned!), rng, kind);
      expect(made).not.toBeNull();
      // A strike timed in steps clears the whole stage instead.
      expect(made!.what).toMatch(/take-outs? dropped for it|stage cleared/);
      // The scenario's own split is gone (a split strike brings one of its own).
      const own = JSON.stringify(partitioned!.faults!.schedule!.find((f) => f.type === 'partition'));
      expect(made!.scenario.faults!.schedule!.map((f) => JSON.stringify(f))).not.toContain(own);
      expect(isValidScenario(made!.scenario)).toBe(true);
    }
  });

  it('stages a cut at the sequencer on a network 1.5 to 3 times slower (at most 8 ms a flight); other strikes keep the network', () => {
    const rng = new Rng('slowed');
    const mean = steady!.network.delay.meanUs;
    for (const cut of ['isolate', 'mute', 'deadLink', 'crash']) {
      const made = addStrike(structuredClone(steady!), rng, 'cutAtNote', `sequencer-after-order/${cut}`)!;
      const slowed = made.scenario.network.delay.meanUs;
      expect(slowed).toBeLessThanOrEqual(Math.max(mean, 8_000));
      if (mean * 1.5 <= 8_000) expect(slowed).toBeGreaterThanOrEqual(Math.floor(mean * 1.5));
      expect(made.what).toMatch(/network \d\.\dx slower/);
      const other = addStrike(structuredClone(steady!), rng, 'cutAtNote', `provider-mid-transfer/${cut}`)!;
      expect(other.scenario.network).toEqual(steady!.network);
    }
  });

  it('leaves a scenario with room for the strike as it was, the strike added', () => {
    const made = addStrike(structuredClone(steady!), new Rng('room'), 'competingCoordinators')!;
    expect(made.what).not.toMatch(/dropped/);
    expect(made.scenario.faults!.schedule!.slice(0, steady!.faults?.schedule?.length ?? 0)).toEqual(steady!.faults?.schedule ?? []);
  });

  it('clears the stage for a strike timed in steps: no other scheduled fault, join, leave or random fault', () => {
    const noisy = loadScenarios(['scenarios/isis-uniform.json'])[0]!.forSeed(4);
    expect(noisy.faults?.random).toBeDefined();
    const made = addStrike(structuredClone(noisy), new Rng('stage'), 'competingCoordinators', 'staggered')!;
    expect(made.what).toMatch(/stage cleared/);
    expect(made.scenario.faults?.random).toBeUndefined();
    expect(made.scenario.workload.leaves).toBeUndefined();
    // Only the strike's own links are left: the two coordinators' steady links, their slow one, the reset.
    expect(made.scenario.faults!.schedule!.every((f) => f.type === 'link' || f.type === 'link-reset')).toBe(true);
    expect(isValidScenario(made.scenario)).toBe(true);
  });

  it('adds the variant it is asked for, and names it by its kind/variant key', () => {
    const made = addStrike(structuredClone(steady!), new Rng('named'), 'cutAtNote', 'sequencer-after-order/deadLink');
    expect(made!.key).toBe('cutAtNote/sequencer-after-order/deadLink');
    expect(made!.what).toMatch(/^strike dead link sequencer->/);
  });

  it('is deterministic for a seed', () => {
    const a = addStrike(structuredClone(steady!), new Rng('d'));
    const b = addStrike(structuredClone(steady!), new Rng('d'));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

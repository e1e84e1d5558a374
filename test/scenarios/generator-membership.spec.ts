// The generator draws every membership event, every pair of them
// overlapping, each aimed at every role its kind allows, and some fired at
// protocol notes; every draw is a valid scenario that keeps a majority.
import { describe, expect, it } from 'vitest';
import { generateWithPlans, type GeneratorSpec } from '../../scenarios/generator.ts';
import { allPairs, MEMBERSHIP_EVENTS, pairKey, targetsOf } from '../../scenarios/membership-plan.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { Rng } from '../../sim/rng.ts';
import { parseScenarioText } from '../../sim/scenario-files.ts';

const spec: GeneratorSpec = { mode: 'uniform', processes: 5, protocol: { name: 'isis' }, durationUs: 1_000_000, settleUs: 3_000_000, multicastsPerSecond: 200 };
/** Draws per mode: a generous bound for 21 pairs and 25 kind x target combinations at uniform odds (a pair of two take-outs needs a seed without strikes: a quarter of them). */
const DRAWS = 400;

function draw(mode: GeneratorSpec['mode'], seed: number, extra: Partial<GeneratorSpec> = {}): ReturnType<typeof generateWithPlans> {
  return generateWithPlans('g', 'd', { ...spec, mode, ...extra }, new Rng(`generate/${seed}`));
}

describe.each(['uniform', 'swarm'] as const)('generator (%s): membership events', (mode) => {
  it(`draws every pair of membership events overlapping, and every kind at every target, within ${DRAWS} seeds`, () => {
    const pairs = new Map<string, number>();
    const aimed = new Map<string, number>();
    let onNote = 0;
    for (let seed = 0; seed < DRAWS; seed++) {
      const { scenario, plans } = draw(mode, seed);
      for (const plan of plans) {
        if (plan.overlapping) {
          const key = pairKey(plan.events[0]!.kind, plan.events[1]!.kind);
          pairs.set(key, (pairs.get(key) ?? 0) + 1);
        }
        for (const e of plan.events) aimed.set(`${e.kind}@${e.target}`, (aimed.get(`${e.kind}@${e.target}`) ?? 0) + 1);
      }
      onNote += (scenario.faults?.schedule ?? []).filter((f) => f.at !== undefined).length;
    }
    expect([...pairs.keys()].sort()).toEqual(allPairs());
    const combos = MEMBERSHIP_EVENTS.flatMap((k) => targetsOf(k).map((t) => `${k}@${t}`));
    expect(combos.filter((c) => !aimed.has(c))).toEqual([]);
    expect(onNote).toBeGreaterThan(DRAWS / 10);
  });

  it('every draw is a valid scenario whose planned take-outs stay a minority', () => {
    for (let seed = 0; seed < 200; seed++) {
      const { scenario, plans } = draw(mode, seed, { overlaps: 2 });
      expect(validateScenario(JSON.parse(JSON.stringify({ ...scenario, seeds: [seed] })), 'gen')).toBeTruthy();
      expect(plans.reduce((n, p) => n + p.takeOuts.length, 0)).toBeLessThanOrEqual(2);
    }
  });

  it('is deterministic per seed and differs across seeds', () => {
    expect(draw(mode, 7)).toEqual(draw(mode, 7));
    expect(JSON.stringify(draw(mode, 7).scenario)).not.toBe(JSON.stringify(draw(mode, 8).scenario));
  });
});

describe('generator: membership weights and switches', () => {
  it('a kind with weight 0 is never drawn; overlaps: 0 draws none', () => {
    for (let seed = 0; seed < 100; seed++) {
      const { plans } = draw('swarm', seed, { membership: { crash: 0, leave: 0 } });
      for (const p of plans) for (const e of p.events) expect(['crash', 'leave']).not.toContain(e.kind);
      expect(draw('uniform', seed, { overlaps: 0 }).plans).toEqual([]);
    }
  });

  it('swarm switches membership kinds on and off per seed', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const kinds = new Set(draw('swarm', seed, { overlaps: 3 }).plans.flatMap((p) => p.events.map((e) => e.kind)));
      seen.add([...kinds].sort().join(','));
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it('with three processes two take-outs do not fit: the second event is left out', () => {
    for (let seed = 0; seed < 100; seed++) {
      const { plans } = draw('uniform', seed, { processes: 3 });
      for (const p of plans) expect(p.takeOuts.length).toBeLessThanOrEqual(1);
    }
  });
});

describe('generator file: membership fields', () => {
  const file = (generate: Record<string, unknown>): string => JSON.stringify({ name: 'g', description: 'd', generate: { ...spec, ...generate }, seeds: [1] });

  it('accepts membership weights and overlaps, and draws by them', () => {
    const loaded = parseScenarioText(file({ membership: { join: 1, leave: 0, crash: 2 }, overlaps: 2 }), 'g.json');
    expect(loaded.forSeed(1).workload).toBeTruthy();
  });

  it('names the field and what was expected for bad membership fields', () => {
    expect(() => parseScenarioText(file({ overlaps: 9 }), 'g.json')).toThrow(/g\.json: generate\.overlaps: expected an integer from 0 to 4, got 9/);
    expect(() => parseScenarioText(file({ membership: { meteor: 1 } }), 'g.json'))
      .toThrow(/generate\.membership\.meteor: unknown field, expected one of join, leave, crash, restart, falseSuspicion, coordinatorPartition/);
    expect(() => parseScenarioText(file({ membership: { crash: -1 } }), 'g.json')).toThrow(/generate\.membership\.crash: expected a number from 0 to 1000000, got -1/);
  });
});


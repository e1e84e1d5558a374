import { describe, expect, it } from 'vitest';
import { generateScenario, type GeneratorSpec } from '../../scenarios/generator.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { parseScenarioText } from '../../sim/scenario-files.ts';
import { Rng } from '../../sim/rng.ts';

const spec: GeneratorSpec = { mode: 'swarm', processes: 5, protocol: { name: 'isis' }, durationUs: 1_000_000, settleUs: 3_000_000, multicastsPerSecond: 200 };

describe('generateScenario', () => {
  it('uniform mode enables every fault kind and every order (without strikes, which may bring their own load)', () => {
    const s = generateScenario('u', 'd', { ...spec, mode: 'uniform', strikesPerSeed: 0 }, new Rng('1'));
    expect(Object.keys(s.faults?.random?.kinds ?? {}).sort()).toEqual(['crash', 'heal', 'lossyLink', 'partition', 'restart', 'slowLink']);
    expect(s.workload.orders).toEqual({ fifo: 1, causal: 1, total: 1 });
  });

  it('swarm mode picks different feature subsets per seed, each a valid scenario', () => {
    const subsets = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const s = generateScenario('s', 'd', spec, new Rng(`generate/${seed}`));
      expect(validateScenario(JSON.parse(JSON.stringify({ ...s, seeds: [seed] })), 'gen')).toBeTruthy();
      subsets.add(Object.keys(s.faults?.random?.kinds ?? {}).sort().join(','));
    }
    expect(subsets.size).toBeGreaterThan(15);
  });

  it('a generator file gives the same concrete scenario for the same seed', () => {
    const text = JSON.stringify({ name: 'g', description: 'd', generate: spec, seeds: '1..3' });
    const loaded = parseScenarioText(text, 'g.json');
    expect(loaded.seeds).toEqual([1, 2, 3]);
    expect(loaded.forSeed(2)).toEqual(parseScenarioText(text, 'g.json').forSeed(2));
    expect(loaded.forSeed(2)).not.toEqual(loaded.forSeed(3));
  });

  it('rejects a bad generator file with field paths', () => {
    const text = JSON.stringify({ name: 'g', description: 'd', generate: { ...spec, mode: 'chaos' }, seeds: [1] });
    expect(() => parseScenarioText(text, 'g.json')).toThrow(/g\.json: generate\.mode: expected one of "uniform", "swarm"/);
  });
});

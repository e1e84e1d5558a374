import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORE_CONFIG, parseExploreConfig, parseExploreScenario, withBudgets } from '../../../sim/explore/config.ts';
import { InputError } from '../../../traces/input-error.ts';

const base = {
  name: 's',
  description: 'd',
  processes: 3,
  protocol: { name: 'isis-cbcast-static', options: { reliableNetwork: true } },
  network: { delay: { minUs: 1, meanUs: 1, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 0, orders: { fifo: 0, causal: 1, total: 0 } },
  durationUs: 0,
  settleUs: 0,
  seeds: [1],
};

describe('explore config', () => {
  it('reads the explore field and validates the rest as a scenario', () => {
    const { scenario, config } = parseExploreScenario(JSON.stringify({ ...base, explore: { multicastsPerProcess: 2, crashes: 1 } }), 'f.json');
    expect(scenario.name).toBe('s');
    expect(config).toEqual({ ...DEFAULT_EXPLORE_CONFIG, multicastsPerProcess: 2, crashes: 1 });
  });

  it('defaults when the field is absent', () => {
    expect(parseExploreScenario(JSON.stringify(base), 'f.json').config).toEqual(DEFAULT_EXPLORE_CONFIG);
  });

  it('names the file and field of a bad value', () => {
    const bad = (explore: unknown): string => {
      try {
        parseExploreScenario(JSON.stringify({ ...base, explore }), 'f.json');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(bad({ multicastsPerProcess: -1 })).toBe('f.json: explore.multicastsPerProcess: expected an integer from 0 to 64, got -1');
    expect(bad({ order: 'random' })).toMatch(/^f.json: explore.order: expected one of fifo, causal, total/);
    expect(bad({ failureDetector: 'eventual' })).toMatch(/explore.failureDetector: expected "perfect" or "unreliable"/);
    expect(bad({ crashs: 1 })).toMatch(/^f.json: explore.crashs: unknown field, expected one of/);
    expect(bad({ receiptsSend: 'no' })).toMatch(/explore.receiptsSend: expected true or false/);
    expect(bad([])).toMatch(/^f.json: explore: expected an object/);
  });

  it('reports bad JSON with its line and the scenario fields as usual', () => {
    expect(() => parseExploreScenario('{\n"name": 1,\n}', 'f.json')).toThrow(/^f.json:3: not valid JSON/);
    expect(() => parseExploreScenario(JSON.stringify({ ...base, processes: 0 }), 'f.json')).toThrow(/processes/);
    expect(() => parseExploreScenario(JSON.stringify({ ...base, processes: 9 }), 'f.json')).toThrow(/at most 8 processes/);
  });

  it('command-line budgets replace the scenario ones and are checked', () => {
    const config = parseExploreConfig({ crashes: 1, drops: 2 }, 'f.json');
    expect(withBudgets(config, { crashes: 0, partitions: 1 })).toEqual({ ...config, crashes: 0, partitions: 1 });
    expect(() => withBudgets(config, { drops: 99 })).toThrow(/--drops: expected an integer from 0 to 16/);
  });
});

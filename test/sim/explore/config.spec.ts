import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORE_CONFIG, NO_BUDGETS, legacyBudgetFlags, parseBudgetFlag, parseExploreConfig, parseExploreScenario, withBudgets } from '../../../sim/explore/config.ts';
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
    const { scenario, config } = parseExploreScenario(JSON.stringify({ ...base, explore: { multicastsPerProcess: 2, budgets: { crash: 1, restart: 1 } } }), 'f.json');
    expect(scenario.name).toBe('s');
    expect(config).toEqual({ ...DEFAULT_EXPLORE_CONFIG, multicastsPerProcess: 2, budgets: { ...NO_BUDGETS, crash: 1, restart: 1 } });
  });

  it('still reads the older separate budget fields as aliases of `budgets`', () => {
    const old = parseExploreConfig({ crashes: 1, partitions: 2, drops: 3, suspicions: 4, duplicates: 5, leaves: 6, joins: 7 }, 'f.json');
    expect(old.budgets).toEqual({ crash: 1, partition: 2, drop: 3, suspicion: 4, duplicate: 5, leave: 6, join: 7, restart: 0 });
    expect(parseExploreConfig({ budgets: { drop: 1 }, crashes: 1 }, 'f.json').budgets).toEqual({ ...NO_BUDGETS, drop: 1, crash: 1 });
    // `loss` is another name for a drop (a message lost for good).
    expect(parseExploreConfig({ budgets: { loss: 2 } }, 'f.json').budgets.drop).toBe(2);
    expect(() => parseExploreConfig({ budgets: { crash: 1 }, crashes: 1 }, 'f.json')).toThrow('f.json: explore.crashes: the crash budget is also in explore.budgets; keep one');
  });

  it('names a bad budget key or value and lists the kinds', () => {
    expect(() => parseExploreConfig({ budgets: { crahs: 1 } }, 'f.json')).toThrow(
      'f.json: explore.budgets: unknown fault kind "crahs", expected one of crash, restart, partition, drop, suspicion, duplicate, leave, join',
    );
    expect(() => parseExploreConfig({ budgets: { crash: 17 } }, 'f.json')).toThrow('f.json: explore.budgets.crash: expected an integer from 0 to 16, got 17');
    expect(() => parseExploreConfig({ budgets: { crash: 1.5 } }, 'f.json')).toThrow('explore.budgets.crash: expected an integer from 0 to 16, got 1.5');
    expect(() => parseExploreConfig({ budgets: [1] }, 'f.json')).toThrow(/^f.json: explore.budgets: expected an object of fault kind to count/);
    expect(() => parseExploreConfig({ budgets: { drop: 1, loss: 1 } }, 'f.json')).toThrow('f.json: explore.budgets.loss: the drop budget is given twice');
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
    expect(bad({ senders: 'p1' })).toBe('f.json: explore.senders: expected a list of distinct initial processes such as ["p1", "p2"], got "p1"');
    expect(bad({ senders: ['p1', 'p1'] })).toMatch(/^f.json: explore.senders: expected a list of distinct/);
    expect(bad({ senders: ['p4'] })).toBe('f.json: explore.senders: p4 is not one of the 3 initial processes');
    expect(bad({ budgets: { restart: -1 } })).toBe('f.json: explore.budgets.restart: expected an integer from 0 to 16, got -1');
  });

  it('reports bad JSON with its line and the scenario fields as usual', () => {
    expect(() => parseExploreScenario('{\n"name": 1,\n}', 'f.json')).toThrow(/^f.json:3: not valid JSON/);
    expect(() => parseExploreScenario(JSON.stringify({ ...base, processes: 0 }), 'f.json')).toThrow(/processes/);
    expect(() => parseExploreScenario(JSON.stringify({ ...base, processes: 9 }), 'f.json')).toThrow(/at most 8 processes/);
  });

  it('command-line budgets replace the scenario ones and are checked', () => {
    const config = parseExploreConfig({ budgets: { crash: 1, drop: 2 } }, 'f.json');
    expect(withBudgets(config, { crash: 0, partition: 1 }).budgets).toEqual({ ...NO_BUDGETS, crash: 0, partition: 1, drop: 2 });
    expect(() => withBudgets(config, { drop: 99 })).toThrow(/--budget drop: expected an integer from 0 to 16/);
  });

  it('parses --budget kind=count lists and the older flags', () => {
    expect(parseBudgetFlag(['crash=1,drop=2', 'restart=1'])).toEqual({ crash: 1, drop: 2, restart: 1 });
    expect(parseBudgetFlag(['loss=3'])).toEqual({ drop: 3 });
    expect(() => parseBudgetFlag(['crash=1,boom=2'])).toThrow('--budget: unknown fault kind "boom", expected one of crash, restart, partition, drop, suspicion, duplicate, leave, join');
    expect(() => parseBudgetFlag(['crash=x'])).toThrow('--budget crash: expected an integer from 0 to 16, got "x"');
    expect(() => parseBudgetFlag(['crash=99'])).toThrow('--budget crash: expected an integer from 0 to 16, got 99');
    expect(() => parseBudgetFlag(['crash'])).toThrow(/^--budget crash: expected kind=count/);
    expect(legacyBudgetFlags({ crashes: 1, joins: undefined })).toEqual({ crash: 1 });
    expect(() => legacyBudgetFlags({ drops: 99 })).toThrow('--drops: expected an integer from 0 to 16, got 99');
  });
});

describe('loadExploreScenario: paths that are not scenario files', () => {
  it('refuses a device before reading it (reading /dev/zero never ends)', async () => {
    const { loadExploreScenario } = await import('../../../sim/explore/config.ts');
    expect(() => loadExploreScenario('/dev/zero')).toThrow(InputError);
    expect(() => loadExploreScenario('/dev/zero')).toThrow('/dev/zero: expected a scenario file (JSON), but it is a device');
  });
});

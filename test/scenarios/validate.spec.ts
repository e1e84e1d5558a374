import { describe, expect, it } from 'vitest';
import { parseSeedRange, validateScenario } from '../../scenarios/validate.ts';
import { InputError } from '../../traces/input-error.ts';
import { baseScenario } from '../fixtures/scenario.ts';

function problemsOf(value: unknown): string {
  try {
    validateScenario(value, 'x.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('validateScenario', () => {
  it('accepts a valid scenario unchanged', () => {
    const s = baseScenario({
      faults: {
        schedule: [
          { type: 'crash', host: 'p1', atUs: 5 },
          { type: 'partition', groups: [['p1'], ['p2', 'p3']], atUs: 10 },
          { type: 'link', from: 'p1', to: 'p2', lossProbability: 0.5, atUs: 20 },
          { type: 'crash', host: 'p2', onNote: { host: 'p1', text: 'flush-begin' } },
        ],
        random: { meanIntervalUs: 1000, kinds: { crash: 1, partition: 2 } },
      },
    });
    expect(validateScenario(JSON.parse(JSON.stringify(s)), 'x.json')).toEqual(s);
  });

  it('names the file, the field path and what was expected', () => {
    const bad = { ...baseScenario(), network: { ...baseScenario().network, lossProbability: 2 } };
    expect(problemsOf(bad)).toContain('x.json: network.lossProbability: expected a number from 0 to 1, got 2');
  });

  it('reports missing fields, unknown fields and bad fault entries, all at once', () => {
    const { name: _name, ...noName } = baseScenario();
    const message = problemsOf({
      ...noName,
      procesess: 3,
      faults: { schedule: [{ type: 'explode', atUs: 1 }, { type: 'crash', host: 'q1', atUs: 1 }] },
    });
    expect(message).toContain('name: expected a non-empty string, got nothing (the field is missing)');
    expect(message).toContain('procesess: unknown field');
    expect(message).toContain('faults.schedule[0].type: expected one of "crash"');
    expect(message).toContain('faults.schedule[1].host: expected a host name like "p1", got "q1"');
  });

  it('rejects scheduled faults after the fault phase', () => {
    const s = baseScenario({ faults: { schedule: [{ type: 'heal', atUs: 5_000_000 }] } });
    expect(problemsOf(s)).toContain('faults.schedule[0].atUs: expected an integer from 0 to 999999');
  });

  it('accepts seeds as a range string', () => {
    expect(validateScenario({ ...baseScenario(), seeds: '3..5' }, 'x.json').seeds).toEqual([3, 4, 5]);
    expect(problemsOf({ ...baseScenario(), seeds: '5..3' })).toContain('seeds: expected a range');
    expect(parseSeedRange('1..3')).toEqual([1, 2, 3]);
    expect(parseSeedRange('x')).toBeNull();
  });
});

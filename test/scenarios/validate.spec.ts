import { describe, expect, it } from 'vitest';
import { parseSeedRange, validateScenario } from '../../scenarios/validate.ts';
import { InputError } from '../../traces/input-error.ts';
import { baseScenario } from '../fixtures/scenario.ts';
import { cliInProcess } from '../cli/cli-harness.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
    expect(message).toContain('faults.schedule[1].host: expected a host name like "p1" or one of the roles "coordinator", "sequencer", "joiner", "provider", "leaver", got "q1"');
  });

  it('accepts note triggers by role (at), faults aimed at roles, and isolate', () => {
    const s = baseScenario({
      faults: {
        schedule: [
          { type: 'crash', host: 'coordinator', at: { note: 'flush-begin', node: 'coordinator', occurrence: 2, delayUs: 10, afterUs: 100 } },
          { type: 'isolate', host: 'provider', at: { note: 'view-change-begin', node: 'any' } },
          { type: 'restart', host: 'joiner', atUs: 7 },
          { type: 'link', from: 'coordinator', to: 'leaver', delay: { minUs: 1, meanUs: 1, jitterUs: 0 }, at: { note: 'sequencer-order', node: 'p2' } },
          { type: 'heal', at: { note: 'flush-ok', node: 'sequencer', delayUs: 5000 } },
        ],
      },
    });
    expect(validateScenario(JSON.parse(JSON.stringify(s)), 'x.json')).toEqual(s);
  });

  it('names the field of a bad note trigger and what was expected', () => {
    const bad = (at: unknown, extra: Record<string, unknown> = {}): string =>
      problemsOf(baseScenario({ faults: { schedule: [{ type: 'crash', host: 'p1', at, ...extra } as never] } }));
    expect(bad({ note: 'flush-begin', node: 'boss' })).toContain(
      'x.json: faults.schedule[0].at.node: expected a host name like "p1", one of the roles "coordinator", "sequencer", "joiner", "provider", "leaver", or "any", got "boss"');
    expect(bad({ node: 'p1' })).toContain('faults.schedule[0].at.note: expected a non-empty string, got nothing');
    expect(bad({ note: 'x', node: 'p1', occurrence: 0 })).toContain('faults.schedule[0].at.occurrence: expected an integer from 1 to 1000000, got 0');
    expect(bad({ note: 'x', node: 'p1', afterUs: 5_000_000 })).toContain('faults.schedule[0].at.afterUs: expected an integer from 0 to 999999');
    expect(bad({ note: 'x', node: 'p1', when: 1 })).toContain('faults.schedule[0].at.when: unknown field, expected one of note, node, occurrence, delayUs, afterUs');
    expect(bad({ note: 'x', node: 'p1' }, { atUs: 5 })).toContain('faults.schedule[0].atUs: expected no atUs when at is given');
    expect(bad({ note: 'x', node: 'p1' }, { onNote: { host: 'p1', text: 'x' } })).toContain('faults.schedule[0].at: expected either at or onNote, not both');
    expect(bad({ note: 'x', node: 'p9' })).toContain('faults.schedule[0].at.node: expected a host of this scenario (p1..p3), got "p9"');
    expect(problemsOf(baseScenario({ faults: { schedule: [{ type: 'isolate', host: 'chief', atUs: 1 } as never] } })))
      .toContain('faults.schedule[0].host: expected a host name like "p1" or one of the roles');
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

describe('workload.startUs', () => {
  const withStart = (startUs: unknown): unknown => ({ ...baseScenario(), workload: { ...baseScenario().workload, startUs } });

  it('is optional, and kept when given (in the echo a trace header holds)', () => {
    expect(validateScenario(JSON.parse(JSON.stringify(baseScenario())), 'x.json').workload.startUs).toBeUndefined();
    const s = validateScenario(withStart(250_000), 'x.json');
    expect(s.workload.startUs).toBe(250_000);
    expect(Object.keys(s.workload)).toEqual(['multicastsPerSecond', 'orders', 'startUs']);
    expect(validateScenario(withStart(1_000_000), 'x.json').workload.startUs).toBe(1_000_000);
  });

  it('is a whole number of microseconds from 0 to durationUs', () => {
    for (const bad of [-1, 1.5, '10', null, 1_000_001]) {
      expect(problemsOf(withStart(bad))).toContain('x.json: workload.startUs: expected an integer from 0 to 1000000, got ');
    }
  });

  it('bad in a file: the CLI exits 2 naming the file, the field and what was expected', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vsynclab-start-')), 'late.json');
    writeFileSync(file, JSON.stringify({ ...baseScenario({ protocol: { name: 'isis' } }), workload: { ...baseScenario().workload, startUs: 2_000_000 } }));
    const r = await cliInProcess('run', file);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${file}: workload.startUs: expected an integer from 0 to 1000000, got 2000000`);
  });
});

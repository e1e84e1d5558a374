// Every host a scenario names must be one it has: p1..pN from the start, or
// a joiner once its join has happened. Found by walking hostReferences,
// which must know every host-valued field of scenarios/types.ts.
import { describe, expect, it } from 'vitest';
import { hostReferences, hostStartTimes } from '../../scenarios/host-references.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const problem = (s: Scenario): string => {
  try {
    validateScenario(JSON.parse(JSON.stringify(s)), 's.json');
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

/** A scenario naming a host in every place a host can be named. */
function everywhere(host: string): Scenario {
  const base = baseScenario();
  return baseScenario({
    network: { ...base.network, links: [{ from: host, to: 'p1' }] },
    clockDriftPpm: { [host]: 10 },
    workload: { ...base.workload, leaves: [{ atUs: 900_000, host }] },
    faults: {
      schedule: [
        { type: 'crash', host, atUs: 10 },
        { type: 'restart', host, onNote: { host, text: 'tick' } },
        { type: 'partition', groups: [[host], ['p1']], atUs: 20 },
        { type: 'link', from: 'p1', to: host, lossProbability: 1, atUs: 30 },
      ],
    },
  });
}

describe('hostReferences', () => {
  it('finds a host in every field that names one, with its path', () => {
    const paths = hostReferences(everywhere('p2')).filter((r) => r.host === 'p2').map((r) => r.path);
    expect(paths.sort()).toEqual([
      'clockDriftPpm.p2',
      'faults.schedule[0].host',
      'faults.schedule[1].host',
      'faults.schedule[1].onNote.host',
      'faults.schedule[2].groups[0][0]',
      'faults.schedule[3].to',
      'network.links[0].from',
      'workload.leaves[0].host',
    ]);
  });

  it('joiners start at their join time, in time order', () => {
    const base = baseScenario();
    const s = baseScenario({ workload: { ...base.workload, joins: [{ atUs: 500, count: 2 }, { atUs: 100 }] } });
    expect([...hostStartTimes(s)]).toEqual([['p1', 0], ['p2', 0], ['p3', 0], ['p4', 100], ['p5', 500], ['p6', 500]]);
  });
});

describe('validateScenario: hosts that never exist', () => {
  it('accepts every field naming an existing host', () => {
    expect(problem(everywhere('p3'))).toBe('');
  });

  it('reports every field naming a host that never exists', () => {
    const message = problem(everywhere('p9'));
    for (const path of ['network.links[0].from', 'clockDriftPpm.p9', 'workload.leaves[0].host', 'faults.schedule[0].host',
      'faults.schedule[1].onNote.host', 'faults.schedule[2].groups[0][0]', 'faults.schedule[3].to']) {
      expect(message).toContain(`s.json: ${path}: expected a host of this scenario (p1..p3), got "p9"`);
    }
  });

  it('a joiner may be named after it joins, and for untimed settings at any time', () => {
    const base = baseScenario();
    const joins = { ...base.workload, joins: [{ atUs: 100_000 }] };
    expect(problem(baseScenario({ workload: joins, clockDriftPpm: { p4: 5 }, faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 100_000 }] } }))).toBe('');
    expect(problem(baseScenario({ workload: { ...joins, leaves: [{ atUs: 99_999, host: 'p4' }] } })))
      .toBe('s.json: workload.leaves[0].host: expected a host that exists at 99999 us (p4 joins at 100000 us), got "p4"');
  });

  it('a process name of a restarted host is explained', () => {
    expect(problem(baseScenario({ faults: { schedule: [{ type: 'restart', host: 'p2#3', atUs: 1 }] } })))
      .toContain('faults.schedule[0].host: expected a host name like "p2" (a restarted host keeps its name; "p2#3" names one of its processes)');
  });

  it('a host in two groups of one partition, or twice in one group', () => {
    const twice = (groups: string[][]): string => problem(baseScenario({ faults: { schedule: [{ type: 'partition', groups, atUs: 1 }] } }));
    expect(twice([['p1'], ['p2', 'p1']])).toBe('s.json: faults.schedule[0].groups[1][1]: expected each host in one group only (p1 is already in groups[0]), got "p1"');
    expect(twice([['p1', 'p1']])).toContain('groups[0][1]: expected each host in one group only');
    expect(twice([['p1'], ['p2', 'p3']])).toBe('');
  });
});

describe('validateScenario: names', () => {
  it.each(['../x', 'a/b', '.hidden', 'a\\b', 'x'.repeat(101), 'sp ace', 'tab\t'])('refuses %j', (name) => {
    expect(problem(baseScenario({ name }))).toMatch(/^s\.json: name: expected a name of 1 to 100 letters, digits/);
  });

  it.each(['isis-steady-load', 'a.b_c-1', 'X', 'regression-joiner-removed-before-view'])('accepts %j', (name) => {
    expect(problem(baseScenario({ name }))).toBe('');
  });
});

// The suite plan: countRuns says how many jobs planRuns and selectShard
// give without making them (the pool's worker threads start before the plan
// is made, and how many start depends on it).
import { describe, expect, it } from 'vitest';
import { countRuns, planRuns, selectShard } from '../../../sim/suite/plan.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';

describe('countRuns', () => {
  const scenarios = loadScenarios(['scenarios/isis-member-crash.json', 'scenarios/isis-fbcast-static.json', 'scenarios/isis-swarm.json']);

  it('is the length of the plan, with the scenarios\u2019 own seeds and with given seeds', () => {
    expect(countRuns(scenarios)).toBe(planRuns(scenarios).length);
    expect(countRuns(scenarios, [3, 5, 8, 13])).toBe(12);
    expect(countRuns(scenarios, [3, 5, 8, 13])).toBe(planRuns(scenarios, { seeds: [3, 5, 8, 13] }).length);
  });

  it('is the length of each shard, more shards than runs included', () => {
    for (const seeds of [[1], [1, 2], [1, 2, 3, 4, 5, 6, 7]]) {
      const plan = planRuns(scenarios, { seeds });
      for (const count of [1, 2, 3, 4, 5, 25]) {
        for (let index = 1; index <= count; index++) {
          expect(countRuns(scenarios, seeds, { index, count })).toBe(selectShard(plan, { index, count }).length);
        }
      }
    }
  });
});

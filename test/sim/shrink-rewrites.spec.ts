// A timed crash rewritten as its host's leave: the shrinker's gentler-fault
// pass (sim/shrink-rewrites.ts), tried once the search without it converged.
import { describe, expect, it } from 'vitest';
import { crashesAsLeaves } from '../../sim/shrink-rewrites.ts';
import { candidates, PASS, type CurrentRun } from '../../sim/shrink-candidates.ts';
import { runScenario } from '../../sim/run.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const s: Scenario = baseScenario({
  processes: 5,
  protocol: { name: 'isis' },
  workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, leaves: [{ atUs: 10, host: 'p4' }] },
  faults: {
    schedule: [
      { type: 'crash', host: 'p5', atUs: 100_000 },
      { type: 'crash', host: 'coordinator', atUs: 200_000 },
      { type: 'crash', host: 'p2', at: { note: 'flush-begin', node: 'any' } },
      { type: 'heal', atUs: 300_000 },
    ],
  },
});

describe('crashes as leaves', () => {
  it('rewrites each timed crash of a named host, at its microsecond, and nothing else', () => {
    const rewrites = crashesAsLeaves(s);
    expect(rewrites.map((r) => r.what)).toEqual(['crash of p5 at 100000 us as its leave']);
    const [only] = rewrites;
    expect(only?.scenario.workload.leaves).toEqual([{ atUs: 10, host: 'p4' }, { atUs: 100_000, host: 'p5' }]);
    expect(only?.scenario.faults?.schedule?.map((f) => f.type)).toEqual(['crash', 'crash', 'heal']);
    expect(isValidScenario(only?.scenario as Scenario)).toBe(true);
  });

  it('is offered for a safety failure, and only when asked', () => {
    const known: CurrentRun = { result: runScenario({ ...s, durationUs: 20_000, faults: {} }, { seed: '1' }), violationAtUs: undefined, multicastFloor: -1 };
    const offered = (target: Parameters<typeof candidates>[2], on: boolean): number =>
      [...candidates(s, known, target, { crashesAsLeaves: on })].filter((c) => c.pass === PASS.leaves).length;
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, true)).toBe(1);
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, false)).toBe(0);
    expect(offered({ kind: 'property', property: 'view-convergence' }, true)).toBe(0);
  });
});

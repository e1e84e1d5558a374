// What the search notes of each candidate's run (sim/shrink-watch.ts): the
// first violation of each property, each multicast, each new view.
import { describe, expect, it } from 'vitest';
import { defaultChecker } from '../../sim/online-checker.ts';
import { runScenario } from '../../sim/run.ts';
import { watchedChecker } from '../../sim/shrink-watch.ts';
import { baseScenario } from '../fixtures/scenario.ts';

describe('the watched checker', () => {
  it('notes each multicast and the first install of each view after the first, and checks as the plain checker', () => {
    const scenario = baseScenario({
      processes: 3,
      protocol: { name: 'isis' },
      workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 0, total: 0 }, joins: [{ atUs: 20_000 }], leaves: [{ atUs: 60_000, host: 'p2' }] },
      durationUs: 100_000,
    });
    const watched = watchedChecker(defaultChecker());
    const result = runScenario(scenario, { seed: '1', checker: watched.checker });
    expect(result.passed).toBe(runScenario(scenario, { seed: '1' }).passed);
    expect(watched.multicastTimesUs).toHaveLength(result.multicasts);
    // The join's view, then the leave's: once each, in order, each after its event.
    expect(watched.viewTimesUs).toHaveLength(2);
    expect(watched.viewTimesUs[0]).toBeGreaterThan(20_000);
    expect(watched.viewTimesUs[1]).toBeGreaterThan(60_000);
    expect(watched.firstAtUs.size).toBe(0);
  });
});

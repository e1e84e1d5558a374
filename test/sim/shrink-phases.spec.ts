// The shrinker shortens the fault phase (durationUs) and the settle phase
// (settleUs). A liveness failure keeps its settle phase: a shorter one could
// make a "did not converge in time" failure of the shrinker's own making.
import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { runScenario } from '../../sim/run.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

describe('shrinking the phases', () => {
  const protocol = floodProtocol();

  it('shortens both phases of a safety failure', () => {
    // Jitter reorders flood's messages: fifo-order breaks early in a long run.
    const jittery = baseScenario({
      processes: 3,
      network: { delay: { minUs: 100, meanUs: 3000, jitterUs: 2000 }, lossProbability: 0, duplicateProbability: 0 },
      workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 0, total: 0 } },
      durationUs: 800_000,
      settleUs: 900_000,
    });
    const outcome = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 150 });
    expect(outcome.target).toEqual({ kind: 'property', property: 'fifo-order' });
    expect(outcome.shrunk.durationUs).toBeLessThan(jittery.durationUs / 4);
    expect(outcome.shrunk.settleUs).toBeLessThan(jittery.settleUs / 4);
    expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, protocol }), outcome.target)).toBe(true);
  });

  it('keeps the settle phase of a liveness failure (a shorter one could make the failure itself)', () => {
    // A crash leaves a dead member in flood's only view: view-convergence, a liveness property.
    const crash = baseScenario({
      processes: 3,
      network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
      workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 } },
      faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 50_017 }] },
      durationUs: 400_000,
      settleUs: 900_000,
    });
    const outcome = shrinkScenario(crash, { seed: '1', protocol, maxAttempts: 150 });
    expect(outcome.target).toEqual({ kind: 'property', property: 'view-convergence' });
    expect(outcome.shrunk.durationUs).toBeLessThan(crash.durationUs);
    expect(outcome.shrunk.settleUs).toBe(crash.settleUs);
  });
});

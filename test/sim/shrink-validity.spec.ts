// Shrinking only ever tries valid scenarios: a candidate that would name a
// host it no longer has (a joiner after its join was dropped, a host after
// the highest was dropped) is skipped, not run and not an error.
import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario, lossyNetwork } from '../fixtures/scenario.ts';

const withJoiners = baseScenario({
  processes: 4,
  network: lossyNetwork(),
  workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 1 }, joins: [{ atUs: 50_000, count: 2 }], leaves: [{ atUs: 400_000, host: 'p6' }] },
  faults: { schedule: [{ type: 'crash', host: 'p5', atUs: 500_000 }, { type: 'link', from: 'p6', to: 'p1', lossProbability: 0.5, atUs: 60_000 }] },
  clockDriftPpm: { p6: 1000 },
  durationUs: 600_000,
});

describe('shrinkScenario with joiners named by faults', () => {
  it('never runs a candidate naming a host it does not have, and ends valid', () => {
    const protocol = floodProtocol();
    // Halving the fault phase drops the join while clockDriftPpm still names p6: that candidate must be skipped.
    for (const maxAttempts of [5, 60]) {
      const outcome = shrinkScenario(withJoiners, { seed: '3', protocol, maxAttempts });
      expect(failsSameWay(outcome.result, outcome.target)).toBe(true);
      expect(() => validateScenario(JSON.parse(JSON.stringify(outcome.shrunk)), 'shrunk')).not.toThrow();
    }
  });
});

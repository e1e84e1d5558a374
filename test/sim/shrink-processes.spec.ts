// The shrinker always tries fewer processes, any host not only the last: a
// failure that needs one crash ends with the two or three hosts it needs,
// the crashed one renumbered, its crash kept at the same microsecond (or,
// when the shrinker may move the timed events sooner, all by one delta).
import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

// Flood never changes its view: a crash leaves a dead member in the last view (view-convergence).
const crashOnly = baseScenario({
  processes: 6,
  network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 0, total: 0 } },
  faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 150_321 }] },
  durationUs: 400_000,
  settleUs: 600_000,
});

describe('shrinking a crash-only failure', () => {
  const protocol = floodProtocol();
  const outcome = shrinkScenario(crashOnly, { seed: '1', protocol, maxAttempts: 300 });

  it('ends at two or three processes', () => {
    expect(outcome.before.processes).toBe(6);
    expect(outcome.after.processes).toBeLessThanOrEqual(3);
    expect(outcome.boundHit).toBe(false);
    expect(failsSameWay(outcome.result, outcome.target)).toBe(true);
  });

  it('keeps the crash, renamed to a host that exists, at its exact time (moveEvents: false)', () => {
    const kept = shrinkScenario(crashOnly, { seed: '1', protocol, maxAttempts: 100, moveEvents: false });
    expect(kept.after.processes).toBeLessThanOrEqual(3);
    const crashes = (kept.shrunk.faults?.schedule ?? []).filter((f) => f.type === 'crash');
    expect(crashes).toHaveLength(1);
    const crash = crashes[0];
    expect(crash?.atUs).toBe(150_321);
    const host = crash?.type === 'crash' ? crash.host : '';
    expect(Number(host.slice(1))).toBeLessThanOrEqual(kept.shrunk.processes);
    expect(() => validateScenario(JSON.parse(JSON.stringify(kept.shrunk)), 'shrunk')).not.toThrow();
  });

  it('by default moves the crash sooner, to a whole microsecond, and the run still fails the same way', () => {
    const crash = (outcome.shrunk.faults?.schedule ?? []).find((f) => f.type === 'crash');
    expect(crash?.atUs).toBeLessThan(150_321);
    expect(Number.isInteger(crash?.atUs)).toBe(true);
    expect(outcome.shrunk.durationUs).toBeLessThan(crashOnly.durationUs);
  });
});

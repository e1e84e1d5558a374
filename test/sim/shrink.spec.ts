import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { runScenario } from '../../sim/run.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario, lossyNetwork } from '../fixtures/scenario.ts';

// The flood protocol has no retransmission or ordering: loss and reordering
// break it, which gives shrinking something real to chew on.
const failing = baseScenario({
  processes: 5,
  network: lossyNetwork(),
  workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 1 }, joins: [{ atUs: 100_000 }] },
  // maxDown 4: the flood protocol has no majority to keep; the driver counts crashed, cut-off and slow links' hosts as down.
  faults: { random: { meanIntervalUs: 60_000, kinds: { crash: 1, partition: 1, heal: 1, slowLink: 1 }, maxDown: 4 } },
  durationUs: 600_000,
});

describe('shrinkScenario', () => {
  const protocol = floodProtocol();

  it('finds a much smaller scenario that fails with the same property', () => {
    const original = runScenario(failing, { seed: '3', protocol });
    expect(original.passed).toBe(false);
    expect(original.randomFaults.length).toBeGreaterThan(3);
    const outcome = shrinkScenario(failing, { seed: '3', protocol, maxAttempts: 200 });
    expect(outcome.target.kind).toBe('property');
    expect(failsSameWay(outcome.result, outcome.target)).toBe(true);
    expect(outcome.after.processes).toBeLessThan(outcome.before.processes);
    expect(outcome.after.multicasts).toBeLessThan(outcome.before.multicasts / 4);
    expect(outcome.after.traceEvents).toBeLessThan(outcome.before.traceEvents / 4);
    expect(outcome.shrunk.faults?.random).toBeUndefined();
    // The result is a valid scenario and really fails when run again.
    const again = validateScenario(JSON.parse(JSON.stringify(outcome.shrunk)), 'shrunk');
    expect(failsSameWay(runScenario(again, { seed: outcome.seed, protocol }), outcome.target)).toBe(true);
  });

  it('stops at the attempt bound and says so', () => {
    const outcome = shrinkScenario(failing, { seed: '3', protocol, maxAttempts: 2 });
    expect(outcome.attempts).toBe(2);
    expect(outcome.boundHit).toBe(true);
  });

  it('refuses a passing run', () => {
    expect(() => shrinkScenario(baseScenario({ workload: { multicastsPerSecond: 0, orders: { fifo: 1, causal: 0, total: 0 } } }), { seed: '1', protocol })).toThrow(/passes/);
  });
});

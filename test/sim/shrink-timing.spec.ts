// What the shrinker keeps keeps its timing: random faults are written out
// at the exact microsecond they struck (never rounded), and the shrunk run
// applies them then.
import { describe, expect, it } from 'vitest';
import { shrinkScenario } from '../../sim/shrink.ts';
import { runScenario } from '../../sim/run.ts';
import { MemoryTraceSink } from '../../sim/trace-sink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario, lossyNetwork } from '../fixtures/scenario.ts';

const randomFaults = baseScenario({
  processes: 5,
  network: lossyNetwork(),
  workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 1 } },
  faults: { random: { meanIntervalUs: 60_000, kinds: { crash: 1, partition: 1, heal: 1, slowLink: 1 } } },
  durationUs: 600_000,
});

const FAULT_EVENTS = new Set(['crash', 'partition', 'heal']);

describe('shrinking keeps exact times', () => {
  const protocol = floodProtocol();

  it('writes each random fault at the microsecond it struck, and the shrunk trace applies it then', () => {
    const original = runScenario(randomFaults, { seed: '3', protocol });
    const struck = original.randomFaults.map((f) => f.atUs);
    expect(struck.some((t) => t !== undefined && t % 1000 !== 0), 'the draw has times off the millisecond').toBe(true);
    // Only the write-out is tried: every fault is still there.
    const outcome = shrinkScenario(randomFaults, { seed: '3', protocol, maxAttempts: 1 });
    expect(outcome.boundHit).toBe(true);
    const schedule = outcome.shrunk.faults?.schedule ?? [];
    expect(schedule.map((f) => f.atUs)).toEqual(struck);
    // The shrunk run's fault events happen at those times, to the microsecond.
    const sink = new MemoryTraceSink();
    runScenario(outcome.shrunk, { seed: '3', protocol, traceSink: sink });
    const events = sink.lines.map((line) => JSON.parse(line) as { type: string; t?: number });
    const faultTimes = events.filter((e) => FAULT_EVENTS.has(e.type)).map((e) => e.t);
    // (Link faults leave no event of their own in a trace.)
    const traced = original.randomFaults.filter((f) => FAULT_EVENTS.has(f.type)).map((f) => f.atUs);
    expect(traced.length).toBeGreaterThan(0);
    expect(faultTimes).toEqual(expect.arrayContaining(traced));
  });
});

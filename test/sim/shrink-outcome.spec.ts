// The sizes a shrink reports (sim/shrink-outcome.ts): a joiner is a process
// too, so the aim (at most 3 processes) counts hosts and joiners.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { sizeOf } from '../../sim/shrink-outcome.ts';
import { baseScenario } from '../fixtures/scenario.ts';

describe('sizeOf', () => {
  it('counts the hosts, the joiners of every join, the multicasts and the faults', () => {
    const scenario = baseScenario({
      processes: 2,
      protocol: { name: 'isis' },
      workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, joins: [{ atUs: 1000 }, { atUs: 5000, count: 2 }] },
      faults: { schedule: [{ type: 'crash', host: 'p2', atUs: 50_000 }] },
      durationUs: 60_000,
    });
    const result = runScenario(scenario, { seed: '1' });
    expect(sizeOf(scenario, result)).toEqual({
      processes: 2, joiners: 3, multicasts: result.multicasts, faults: 1, durationUs: 60_000, traceEvents: result.traceEvents,
    });
  });
});

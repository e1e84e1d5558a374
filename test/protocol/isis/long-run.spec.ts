// Stability and GC keep every buffer bounded on a long run: the sizes stay
// flat however many multicasts go through (here 5 000 in one simulated second).
import { describe, expect, it } from 'vitest';
import type { IsisState } from '../../../protocol/isis/isis-state.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import { keptCount, waitingCount } from '../../../protocol/isis/view-comm.ts';
import type { AnyProtocol } from '../../../protocol/types.ts';
import { runScenario } from '../../../sim/run.ts';
import { baseIsisScenario } from './run-helper.ts';

describe('a long steady run', () => {
  it('keeps kept, waiting, unacknowledged and order-log sizes bounded', () => {
    const inner = makeIsisProtocol({});
    const max = { kept: 0, waiting: 0, unacked: 0, orders: 0, queue: 0 };
    const observe = (s: IsisState): void => {
      if (s.vc !== null) {
        max.kept = Math.max(max.kept, keptCount(s.vc));
        max.waiting = Math.max(max.waiting, waitingCount(s.vc));
        max.orders = Math.max(max.orders, s.vc.total.ids.length);
      }
      for (const c of Object.values(s.transport.channels)) max.unacked = Math.max(max.unacked, c.unacked.length);
      max.queue = Math.max(max.queue, s.queue.length);
    };
    let steps = 0;
    const spy: AnyProtocol = {
      ...inner,
      onMessage(s, from, msg, ctx) {
        const step = inner.onMessage(s, from, msg, ctx);
        if (++steps % 64 === 0) observe(step.state);
        return step;
      },
    };
    const multicasts = 5_000;
    const scenario = baseIsisScenario({
      protocol: { name: 'isis' },
      processes: 5,
      network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 800 }, lossProbability: 0.01, duplicateProbability: 0.01 },
      workload: { multicastsPerSecond: 5000, orders: { fifo: 1, causal: 1, total: 1 }, maxMulticasts: multicasts },
      durationUs: 1_100_000,
    });
    const result = runScenario(scenario, { seed: '1', protocol: spy, checker: null });
    expect(result.multicasts).toBe(multicasts);
    expect(result.deliveries).toBe(multicasts * 5);
    expect(max.kept).toBeLessThan(300);
    expect(max.waiting).toBeLessThan(300);
    expect(max.unacked).toBeLessThan(300);
    expect(max.orders).toBeLessThan(300);
    expect(max.queue).toBe(0);
  });
});

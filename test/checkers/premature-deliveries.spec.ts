// Deliveries before their multicast past the remembered bound: only a
// message that is then multicast makes a verdict unknown. Ids that are never
// multicast (a log converter that records deliveries only, say) have no
// sending view and no order, so the four properties stay exact.
import { describe, expect, it } from 'vitest';
import { checkEvents } from '../../checkers/index.ts';
import { MAX_PREMATURE } from '../../checkers/premature-deliveries.ts';
import { trace } from './trace-builder.ts';

const FOUR = ['sending-view-delivery', 'fifo-order', 'causal-order', 'total-order'];

function withOrphanDeliveries(count: number): ReturnType<typeof trace> {
  const builder = trace().group('p1', 'p2');
  for (let k = 0; k < count; k++) builder.deliver('p2', `orphan${k}`, 'p1', 1);
  return builder;
}

describe('deliveries before their multicast, past the bound', () => {
  it('ids never multicast leave the four properties exact (held)', () => {
    const builder = withOrphanDeliveries(MAX_PREMATURE + 10).send('p1', 'a', 'total', 1, ['p1', 'p2']).end();
    const result = checkEvents(builder.events, { maxViolations: 10 });
    expect(result.unknown).toEqual([]);
    const status = new Map(result.verdicts.map((v) => [v.property as string, v.status]));
    for (const property of FOUR) expect(status.get(property), property).toBe('held');
    expect(status.get('delivery-integrity')).toBe('violated');
  });

  it('a forgotten delivery of an id multicast later makes them unknown, never held', () => {
    const builder = withOrphanDeliveries(MAX_PREMATURE)
      .deliver('p2', 'late', 'p1', 7)
      .send('p1', 'late', 'causal', 1, ['p1'])
      .end();
    const result = checkEvents(builder.events, { maxViolations: 10 });
    expect(result.unknown.map((u) => u.property).sort()).toEqual([...FOUR].sort());
    expect(result.unknown[0]?.reason).toMatch(/more than 65536 deliveries before their multicast/);
  });
});

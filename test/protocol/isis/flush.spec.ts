import { describe, expect, it } from 'vitest';
import { defaultIsisLayers } from '../../../protocol/isis/config.ts';
import { decideFlush } from '../../../protocol/isis/flush.ts';
import type { FlushReply } from '../../../protocol/isis/messages.ts';
import type { McMessage } from '../../../protocol/isis/mc-message.ts';
import { msg } from './messages-fixture.ts';

function reply(delivered: number[], msgs: McMessage[], extra: Partial<FlushReply> = {}): FlushReply {
  return { delivered, msgs, orderFrom: 0, orderIds: [], totalDelivered: 0, accepted: null, leaving: false, ...extra };
}

describe('flush decision', () => {
  it('everything any survivor delivered is delivered by all (messages of a failed member too)', () => {
    // p1 (rank 0) failed; p2 delivered p1's message 1, p3 did not receive it.
    const m = msg(0, 1, 'fifo');
    const d = decideFlush([reply([1, 0, 0], [m]), reply([0, 0, 0], [])], 3, defaultIsisLayers);
    expect(d.limit).toEqual([1, 0, 0]);
    expect(d.msgs.map((x) => x.id)).toEqual(['p1:1']);
  });

  it('adds received-but-undelivered messages whose dependencies are available, and nothing else', () => {
    const a = msg(1, 1, 'causal', [0, 0, 0]);
    const b = msg(2, 1, 'causal', [0, 1, 0]); // needs a
    const orphan = msg(2, 2, 'causal', [5, 1, 0]); // needs p1's 5 messages nobody has
    const d = decideFlush([reply([0, 0, 0], [b, orphan]), reply([0, 0, 0], [a])], 3, defaultIsisLayers);
    expect(d.limit).toEqual([0, 1, 1]);
    expect(d.msgs.map((x) => x.id).sort()).toEqual(['p2:1', 'p3:1']);
  });

  it('keeps the sequencer\'s order as far as anyone knows it and orders the rest by timestamp', () => {
    const t1 = msg(1, 1, 'total', [0, 0, 0]);
    const t2 = msg(2, 1, 'total', [0, 0, 0]);
    const t3 = msg(1, 2, 'total', [0, 0, 0]);
    const r1 = reply([0, 0, 0], [t1, t2, t3], { orderIds: ['p3:1'] });
    const r2 = reply([0, 0, 0], [t1, t2, t3], { orderIds: ['p3:1', 'p2:1'] });
    const d = decideFlush([r1, r2], 3, defaultIsisLayers);
    // The longest known order wins; p2:2 was ordered by nobody and comes after.
    expect(d.totalOrder).toEqual(['p3:1', 'p2:1', 'p2:2']);
    expect(d.totalFrom).toBe(0);
  });

  it('starts the total order where every replier already is', () => {
    const t1 = msg(1, 1, 'total');
    const t2 = msg(2, 1, 'total');
    const r1 = reply([0, 1, 0], [t1, t2], { orderIds: ['p2:1', 'p3:1'], totalDelivered: 1 });
    const r2 = reply([0, 1, 1], [t1, t2], { orderIds: ['p2:1', 'p3:1'], totalDelivered: 2 });
    const d = decideFlush([r1, r2], 3, defaultIsisLayers);
    expect(d.totalFrom).toBe(1);
    expect(d.totalOrder).toEqual(['p3:1']);
    expect(d.msgs.map((x) => x.id)).toEqual(['p3:1']);
  });
});

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  appendOrders,
  discardDeliveredOrders,
  majorityKnown,
  mergeKnownBy,
  newTotalOrder,
  orderAckDue,
  orderBatchDue,
  recordOrderAck,
  sequencerPass,
  takeOrderBatch,
  totalReady,
} from '../../../protocol/isis/abcast.ts';
import { causalReady } from '../../../protocol/isis/cbcast.ts';
import { msg } from './messages-fixture.ts';

describe('ABCAST', () => {
  it('an order is stable once more than half the view knows it', () => {
    expect(majorityKnown([5, 0, 0])).toBe(0);
    expect(majorityKnown([5, 3, 0])).toBe(3);
    expect(majorityKnown([5, 3, 4, 0])).toBe(3);
    expect(majorityKnown([2, 2])).toBe(2);
    expect(majorityKnown([2, 1])).toBe(1);
    expect(majorityKnown([])).toBe(0);
  });

  test.prop([fc.array(fc.nat(20), { maxLength: 9 })])('majorityKnown is the middle of the counts sorted highest first', (knownBy) => {
    const sorted = knownBy.slice().sort((a, b) => b - a);
    expect(majorityKnown(knownBy)).toBe(sorted[Math.floor(sorted.length / 2)] ?? 0);
  });

  it('the sequencer orders total messages in a causal pass, never before what they depend on', () => {
    const t = newTotalOrder(3, true);
    const a = msg(1, 1, 'total', [0, 0, 0]);
    const b = msg(2, 1, 'total', [0, 1, 0]); // b happened after a
    // b arrives first: it cannot be ordered yet.
    const first = sequencerPass(t, [[], [], [b]], causalReady, 0);
    expect(first.ordered).toEqual([]);
    const second = sequencerPass(first.total, [[], [a], [b]], causalReady, 0);
    expect(second.ordered).toEqual([a.id, b.id]);
    expect(second.total.ids).toEqual([a.id, b.id]);
    expect(second.total.knownBy).toEqual([2, 0, 0]);
  });

  it('non-sequencers append orders in sequence and ignore overlaps', () => {
    let t = newTotalOrder(3, false);
    t = appendOrders(t, 1, ['x', 'y'], 1);
    t = appendOrders(t, 2, ['y', 'z'], 1);
    expect(t.ids).toEqual(['x', 'y', 'z']);
    expect(t.knownBy).toEqual([0, 3, 0]);
    expect(appendOrders(t, 9, ['w'], 1)).toBe(t);
  });

  it('delivers the next total message only when its order is stable', () => {
    let t = newTotalOrder(3, false);
    t = appendOrders(t, 1, ['p2:1'], 1);
    const m = msg(1, 1, 'total');
    expect(totalReady(t, m, majorityKnown(t.knownBy))).toBe(false);
    t = recordOrderAck(t, 0, 1);
    expect(totalReady(t, m, majorityKnown(t.knownBy))).toBe(true);
    expect(totalReady(t, msg(2, 1, 'total'), 1)).toBe(false);
  });

  it('a flush-forced order replaces the sequencer and its majority rule', () => {
    const t = { ...newTotalOrder(3, false), forced: { from: 0, ids: ['p3:1', 'p2:1'] } };
    expect(totalReady(t, msg(2, 1, 'total'), 0)).toBe(true);
    expect(totalReady(t, msg(1, 1, 'total'), 0)).toBe(false);
  });

  it('discards only orders delivered everywhere', () => {
    let t = appendOrders(newTotalOrder(3, false), 1, ['a', 'b', 'c'], 0);
    t = { ...t, delivered: 2 };
    const d = discardDeliveredOrders(t, 1);
    expect(d.base).toBe(1);
    expect(d.ids).toEqual(['b', 'c']);
    expect(discardDeliveredOrders(t, 0)).toBe(t);
  });

  it('batching: the sequencer sends each order once, from what every member may not have', () => {
    let t = newTotalOrder(3, true);
    expect(orderBatchDue(t)).toBe(false);
    t = sequencerPass(t, [[], [msg(1, 1, 'total'), msg(1, 2, 'total')], []], causalReady, 0).total;
    expect(orderBatchDue(t)).toBe(true);
    const batch = takeOrderBatch(t);
    expect([batch.first, batch.ids]).toEqual([1, ['p2:1', 'p2:2']]);
    expect(orderBatchDue(batch.total)).toBe(false);
    // Orders 1..2 delivered everywhere and discarded; order 3 is new.
    t = sequencerPass({ ...batch.total, delivered: 2 }, [[], [msg(1, 3, 'total')], []], causalReady, 0).total;
    t = discardDeliveredOrders(t, 2);
    const next = takeOrderBatch(t);
    expect([next.first, next.ids]).toEqual([3, ['p2:3']]);
    // An acknowledgement to relay makes a batch due even without new orders.
    expect(orderBatchDue({ ...next.total, relayDue: true })).toBe(true);
  });

  it('batching: a member owes an acknowledgement for orders it has not announced', () => {
    let t = newTotalOrder(3, false);
    expect(orderAckDue(t)).toBe(false);
    t = appendOrders(t, 1, ['x'], 1);
    expect(orderAckDue(t)).toBe(true);
    expect(orderAckDue({ ...t, announced: 1 })).toBe(false);
  });

  it('batching: relayed counts only ever raise what is known', () => {
    const t = recordOrderAck(newTotalOrder(3, false), 1, 4);
    expect(mergeKnownBy(t, [2, 1, 3]).knownBy).toEqual([2, 4, 3]);
    expect(mergeKnownBy(t, [0, 4, 0])).toBe(t);
  });
});

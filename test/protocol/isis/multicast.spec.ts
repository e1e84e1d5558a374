import { describe, expect, it } from 'vitest';
import type { IsisFrame } from '../../../protocol/isis/isis-state.ts';
import { ORDER_ACK_TIMER, ORDER_BATCH_TIMER } from '../../../protocol/isis/multicast.ts';
import { makeIsisProtocol } from '../../../protocol/isis/stack.ts';
import { Harness, type InFlight } from './harness.ts';

const PIDS = ['p1', 'p2', 'p3', 'p4', 'p5'];

/** Delivers everything in flight, recording each order acknowledgement as `from>to`. */
function runRecordingAcks(h: Harness, acks: string[]): void {
  h.run(100_000, (m: InFlight) => {
    const frame = m.msg as IsisFrame;
    if (frame.t !== 'a' && frame.body.k === 'oack') acks.push(`${m.from}>${m.to}`);
    return false;
  });
}

function deliveredEverywhere(h: Harness, id: string): boolean {
  return PIDS.every((p) => h.seen(p, 'deliver').some((o) => o.type === 'deliver' && o.msg === id));
}

describe('ABCAST over the full stack', () => {
  it('with order batching: orders go out on the batch timer, acknowledgements go to the sequencer only, and a majority is still awaited', () => {
    const h = new Harness(makeIsisProtocol({ orderBatchUs: 2_000 }), true);
    h.startGroup(PIDS);
    h.inFlight.length = 0;
    const acks: string[] = [];
    h.request('p3', { type: 'multicast', order: 'total', payload: { key: 'a', value: 1 } });
    runRecordingAcks(h, acks);
    // The sequencer ordered the message but sends the order only when its batch timer fires.
    expect(h.timers.get('p1')?.has(ORDER_BATCH_TIMER)).toBe(true);
    expect(deliveredEverywhere(h, 'p3:1')).toBe(false);
    h.fire('p1', ORDER_BATCH_TIMER);
    runRecordingAcks(h, acks);
    // Each member knows the order, and so does the sequencer: two of five, not a majority.
    expect(PIDS.some((p) => h.seen(p, 'deliver').length > 0)).toBe(false);
    for (const p of PIDS.slice(1)) {
      expect(h.timers.get(p)?.has(ORDER_ACK_TIMER)).toBe(true);
      h.fire(p, ORDER_ACK_TIMER);
    }
    runRecordingAcks(h, acks);
    expect(acks.sort()).toEqual(['p2>p1', 'p3>p1', 'p4>p1', 'p5>p1']);
    // The sequencer heard a majority and delivered; the others learn it from its next batch.
    expect(h.seen('p1', 'deliver').length).toBe(1);
    expect(deliveredEverywhere(h, 'p3:1')).toBe(false);
    h.fire('p1', ORDER_BATCH_TIMER);
    runRecordingAcks(h, acks);
    expect(deliveredEverywhere(h, 'p3:1')).toBe(true);
    for (const p of ['p1', 'p2', 'p3', 'p4', 'p5']) if (h.timers.get(p)?.has('ack')) h.fire(p, 'ack');
    h.run();
    expect(h.check().violations).toEqual([]);
  });

  it('with order batching: a multicast carries its sender\'s acknowledgement to every member', () => {
    const h = new Harness(makeIsisProtocol({ orderBatchUs: 2_000 }));
    h.startGroup(PIDS);
    h.inFlight.length = 0;
    const acks: string[] = [];
    h.request('p3', { type: 'multicast', order: 'total', payload: { key: 'a', value: 1 } });
    runRecordingAcks(h, acks);
    h.fire('p1', ORDER_BATCH_TIMER);
    runRecordingAcks(h, acks);
    // p2 and p4 multicast (fifo): with p1's own knowledge that makes three of five at every member.
    h.request('p2', { type: 'multicast', order: 'fifo', payload: { key: 'b', value: 2 } });
    h.request('p4', { type: 'multicast', order: 'fifo', payload: { key: 'c', value: 3 } });
    runRecordingAcks(h, acks);
    expect(acks).toEqual([]);
    expect(deliveredEverywhere(h, 'p3:1')).toBe(true);
  });

  it('without batching (orderBatchUs 0): every member acknowledges each order to every member at once', () => {
    const h = new Harness(makeIsisProtocol({ orderBatchUs: 0 }));
    h.startGroup(PIDS);
    h.inFlight.length = 0;
    const acks: string[] = [];
    h.request('p3', { type: 'multicast', order: 'total', payload: { key: 'a', value: 1 } });
    runRecordingAcks(h, acks);
    expect(acks.length).toBe(4 * 4);
    expect(deliveredEverywhere(h, 'p3:1')).toBe(true);
    expect(PIDS.some((p) => h.timers.get(p)?.has(ORDER_BATCH_TIMER) || h.timers.get(p)?.has(ORDER_ACK_TIMER))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultIsisLayers } from '../../../protocol/isis/config.ts';
import { appendOrders, recordOrderAck } from '../../../protocol/isis/abcast.ts';
import { deliverReady, insertWaiting, makeMulticast, newViewComm, waitingCount, withNextSn } from '../../../protocol/isis/view-comm.ts';
import { MEMBERS, msg } from './messages-fixture.ts';

const view = { id: 1, members: MEMBERS };

describe('per-view multicast state', () => {
  it('keeps waiting messages sorted by sequence number and drops duplicates', () => {
    let vc = newViewComm(view, 'p1', true);
    vc = insertWaiting(vc, msg(1, 3));
    vc = insertWaiting(vc, msg(1, 1));
    vc = insertWaiting(vc, msg(1, 3));
    vc = insertWaiting(vc, msg(1, 2));
    expect(vc.waiting[1]?.map((m) => m.sn)).toEqual([1, 2, 3]);
  });

  it('delivers in causal order whatever the arrival order, and keeps delivered messages for the flush', () => {
    let vc = newViewComm(view, 'p1', true);
    const a = msg(1, 1, 'causal', [0, 0, 0]);
    const b = msg(2, 1, 'causal', [0, 1, 0]);
    const c = msg(1, 2, 'fifo', [0, 1, 0]);
    for (const m of [b, c, a]) vc = insertWaiting(vc, m);
    const r = deliverReady(vc, defaultIsisLayers, null);
    expect(r.delivered.map((m) => m.id)).toEqual(['p2:1', 'p3:1', 'p2:2']);
    expect(r.vc.delivered).toEqual([0, 2, 1]);
    expect(waitingCount(r.vc)).toBe(0);
    expect(r.vc.kept[1]?.length).toBe(2);
  });

  it('builds every new state with newViewComm\'s fields in its order, leaving the old one as it was', () => {
    // Key order reaches the generic hash and anything that serializes a state: the builders must not reorder it.
    const fresh = newViewComm(view, 'p1', true);
    const before = JSON.stringify(fresh);
    const a = msg(1, 1, 'causal', [0, 0, 0]);
    const inserted = insertWaiting(withNextSn(fresh, 2), a);
    const delivered = deliverReady(inserted, defaultIsisLayers, null).vc;
    for (const vc of [withNextSn(fresh, 2), inserted, delivered]) expect(Object.keys(vc)).toEqual(Object.keys(fresh));
    expect(JSON.stringify(fresh)).toBe(before);
    expect(inserted.nextSn).toBe(2);
    expect(inserted.waiting[1]).toEqual([a]);
    expect(delivered.delivered).toEqual([0, 1, 0]);
    expect(delivered.kept[1]).toEqual([a]);
  });

  it('holds total messages until their order is stable', () => {
    let vc = newViewComm(view, 'p2', true);
    vc = insertWaiting(vc, msg(2, 1, 'total'));
    expect(deliverReady(vc, defaultIsisLayers, null).delivered).toEqual([]);
    vc = { ...vc, total: recordOrderAck(appendOrders(vc.total, 1, ['p3:1'], 1), 0, 1) };
    const r = deliverReady(vc, defaultIsisLayers, null);
    expect(r.delivered.map((m) => m.id)).toEqual(['p3:1']);
    expect(r.vc.total.delivered).toBe(1);
  });

  it('a limit caps what a flush delivers', () => {
    let vc = newViewComm(view, 'p1', true);
    for (const m of [msg(1, 1, 'fifo'), msg(1, 2, 'fifo')]) vc = insertWaiting(vc, m);
    const r = deliverReady(vc, defaultIsisLayers, [0, 1, 0]);
    expect(r.delivered.map((m) => m.sn)).toEqual([1]);
  });

  it('our own multicast carries our delivered vector and the next sequence number', () => {
    const vc = { ...newViewComm(view, 'p2', true), delivered: [4, 2, 1], nextSn: 3 };
    const m = makeMulticast(vc, 'p2', 'causal', { key: 'a', value: 1 }, 17);
    expect(m).toMatchObject({ id: 'p2:17', rank: 1, sn: 3, vt: [4, 3, 1], view: 1 });
  });
});

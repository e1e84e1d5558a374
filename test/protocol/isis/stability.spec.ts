import { describe, expect, it } from 'vitest';
import { defaultIsisLayers } from '../../../protocol/isis/config.ts';
import { announcementDue, collectGarbage, deliveredVectorOf, markAnnounced, minimumVector, recordPeerDelivered, recordPeerTimestamp } from '../../../protocol/isis/stability.ts';
import { deliverReady, insertWaiting, keptCount, newViewComm } from '../../../protocol/isis/view-comm.ts';
import { MEMBERS, msg } from './messages-fixture.ts';

describe('stability and garbage collection', () => {
  it('merges what peers report, never going backwards', () => {
    let st = newViewComm({ id: 1, members: MEMBERS }, 'p1', true).stability;
    st = recordPeerDelivered(st, 1, [2, 3, 0], 1);
    st = recordPeerDelivered(st, 1, [1, 4, 0], 0);
    expect(st.rows[1]).toEqual([2, 4, 0]);
    expect(st.totals[1]).toBe(1);
    expect(recordPeerDelivered(st, 1, [0, 0, 0], 0)).toBe(st);
  });

  it('a multicast tells its sender delivered its own messages up to sn - 1', () => {
    expect(deliveredVectorOf(msg(1, 5, 'causal', [3, 0, 2]))).toEqual([3, 4, 2]);
  });

  it('merging a multicast timestamp is merging its delivered vector, and copies nothing when it says nothing new', () => {
    let st = newViewComm({ id: 1, members: MEMBERS }, 'p1', true).stability;
    st = recordPeerDelivered(st, 1, [1, 9, 1], 0);
    for (const m of [msg(1, 5, 'causal', [3, 0, 2]), msg(1, 12, 'total', [0, 0, 0]), msg(2, 2, 'fifo', [4, 4, 4])]) {
      const viaVector = recordPeerDelivered(st, m.rank, deliveredVectorOf(m), m.td);
      expect(recordPeerTimestamp(st, m)).toEqual(viaVector);
    }
    expect(recordPeerTimestamp(st, msg(1, 3, 'fifo', [1, 0, 1]))).toBe(st);
  });

  it('discards kept messages once every member delivered them, and not before', () => {
    let vc = newViewComm({ id: 1, members: MEMBERS }, 'p1', true);
    for (const m of [msg(1, 1, 'fifo'), msg(1, 2, 'fifo')]) vc = insertWaiting(vc, m);
    vc = deliverReady(vc, defaultIsisLayers, null).vc;
    expect(keptCount(vc)).toBe(2);
    vc = { ...vc, stability: recordPeerDelivered(vc.stability, 1, [0, 2, 0], 0) };
    vc = collectGarbage(vc, defaultIsisLayers);
    expect(keptCount(vc)).toBe(2); // p3 has not said anything yet
    vc = { ...vc, stability: recordPeerDelivered(vc.stability, 2, [0, 1, 0], 0) };
    vc = collectGarbage(vc, defaultIsisLayers);
    expect(vc.kept[1]?.map((m) => m.sn)).toEqual([2]);
  });

  it('the stable vector is the minimum over members', () => {
    expect(minimumVector([[3, 1], [2, 5]])).toEqual([2, 1]);
    expect(minimumVector([[3, 1, 4], [2, 5, 0], [7, 0, 9]])).toEqual([2, 0, 0]);
    expect(minimumVector([])).toEqual([]);
  });

  it('an announcement is due only after new deliveries', () => {
    let vc = newViewComm({ id: 1, members: MEMBERS }, 'p1', true);
    expect(announcementDue(vc)).toBe(false);
    vc = deliverReady(insertWaiting(vc, msg(1, 1, 'fifo')), defaultIsisLayers, null).vc;
    expect(announcementDue(vc)).toBe(true);
    expect(announcementDue(markAnnounced(vc))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { newTotalOrder } from '../../../protocol/isis/abcast.ts';
import { newStability } from '../../../protocol/isis/stability.ts';
import { newViewComm } from '../../../protocol/isis/view-comm.ts';
import { copyViewComm, withStability, withTotal } from '../../../protocol/isis/view-comm-record.ts';
import { MEMBERS } from './messages-fixture.ts';

const view = { id: 1, members: MEMBERS };

describe('ViewComm copies', () => {
  it("keep newViewComm's fields in its order, and leave the original as it was", () => {
    // The order is what lets V8 share one map between all copies (and it reaches the generic hash).
    const fresh = newViewComm(view, 'p1', true);
    const before = JSON.stringify(fresh);
    const total = newTotalOrder(MEMBERS.length, true);
    const stability = newStability(MEMBERS.length);
    for (const copy of [copyViewComm(fresh), withTotal(fresh, total), withStability(fresh, stability)]) {
      expect(copy).not.toBe(fresh);
      expect(Object.keys(copy)).toEqual(Object.keys(fresh));
    }
    expect(withTotal(fresh, total).total).toBe(total);
    expect(withStability(fresh, stability).stability).toBe(stability);
    expect(JSON.stringify(fresh)).toBe(before);
  });

  it('copies every field', () => {
    const fresh = newViewComm(view, 'p2', false);
    expect(copyViewComm(fresh)).toEqual(fresh);
  });
});

// The causal memo's settled set (session 6): the messages whose place in the
// histories no continuation can read (history.ts, "Settled messages").
import { describe, expect, it } from 'vitest';
import { emptyMemo, mutableMemo, noteDelivery, noteMulticast, settledMessages } from '../../../sim/explore/causal-memo.ts';

describe('settledMessages', () => {
  it('a message delivered everywhere with its whole past is settled; one whose past is missing somewhere is not', () => {
    const memo = mutableMemo(emptyMemo(3));
    // p0 multicasts m0 and delivers it; p1 delivers m0 and multicasts m1 (past: m0) and delivers it.
    noteMulticast(memo, 0, 0);
    noteDelivery(memo, 0, 0);
    noteDelivery(memo, 1, 0);
    noteMulticast(memo, 1, 1);
    noteDelivery(memo, 1, 1);
    expect(settledMessages(memo, 3)).toBe(0);
    // m1 reaches every process, and p2 delivers it before m0 (a causal violation): m1 is everywhere, its past is not.
    noteDelivery(memo, 0, 1);
    noteDelivery(memo, 2, 1);
    expect(settledMessages(memo, 3)).toBe(0);
    noteDelivery(memo, 2, 0);
    expect(settledMessages(memo, 3)).toBe(0b11);
  });

  it('only the processes counted must have delivered it, and a message of unknown past never settles', () => {
    const memo = mutableMemo(emptyMemo(3));
    noteMulticast(memo, 0, 0);
    noteDelivery(memo, 0, 0);
    noteDelivery(memo, 1, 0);
    expect(settledMessages(memo, 3)).toBe(0);
    expect(settledMessages(memo, 2)).toBe(0b1);
    // Bit 1 delivered everywhere without a multicast seen: its past is unknown.
    for (const p of [0, 1, 2]) noteDelivery(memo, p, 1);
    expect(settledMessages(memo, 3) & 0b10).toBe(0);
  });
});

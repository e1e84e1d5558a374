// The step's multiset of messages in flight: copy-on-write, an order-independent hash, and its bound.
import { describe, expect, it } from 'vitest';
import { emptyScratch } from '../../../sim/explore/explore-effects.ts';
import { addToBag, purgeBag, removeFromBag } from '../../../sim/explore/in-flight-bag.ts';
import type { InFlight } from '../../../sim/explore/state.ts';

const message = (to: string, a: number, b: number): InFlight => ({ from: 'p1', to, toIndex: Number(to.slice(1)) - 1, body: { a, b }, hash: [a, b], renamed: null });

describe('in-flight bag', () => {
  it('shares the parent bag until the step changes it, and keeps the hash the sum of the messages', () => {
    const parent = emptyScratch([0, 0], true, 1);
    addToBag(parent, message('p2', 3, 5), 8);
    addToBag(parent, message('p3', 7, 11), 8);
    expect([...parent.bagHash]).toEqual([10, 16]);
    const child = { ...parent, ownsBag: false };
    removeFromBag(child, 0);
    expect(child.bag.map((m) => m.to)).toEqual(['p3']);
    expect([...child.bagHash]).toEqual([7, 11]);
    expect(parent.bag).toHaveLength(2);
    expect([...parent.bagHash]).toEqual([10, 16]);
    purgeBag(child, (m) => m.to === 'p3');
    expect(child.bag).toHaveLength(0);
    expect([...child.bagHash]).toEqual([0, 0]);
  });

  it('stops the step at the bound on messages in flight', () => {
    const b = emptyScratch([0, 0], true, 1);
    addToBag(b, message('p2', 1, 1), 1);
    expect(() => addToBag(b, message('p2', 1, 1), 1)).toThrow(/maxInFlight/);
  });
});

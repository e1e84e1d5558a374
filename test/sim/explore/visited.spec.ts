import { describe, expect, it } from 'vitest';
import { VisitedSet } from '../../../sim/explore/visited.ts';
import { BoundHit } from '../../../sim/world.ts';

describe('VisitedSet', () => {
  it('adds, finds and keeps info across growth', () => {
    const v = new VisitedSet(100_000, 16);
    for (let k = 0; k < 5000; k++) expect(v.add(k * 7919, k ^ 0x5555, k)).toBeGreaterThanOrEqual(0);
    expect(v.count).toBe(5000);
    for (let k = 0; k < 5000; k++) {
      const entry = v.find(k * 7919, k ^ 0x5555);
      expect(entry).toBeGreaterThanOrEqual(0);
      expect(v.info(entry)).toBe(k);
      expect(v.add(k * 7919, k ^ 0x5555, 0)).toBe(-1 - entry);
    }
    expect(v.find(1, 1)).toBe(-1);
  });

  it('stores the key (0, 0) too', () => {
    const v = new VisitedSet(10);
    expect(v.find(0, 0)).toBe(-1);
    expect(v.add(0, 0, 5)).toBeGreaterThanOrEqual(0);
    expect(v.info(v.find(0, 0))).toBe(5);
  });

  it('throws BoundHit(maxStates) past its bound', () => {
    const v = new VisitedSet(3);
    v.add(1, 1, 0);
    v.add(2, 2, 0);
    v.add(3, 3, 0);
    expect(() => v.add(4, 4, 0)).toThrow(BoundHit);
    expect(v.add(3, 3, 0)).toBeLessThan(0);
  });
});

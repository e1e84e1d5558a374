import { describe, expect, it } from 'vitest';
import { createSharedVisited, grownTable, SharedVisitedSet, type SharedVisitedBuffers } from '../../../../sim/explore/parallel/shared-visited.ts';
import { BoundHit } from '../../../../sim/world.ts';

/** Deterministic pseudo-random int32 keys (xorshift). */
function keys(n: number, seed = 1): Int32Array {
  const out = new Int32Array(2 * n);
  let x = seed;
  for (let k = 0; k < out.length; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[k] = x | 0;
  }
  return out;
}

/** A table that grows in place when full (as the coordinator does when it expands alone). */
function growingTable(maxStates: number, maxBytes = 1 << 30): { set: SharedVisitedSet; grown: () => number; buffers: () => SharedVisitedBuffers } {
  let buffers = createSharedVisited(maxStates, maxBytes);
  let grown = 0;
  const set: SharedVisitedSet = new SharedVisitedSet(buffers, () => {
    buffers = grownTable(buffers);
    grown++;
    set.attach(buffers);
  });
  return { set, grown: () => grown, buffers: () => buffers };
}

describe('SharedVisitedSet', () => {
  it('adds each key once, finds it again with its depth, across growth', () => {
    const { set, grown } = growingTable(1_000_000);
    const n = 50_000;
    const k = keys(n);
    let fresh = 0;
    for (let i = 0; i < n; i++) if (set.add(k[2 * i] as number, k[2 * i + 1] as number, i % 7) >= 0) fresh++;
    expect(fresh).toBe(n);
    expect(grown()).toBeGreaterThan(0);
    expect(set.count).toBe(n);
    for (let i = 0; i < n; i += 997) {
      const again = set.add(k[2 * i] as number, k[2 * i + 1] as number, 99);
      expect(again).toBeLessThan(0);
      expect(set.depth(-1 - again)).toBe(i % 7);
      expect(set.find(k[2 * i] as number, k[2 * i + 1] as number)).toBe(-1 - again);
    }
    expect(set.find(12345, 67890)).toBe(-1);
    expect(set.count).toBe(n);
  });

  it('keeps (0, 0) apart from the empty slot, and keys with a zero half apart from each other', () => {
    const { set } = growingTable(100);
    expect(set.add(0, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(set.add(0, 0, 1)).toBeLessThan(0);
    expect(set.add(0, 5, 1)).toBeGreaterThanOrEqual(0);
    expect(set.add(5, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(set.add(5, 0, 1)).toBeLessThan(0);
    expect(set.add(-1, 0, 1)).toBeGreaterThanOrEqual(0);
    expect(set.count).toBe(4);
  });

  it('stops at --max-states exactly: unknown, never a silent overflow', () => {
    const { set } = growingTable(1000);
    const k = keys(2000, 7);
    let added = 0;
    expect(() => {
      for (let i = 0; i < 2000; i++) if (set.add(k[2 * i] as number, k[2 * i + 1] as number, 0) >= 0) added++;
    }).toThrow(BoundHit);
    expect(added).toBe(1000);
    expect(set.count).toBe(1000);
  });

  it('a memory cap that forbids growing fills the table to 3/4 and then says visitedTableFull', () => {
    // 1,024 slots of 12 bytes: no room to double.
    const { set, grown } = growingTable(1_000_000, 1024 * 12);
    const k = keys(1000, 3);
    let bound = '';
    try {
      for (let i = 0; i < 1000; i++) set.add(k[2 * i] as number, k[2 * i + 1] as number, 0);
    } catch (caught) {
      bound = (caught as BoundHit).bound;
    }
    expect(grown()).toBe(0);
    expect(bound).toBe('visitedTableFull');
    expect(set.count).toBe(768);
  });
});

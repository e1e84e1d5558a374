// The table of renamed protocol states' hashes (sim/explore/symmetry-state-cache.ts).
import { describe, expect, it } from 'vitest';
import { RenamedStateHashes } from '../../../sim/explore/symmetry-state-cache.ts';

describe('RenamedStateHashes', () => {
  it('computes a (state, renaming) pair once and gives it back after that', () => {
    const table = new RenamedStateHashes(6);
    const out = new Int32Array(2);
    let computed = 0;
    const compute = (a: number, n: number) => (o: Int32Array) => {
      computed++;
      o[0] = a * 10 + n;
      o[1] = -(a * 10 + n);
    };
    table.get(7, 8, 3, out, compute(7, 3));
    expect([...out]).toEqual([73, -73]);
    table.get(7, 8, 3, out, compute(99, 9));
    expect([...out]).toEqual([73, -73]);
    table.get(7, 8, 5, out, compute(7, 5));
    expect([...out]).toEqual([75, -75]);
    // Same lane A, other lane B: another state.
    table.get(7, 9, 3, out, compute(8, 3));
    expect([...out]).toEqual([83, -83]);
    expect(computed).toBe(3);
    expect(table.hits).toBe(1);
    expect(table.misses).toBe(3);
  });

  it('keeps every entry when it grows', () => {
    const table = new RenamedStateHashes(2);
    const out = new Int32Array(2);
    const keys = 50_000;
    for (let k = 0; k < keys; k++) {
      table.get(k * 2654435761, k, k % 2, out, (o) => {
        o[0] = k;
        o[1] = k ^ 0x5555;
      });
    }
    let recomputed = 0;
    for (let k = 0; k < keys; k++) {
      table.get(k * 2654435761, k, k % 2, out, () => recomputed++);
      expect(out[0]).toBe(k);
      expect(out[1]).toBe(k ^ 0x5555);
    }
    expect(recomputed).toBe(0);
  });

  it('refuses more renamings than it has bits for', () => {
    expect(() => new RenamedStateHashes(31)).toThrow(/at most 30/);
  });
});

import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng.ts';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.float());

describe('Rng', () => {
  it('gives the same numbers for the same seed', () => {
    expect(draw(new Rng('42'), 50)).toEqual(draw(new Rng('42'), 50));
    expect(draw(new Rng('42'), 50)).not.toEqual(draw(new Rng('43'), 50));
  });

  it('draws seedrandom’s alea numbers, bit for bit, for any seed', () => {
    for (const seed of ['1', '42', 'kernel-bench/network', '', 'é/ü/ß', 'x'.repeat(300)]) {
      const rng = new Rng(seed);
      const alea = seedrandom.alea(seed);
      const differ: number[] = [];
      for (let k = 0; k < 100_000; k++) if (rng.float() !== alea()) differ.push(k);
      expect(differ, seed).toEqual([]);
    }
  });

  it('child streams do not depend on draws from the parent or siblings', () => {
    const a = new Rng('7');
    const networkA = a.child('network');
    const b = new Rng('7');
    draw(b.child('workload'), 1000);
    draw(b, 1000);
    const networkB = b.child('network');
    expect(draw(networkA, 20)).toEqual(draw(networkB, 20));
  });

  it('draws integers in range and picks by weight', () => {
    const rng = new Rng('w');
    const counts = [0, 0, 0];
    for (let k = 0; k < 30_000; k++) counts[rng.weightedIndex([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
    for (let k = 0; k < 1000; k++) {
      const n = rng.int(7);
      expect(n >= 0 && n < 7 && Number.isInteger(n)).toBe(true);
    }
  });

  it('exponential draws have the requested mean', () => {
    const rng = new Rng('exp');
    let sum = 0;
    const n = 50_000;
    for (let k = 0; k < n; k++) sum += rng.exponentialInt(1000);
    expect(sum / n).toBeGreaterThan(970);
    expect(sum / n).toBeLessThan(1030);
  });
});

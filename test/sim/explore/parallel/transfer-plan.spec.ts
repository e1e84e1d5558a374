import { describe, expect, it } from 'vitest';
import { planTransfers } from '../../../../sim/explore/parallel/transfer-plan.ts';

function after(sizes: number[]): number[] {
  const out = [...sizes];
  for (const t of planTransfers(sizes)) {
    expect(t.count).toBeGreaterThan(0);
    out[t.from] = (out[t.from] as number) - t.count;
    out[t.to] = (out[t.to] as number) + t.count;
  }
  return out;
}

describe('planTransfers', () => {
  it('leaves small imbalances alone (moving an entry costs a replay of its path)', () => {
    expect(planTransfers([1000, 1010])).toEqual([]);
    expect(planTransfers([0, 10])).toEqual([]);
  });

  it('evens out large ones, keeping every entry', () => {
    expect(after([5000, 1000])).toEqual([3000, 3000]);
    expect(after([9001, 0, 3000])).toEqual([4001, 4000, 4000]);
    const sizes = [100, 7000, 20, 300];
    const balanced = after(sizes);
    expect(balanced.reduce((a, b) => a + b, 0)).toBe(7420);
    expect(Math.max(...balanced) - Math.min(...balanced)).toBeLessThanOrEqual(1);
  });
});

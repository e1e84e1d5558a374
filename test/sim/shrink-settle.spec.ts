// The settle phases tried once a shrink ends with a scenario that the
// reference protocol fails (sim/shrink-settle.ts): doubling from the current
// one, below the original's, then the original's; none when it is as long.
import { describe, expect, it } from 'vitest';
import { longerSettles } from '../../sim/shrink-settle.ts';
import { MIN_PHASE_US } from '../../sim/shrink-time.ts';

describe('longerSettles', () => {
  it('doubles from the current settle phase up to the original, which comes last', () => {
    expect(longerSettles(1000, 10_000)).toEqual([2000, 4000, 8000, 10_000]);
    expect(longerSettles(1000, 4000)).toEqual([2000, 4000]);
    expect(longerSettles(2929, 3_000_000)).toHaveLength(11);
    expect(longerSettles(2929, 3_000_000).at(-1)).toBe(3_000_000);
  });

  it('starts at the shortest phase from a settle phase of 0', () => {
    expect(longerSettles(0, 5000)).toEqual([MIN_PHASE_US, 2000, 4000, 5000]);
  });

  it('offers nothing when the settle phase is the original\'s, or longer', () => {
    expect(longerSettles(1000, 1000)).toEqual([]);
    expect(longerSettles(5000, 1000)).toEqual([]);
  });
});

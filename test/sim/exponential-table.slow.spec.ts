// The premise of sim/exponential-table.ts, checked on every argument it
// relies on: Math.log is non-decreasing on k * 2^-32 for k = 1 .. 2^32 (the
// values of 1 - u for every value u the run's generator can return). 4.3
// billion Math.log calls: about a minute on an idle core (9 minutes
// with the machine loaded, load average 40).
import { describe, expect, it } from 'vitest';

describe('Math.log', () => {
  it('never decreases on the multiples of 2^-32 in (0, 1]', () => {
    const step = 2 ** -32;
    const decreasesAt: number[] = [];
    let previous = Math.log(step);
    for (let k = 2; k <= 2 ** 32; k++) {
      const value = Math.log(k * step);
      if (value < previous && decreasesAt.length < 10) decreasesAt.push(k);
      previous = value;
    }
    expect(decreasesAt).toEqual([]);
  });
});

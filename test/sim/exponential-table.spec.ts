import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { BUCKETS, ExponentialTable, exponentialTableOf, roundedExponential } from '../../sim/exponential-table.ts';
import { Rng } from '../../sim/rng.ts';

const STEP = 2 ** -32;
const MEANS = [400, 800, 7_000, 1, 0.5, 123.456, 3e9];

describe('ExponentialTable', () => {
  it('gives the formula’s integer at both ends of every bucket, and next to them', () => {
    for (const mean of MEANS) {
      const table = new ExponentialTable(mean);
      const wrong: string[] = [];
      for (let b = 0; b < BUCKETS; b++) {
        const first = b / BUCKETS;
        const last = (b + 1) / BUCKETS - STEP;
        // Filled by its last value, then read at its first (and the other way on odd buckets).
        for (const u of b % 2 === 0 ? [last, first, first + STEP, last - STEP] : [first, last, last - STEP, first + STEP])
          if (table.draw(u) !== roundedExponential(u, mean)) wrong.push(`${mean}: ${u}`);
      }
      expect(wrong).toEqual([]);
    }
  });

  it('in a bucket where the integer steps once, switches at the first value that gives the higher integer', () => {
    for (const mean of MEANS) {
      const table = new ExponentialTable(mean);
      const wrong: string[] = [];
      let stepping = 0;
      for (let b = 0; b < BUCKETS; b++) {
        const first = b / BUCKETS;
        const last = (b + 1) / BUCKETS - STEP;
        const low = roundedExponential(first, mean);
        if (roundedExponential(last, mean) !== low + 1) continue;
        stepping++;
        // Where the formula steps (the offsets of the generator's values in the bucket, bisected).
        let below = 0;
        let at = 2 ** 32 / BUCKETS - 1;
        while (at - below > 1) {
          const middle = Math.floor((below + at) / 2);
          if (roundedExponential(first + middle * STEP, mean) === low + 1) at = middle;
          else below = middle;
        }
        // The table answers both sides of the step as the formula does.
        for (const offset of [at, below, at + 1, below - 1, 0, 2 ** 32 / BUCKETS - 1]) {
          const u = first + offset * STEP;
          if (u >= first && u <= last && table.draw(u) !== roundedExponential(u, mean)) wrong.push(`${mean}: bucket ${b}, ${u}`);
        }
      }
      expect(wrong).toEqual([]);
      if (mean === 400) expect(stepping).toBeGreaterThan(1000);
    }
  });

  it('gives the formula’s integer on a stream of the generator’s draws', () => {
    for (const mean of MEANS) {
      const next = seedrandom.alea(`table/${mean}`);
      const table = new ExponentialTable(mean);
      let differ = 0;
      for (let k = 0; k < 200_000; k++) {
        const u = next();
        if (table.draw(u) !== roundedExponential(u, mean)) differ++;
      }
      expect(differ).toBe(0);
    }
  });

  it('is handed out per mean, and a mean drawn long ago gets a new one', () => {
    const table = exponentialTableOf(400);
    expect(exponentialTableOf(400)).toBe(table);
    expect(exponentialTableOf(401)).not.toBe(table);
    for (let mean = 1000; mean < 1020; mean++) exponentialTableOf(mean);
    expect(exponentialTableOf(400)).not.toBe(table);
    expect(exponentialTableOf(400).mean).toBe(400);
  });
});

describe('Rng.exponentialInt', () => {
  it('draws what Math.round(-Math.log(1 - u) * mean) gives on the same generator, means changing as it goes', () => {
    const rng = new Rng('exp-table');
    const reference = seedrandom.alea('exp-table');
    const means = [400, 400, 900, 0, 400, 7_000];
    for (let k = 0; k < 300_000; k++) {
      const mean = means[k % means.length]!;
      const expected = mean <= 0 ? 0 : roundedExponential(reference(), mean);
      const got = rng.exponentialInt(mean);
      if (got !== expected) expect({ k, mean, got }).toEqual({ k, mean, got: expected });
    }
  });
});

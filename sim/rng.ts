// The run's only source of randomness. One seed per run; each subsystem
// (network, faults, workload) draws from its own child stream, derived from
// the run seed and the subsystem's name, so a change in the workload does
// not reshuffle the network.
//
// The generator is seedrandom's `alea` (about 7 ns a number on Node 20,
// against 34 ns for the default ARC4). Changing it changes every seed's run:
// do not. seedrandom seeds it (its mash of the seed string); the numbers are
// then drawn here, with Alea's step written out on a Float64Array of its
// state: the same arithmetic on the same doubles, so the same numbers
// (test/sim/rng.spec.ts), without a closure call and its state's boxed
// fields on every draw (bench/sim-kernel.ts).
import seedrandom from 'seedrandom';
import { exponentialTableOf, type ExponentialTable } from './exponential-table.ts';

export class Rng {
  /** Alea's state: s0, s1, s2 (multiples of 2^-32 in [0, 1)) and the carry c. */
  private readonly alea: Float64Array;
  /** The table of the mean this stream drew an exponential for last. */
  private exponential: ExponentialTable | undefined;

  constructor(readonly seed: string) {
    const seeded = seedrandom.alea(seed, { state: true }).state();
    this.alea = Float64Array.of(seeded.s0, seeded.s1, seeded.s2, seeded.c);
  }

  /** Alea's step, as seedrandom's lib/alea.js writes it: the next number in [0, 1). */
  private next(): number {
    const s = this.alea;
    const t = 2091639 * (s[0] as number) + (s[3] as number) * 2.3283064365386963e-10; // 2^-32
    s[0] = s[1] as number;
    s[1] = s[2] as number;
    const c = t | 0;
    s[3] = c;
    return (s[2] = t - c);
  }

  /** A stream for one subsystem, independent of every other child's draws. */
  child(name: string): Rng {
    return new Rng(`${this.seed}/${name}`);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** True with probability p (p <= 0 never draws, so disabled features cost nothing). */
  chance(p: number): boolean {
    if (p <= 0) return false;
    return this.next() < p;
  }

  /**
   * Exponentially distributed with the given mean, rounded to an integer:
   * `Math.round(-Math.log(1 - u) * mean)` for one draw `u`, mostly read from
   * a table (sim/exponential-table.ts; the same integers).
   */
  exponentialInt(mean: number): number {
    if (mean <= 0) return 0;
    let table = this.exponential;
    if (table === undefined || table.mean !== mean) table = this.exponential = exponentialTableOf(mean);
    return table.draw(this.next());
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick on an empty list');
    return items[this.int(items.length)] as T;
  }

  /** Index chosen with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let k = 0; k < weights.length; k++) {
      r -= weights[k] as number;
      if (r < 0) return k;
    }
    return weights.length - 1;
  }
}

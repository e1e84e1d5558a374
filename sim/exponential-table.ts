// Exponential draws without Math.log, most of the time, giving exactly the
// integer the formula gives: `Math.round(-Math.log(1 - u) * mean)` for the
// uniform draw `u`. Every network delay draws one, and Math.log on a random
// argument cost about 20 ns of the 34 ns a message's two delay draws took;
// a lookup in a table small enough to stay in the CPU's first-level cache
// costs a few (bench/sim-kernel.ts: the message loop 10 % faster; a table
// of 2^16 buckets, 256 KiB, missed the cache and gained nothing).
//
// Why the table gives the formula's integer, bit for bit:
// - The run's generator (seedrandom's Alea, sim/rng.ts) only ever returns
//   multiples of 2^-32 in [0, 1) (its state is 32-bit fractions and its
//   arithmetic is exact), so `1 - u` is exact and `u` lies in one of
//   BUCKETS buckets of consecutive values: bucket b holds the multiples of
//   2^-32 from b / BUCKETS up to (b + 1) / BUCKETS, exclusive.
// - The formula is non-decreasing in `u`: Math.log is non-decreasing on every
//   k * 2^-32, k = 1 .. 2^32 (V8's fdlibm log, checked exhaustively by
//   test/sim/exponential-table.slow.spec.ts); negation, multiplication by a
//   positive mean and Math.round are monotone.
// - So when the formula gives the same integer at a bucket's first and last
//   value, it gives that integer at every value between: the table keeps it.
// - When it gives n at the first and n + 1 at the last, there is one value in
//   the bucket from which on it gives n + 1 (found by bisection over the
//   bucket's 2^19 values when the bucket is filled, 19 Math.log calls): the
//   table keeps n and that value, and a draw compares. Such buckets take
//   about a fifth of the draws for a mean of 400 µs, a third for 800; only
//   buckets where the integer steps more than once (near u = 1: about 5 % of
//   the draws for 400 µs) still call Math.log on every draw.
// Buckets are filled on their first draw, so a table costs nothing up front.

/** The formula, for the buckets the table cannot answer. */
export function roundedExponential(u: number, mean: number): number {
  return Math.round(-Math.log(1 - u) * mean);
}

/** How many buckets a table has (16 KiB of them: they stay in the cache). */
export const BUCKETS = 1 << 13;
/** 2^-32: the spacing of the generator's values. */
const GENERATOR_STEP = 2.3283064365386963e-10;
/** How many of the generator's values a bucket holds. */
const BUCKET_VALUES = 2 ** 32 / BUCKETS;
/** The distance from a bucket's first value to its last. */
const BUCKET_SPAN = (BUCKET_VALUES - 1) * GENERATOR_STEP;
/** A bucket not filled yet. */
const UNKNOWN = 0;
/** A bucket the integer steps in more than once (or whose integer is too large to keep): the formula answers. */
const STRADDLES = -1;
/** The largest integer a bucket keeps (plus two, it fits an Int16Array). */
const MAX_KEPT = 0x7ffd;

export class ExponentialTable {
  /**
   * Per bucket: UNKNOWN; STRADDLES; the bucket's integer plus one; or, for a
   * bucket where the integer steps once (from n to n + 1), -(n + 2), with
   * the first value that gives n + 1 in `steps` (16 KiB).
   */
  private readonly buckets = new Int16Array(BUCKETS);
  /** Per bucket that steps once: the first of its values that gives the higher integer (read only for those buckets). */
  private readonly steps = new Float64Array(BUCKETS);

  constructor(readonly mean: number) {}

  /** The formula's integer for `u`, a value of the run's generator. */
  draw(u: number): number {
    const b = (u * BUCKETS) | 0;
    const entry = this.buckets[b] as number;
    if (entry > 0) return entry - 1;
    if (entry < STRADDLES) return u < (this.steps[b] as number) ? -2 - entry : -1 - entry;
    return entry === UNKNOWN ? this.fill(b, u) : roundedExponential(u, this.mean);
  }

  private fill(b: number, u: number): number {
    const first = b / BUCKETS;
    const low = roundedExponential(first, this.mean);
    const high = roundedExponential(first + BUCKET_SPAN, this.mean);
    if (low > MAX_KEPT || high > low + 1) {
      this.buckets[b] = STRADDLES;
    } else if (low === high) {
      this.buckets[b] = low + 1;
    } else {
      // The integer steps once in the bucket: find the first value that gives
      // `high` (the formula is non-decreasing, so every later value does too).
      let below = 0; // gives low
      let at = BUCKET_VALUES - 1; // gives high
      while (at - below > 1) {
        const middle = (below + at) >>> 1;
        if (roundedExponential(first + middle * GENERATOR_STEP, this.mean) === high) at = middle;
        else below = middle;
      }
      this.steps[b] = first + at * GENERATOR_STEP;
      this.buckets[b] = -(low + 2);
    }
    return this.draw(u);
  }
}

/** Tables kept for the means drawn last; older ones are dropped. */
const MAX_TABLES = 8;
const tables = new Map<number, ExponentialTable>();

/**
 * The table of `mean` (> 0). Tables are shared by every stream and run in
 * this thread: a table is a function of its mean alone, so sharing one
 * changes no draw.
 */
export function exponentialTableOf(mean: number): ExponentialTable {
  let table = tables.get(mean);
  if (table === undefined) {
    if (tables.size >= MAX_TABLES) tables.delete(tables.keys().next().value as number);
    table = new ExponentialTable(mean);
    tables.set(mean, table);
  }
  return table;
}

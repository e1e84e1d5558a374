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
//   Draws in buckets that straddle a step of the integer (about a fifth of
//   the draws for a mean of 400 µs, a third for 800) call Math.log.
// Buckets are filled on their first draw (two Math.log calls), so a table
// costs nothing up front.

/** The formula, for the buckets the table cannot answer. */
export function roundedExponential(u: number, mean: number): number {
  return Math.round(-Math.log(1 - u) * mean);
}

/** How many buckets a table has (16 KiB of them: they stay in the cache). */
export const BUCKETS = 1 << 13;
/** 2^-32: the spacing of the generator's values. */
const GENERATOR_STEP = 2.3283064365386963e-10;
/** The distance from a bucket's first value to its last. */
const BUCKET_SPAN = (2 ** 32 / BUCKETS - 1) * GENERATOR_STEP;
/** A bucket not filled yet. */
const UNKNOWN = 0;
/** A bucket that straddles a step of the integer (or whose integer is too large to keep). */
const STRADDLES = -1;
/** The largest integer a bucket keeps (plus one, it fits an Int16Array). */
const MAX_KEPT = 0x7ffe;

export class ExponentialTable {
  /** Per bucket: UNKNOWN, STRADDLES, or the bucket's integer plus one (16 KiB). */
  private readonly buckets = new Int16Array(BUCKETS);

  constructor(readonly mean: number) {}

  /** The formula's integer for `u`, a value of the run's generator. */
  draw(u: number): number {
    const b = (u * BUCKETS) | 0;
    const entry = this.buckets[b] as number;
    if (entry > 0) return entry - 1;
    return entry === UNKNOWN ? this.fill(b, u) : roundedExponential(u, this.mean);
  }

  private fill(b: number, u: number): number {
    const first = b / BUCKETS;
    const low = roundedExponential(first, this.mean);
    const high = roundedExponential(first + BUCKET_SPAN, this.mean);
    if (low === high && low <= MAX_KEPT) {
      this.buckets[b] = low + 1;
      return low;
    }
    this.buckets[b] = STRADDLES;
    return roundedExponential(u, this.mean);
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

// Shrinking across seeds: which other seeds a candidate may fail on.
//
// A smaller workload or group changes what the run draws from its single
// random stream (which process each multicast goes to, every delay after
// it), so a race found on one seed rarely recurs on the same seed once the
// scenario shrinks; it often does on another. The pool is fixed by the
// original seed (it and the seeds right after it), so the same input always
// tries the same seeds in the same order and shrinks to the same output.
import { MAX_SEED, parseSeed } from '../scenarios/validate.ts';

/** How many other seeds a candidate is tried on by default. */
export const DEFAULT_OTHER_SEEDS = 8;

/**
 * A failure whose run records at most this many trace events is cheap to
 * run again (a few hosts, a few multicasts, a fault phase of milliseconds):
 * its candidates are tried on CHEAP_SEEDS_FACTOR times as many other seeds.
 * A race that recurs on one seed in ten (abcast-unstable-order at 3 hosts
 * and 10 multicasts) is then likely found; a long run keeps the default.
 */
export const CHEAP_TRACE_EVENTS = 1000;
export const CHEAP_SEEDS_FACTOR = 4;

/** How many other seeds the candidates of a failure whose run recorded `traceEvents` are tried on. */
export function otherSeedsFor(otherSeeds: number, traceEvents: number): number {
  return traceEvents <= CHEAP_TRACE_EVENTS ? otherSeeds * CHEAP_SEEDS_FACTOR : otherSeeds;
}

/**
 * The original seed and the `otherSeeds` seeds after it (those past
 * MAX_SEED wrap to 0, 1, ...). A seed that is not a whole number (a library
 * caller's free-form seed) gets `seed#1`, `seed#2`, ...: the run's random
 * stream takes any text.
 */
export function seedPool(originalSeed: string, otherSeeds: number): string[] {
  const pool = [originalSeed];
  const n = parseSeed(originalSeed);
  for (let k = 1; k <= otherSeeds; k++) {
    if (n === null) pool.push(`${originalSeed}#${k}`);
    else pool.push(String(n <= MAX_SEED - k ? n + k : k - (MAX_SEED - n) - 1));
  }
  return pool;
}

/** The seeds of the pool other than the current one, in pool order, at most `otherSeeds` of them. */
export function otherSeedsOf(pool: readonly string[], currentSeed: string, otherSeeds: number): string[] {
  return pool.filter((s) => s !== currentSeed).slice(0, otherSeeds);
}

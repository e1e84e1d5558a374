// The shrunk scenario as a regression scenario: the real protocol passes it.
//
// A safety failure's shrink shortens the settle phase, each step kept only if
// the reference protocol passes it (sim/shrink.ts, the time-only passes),
// but the passes after it (the fault phase cut after the violation, a later
// start, fewer multicasts, other seeds) change what the group is doing when
// the settle phase begins: of the 37 pinned failures' shrunk scenarios, 21
// left the real protocol still busy, or not converged, at a settle phase of
// 1 to 12 ms. They still showed their bug (the real protocol never broke the
// target property), but a file that the correct stack fails is no regression
// test. So once the search ends, a settle phase the reference does not pass
// is lengthened, doubling up to the original's, to the first that the
// reference passes while the bug still fails the same way: the sizes (hosts,
// multicasts, faults) stay; the violation, before the settle phase, stays.
import { MIN_PHASE_US } from './shrink-time.ts';

/** Settle phases longer than `currentUs`: doubling from it, below `originalUs`, then `originalUs`. */
export function longerSettles(currentUs: number, originalUs: number): number[] {
  const out: number[] = [];
  for (let us = Math.max(MIN_PHASE_US, currentUs * 2); us < originalUs; us *= 2) out.push(us);
  if (originalUs > currentUs) out.push(originalUs);
  return out;
}

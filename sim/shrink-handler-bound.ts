// The wall-clock bound on a shrink candidate's slices (sim/handler-watchdog.ts).
//
// A candidate whose handler never returns (a plugin that loops on some
// group size, a mutant that spins on some interleaving) costs the whole
// bound each time, and a shrink runs thousands of candidates: at the run's
// default of 10 s, ten such candidates are 100 s of nothing. A candidate is
// no bigger than the original run (fewer hosts, multicasts, events; at
// most the original's rate and fault phase), so a slice of it that takes
// 20 times the original's whole run is taken as a hang. The floor of 1 s
// keeps a run of milliseconds clear of a busy machine's pauses (GC, other
// processes); the run's own bound stays the ceiling. Wall-clock time decides
// only whether a candidate hangs, never what a run that ends does; the
// bound is reported with the outcome (ShrinkOutcome.candidateTimeoutMs).
import type { RunResult } from './run.ts';

/** A candidate's slice may take this many times the original run's wall-clock time. */
export const CANDIDATE_BOUND_FACTOR = 20;
/** ... and never less than this. */
export const MIN_CANDIDATE_BOUND_MS = 1000;

/** The failure of a run whose slice did not end within its bound (sim/run.ts). */
export const TIMED_OUT_FAILURE = 'error: did not return within the wall-clock bound';

export function timedOut(result: RunResult): boolean {
  return result.failure === TIMED_OUT_FAILURE;
}

/**
 * The candidates' bound from the original run's wall-clock time. A run that
 * itself hung spent about `runBoundMs` in the hang: only the rest was work.
 */
export function candidateBoundMs(originalWallMs: number, original: RunResult, runBoundMs: number): number {
  const workMs = Math.max(0, timedOut(original) ? originalWallMs - runBoundMs : originalWallMs);
  return Math.min(runBoundMs, Math.max(MIN_CANDIDATE_BOUND_MS, Math.ceil(CANDIDATE_BOUND_FACTOR * workMs)));
}

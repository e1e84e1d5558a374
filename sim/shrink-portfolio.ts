// Two searches, the smaller result kept: the shrinker's answer to path luck.
//
// A shorter settle phase kept only if the reference (real) protocol passes
// it (commit aad3a03) changes which candidates the greedy search meets
// next, and so its whole path: with that check in the search,
// flush-order-from-coordinator reaches 3 p, 9 mc and flush-early-install
// stops at 5 p, 2 mc at the bound; with the check left to the step at the
// end (sim/shrink-settle.ts), flush-early-install reaches 3 p, 1 mc and
// flush-order-from-coordinator stops at 5 p, 18 mc. Neither policy is
// better; each is a different walk. So the search without the check runs
// first (it is the one that converged within the bound on both pins), and
// when it converges (not at the bound) with attempts left, a second search
// starts from the original with the check, within the attempts left; the
// smaller result is kept (fewer processes, then multicasts; the first on a
// tie). The outcome's attempts are both searches' together. Measured on the
// 37 pins (notes/s2-bench.md, session 11, helper S3): a second search only
// outside the aim (3 processes, 10 multicasts) left accept-ignores-promise
// at 1 multicast where the checked search reaches 0. A search stopped at the
// bound is not repeated, nor one that kept no settle phase the reference
// fails: the checking search would walk the very same path (every other
// decision is the same), so the first search runs the reference on each
// settle phase it keeps (few; not counted as attempts, as no reference run
// is) until one fails. The second search walks the first's path up to
// there: those runs are replayed from the first's (deterministic: the same
// candidate on the same seed runs the same), not run again, and count no
// attempt; only the runs past the fork do. Deterministic: both searches are, and whether the
// second runs depends only on the first's outcome.
import type { Scenario } from '../scenarios/types.ts';
import { DEFAULT_MAX_ATTEMPTS, type ShrinkOptions } from './shrink-options.ts';
import type { ScenarioSize, ShrinkOutcome } from './shrink-outcome.ts';
import type { RunResult } from './run.ts';
import { isLivenessTarget } from './shrink-target.ts';
import type { Watched } from './shrink-watch.ts';

/** Whether each shorter settle phase must pass the reference ('each'), or only the shrunk one ('at-end'). */
export type SettleChecks = 'each' | 'at-end';

/** A candidate's run: its result and what the search watched (sim/shrink-watch.ts). */
export type PastRun = Watched & { result: RunResult };

/**
 * What one search of the portfolio is given: the options, the attempts the searches before it made,
 * and their candidate runs by seed and candidate (JSON), which it replays instead of running again.
 */
export type SearchOptions = ShrinkOptions & { attemptsBefore?: number; pastRuns?: Map<string, PastRun> };

export type Search = (scenario: Scenario, options: SearchOptions, settleChecks: SettleChecks) => Generator<unknown, ShrinkOutcome, void>;

/** The searches in the order they run. */
export const PORTFOLIO: readonly SettleChecks[] = ['at-end', 'each'];

export function* portfolioSteps(scenario: Scenario, options: ShrinkOptions, search: Search): Generator<unknown, ShrinkOutcome, void> {
  const policy = options.settleChecks ?? 'portfolio';
  if (policy !== 'portfolio') return yield* search(scenario, options, policy);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const pastRuns = new Map<string, PastRun>();
  let best = yield* search(scenario, { ...options, pastRuns }, PORTFOLIO[0] as SettleChecks);
  let attempts = best.attempts;
  let candidatesTimedOut = best.candidatesTimedOut;
  let boundHit = best.boundHit;
  let interrupted = best.interrupted;
  for (const settleChecks of PORTFOLIO.slice(1)) {
    if (!worthAnother(best, options, maxAttempts - attempts)) break;
    const next = yield* search(scenario, {
      ...options,
      maxAttempts: maxAttempts - attempts,
      attemptsBefore: attempts,
      pastRuns,
      // The same bound on a candidate's slice as the first search derived: not re-measured.
      candidateTimeoutMs: best.candidateTimeoutMs,
    }, settleChecks);
    attempts += next.attempts;
    candidatesTimedOut += next.candidatesTimedOut;
    // The portfolio stopped at the bound if its last search did, whichever result it keeps.
    boundHit = next.boundHit;
    // Interrupted or not, the second search's scenario still fails the same way.
    interrupted = next.interrupted;
    if (smaller(next.after, best.after)) best = next;
    if (interrupted) break;
  }
  return { ...best, attempts, candidatesTimedOut, boundHit, interrupted };
}

/**
 * Whether another search may pay: the last converged (not at the bound, not interrupted), attempts
 * are left, and the policies differ for this failure (with a reference, for a safety failure: a
 * liveness failure's every candidate is checked against the reference either way).
 */
function worthAnother(outcome: ShrinkOutcome, options: ShrinkOptions, attemptsLeft: number): boolean {
  if (outcome.boundHit || outcome.interrupted || attemptsLeft <= 0) return false;
  // Without a shorter settle phase that the reference fails, the search checking each walks this same path.
  if (outcome.settleChecksDiverge !== true) return false;
  return options.referenceFor !== undefined && !isLivenessTarget(outcome.shrunkTarget);
}

/** Fewer processes (hosts and joiners), then fewer multicasts. */
export function smaller(a: ScenarioSize, b: ScenarioSize): boolean {
  const pa = a.processes + a.joiners;
  const pb = b.processes + b.joiners;
  return pa !== pb ? pa < pb : a.multicasts < b.multicasts;
}

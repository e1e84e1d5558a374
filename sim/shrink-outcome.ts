// What a shrink hands back (sim/shrink.ts): the original and the shrunk
// scenario, the seed the shrunk one fails on, and their sizes by the aim's
// measures (processes, joiners, multicasts, faults).
import type { Scenario } from '../scenarios/types.ts';
import type { RunResult } from './run.ts';
import type { ShrinkTarget } from './shrink-target.ts';

export interface ScenarioSize {
  /** The hosts the run starts with (the joiners are `joiners`). */
  processes: number;
  /** The hosts that join during the run: processes too (the aim counts processes + joiners). */
  joiners: number;
  multicasts: number;
  faults: number;
  durationUs: number;
  traceEvents: number;
}

export interface ShrinkOutcome {
  /** What the original run fails: the property (or failure) every kept candidate fails, unless `anyFailure`. */
  target: ShrinkTarget;
  /** What the shrunk run fails: `target` unless `anyFailure` let the shrink slide to another failure. */
  shrunkTarget: ShrinkTarget;
  /** Whether any failing candidate was kept (`ShrinkOptions.anyFailure`). */
  anyFailure: boolean;
  original: Scenario;
  shrunk: Scenario;
  /** The seed on which `shrunk` fails: the original seed unless the search moved to another. */
  seed: string;
  before: ScenarioSize;
  after: ScenarioSize;
  result: RunResult;
  attempts: number;
  /** True when the search stopped at the attempt bound with candidates still untried (it did not converge). */
  boundHit: boolean;
  /** True when `shouldStop` ended the search early: `shrunk` still fails the same way, but may not be minimal. */
  interrupted: boolean;
  /**
   * The wall-clock bound (ms) on each slice of a candidate run (sim/shrink-handler-bound.ts): derived from
   * the original run's wall-clock time unless `ShrinkOptions.candidateTimeoutMs` gave it.
   */
  candidateTimeoutMs: number;
  /**
   * Whether the reference protocol (`ShrinkOptions.referenceFor`) passes the shrunk scenario on its
   * seed, after a settle phase lengthened for it if need be (sim/shrink-settle.ts); undefined without
   * a reference, or when the search was interrupted.
   */
  referencePasses?: boolean | undefined;
  /**
   * Whether the search kept a shorter settle phase that the reference fails, which a search checking
   * each settle phase would have refused (sim/shrink-portfolio.ts): if not, that search takes the same
   * path, and is not run. False when each settle phase was checked.
   */
  settleChecksDiverge?: boolean;
  /** How many candidate runs did not end within `candidateTimeoutMs` (each fails as a handler that did not return). */
  candidatesTimedOut: number;
}

export function sizeOf(scenario: Scenario, result: RunResult): ScenarioSize {
  const scheduled = scenario.faults?.schedule?.length ?? 0;
  return {
    processes: scenario.processes,
    joiners: (scenario.workload.joins ?? []).reduce((n, j) => n + (j.count ?? 1), 0),
    multicasts: result.multicasts,
    faults: scheduled + result.randomFaults.length,
    durationUs: scenario.durationUs,
    traceEvents: result.traceEvents,
  };
}

// What "fails the same way" means for a shrink: the target a failing run
// gives (the property it violated first, or the kind of failure), whether a
// candidate's run fails as that target says and ends no worse than the
// original, and whether the target is a liveness failure (which a scenario
// can make by itself, so its candidates get a reference run).
import type { RunResult } from './run.ts';

/** What "fails the same way" means for this shrink. */
export type ShrinkTarget = { kind: 'property'; property: string } | { kind: 'failure'; failure: string };

export function targetOf(result: RunResult): ShrinkTarget | null {
  if (result.passed) return null;
  const first = result.violations[0];
  if (first !== undefined) return { kind: 'property', property: first.property };
  const failure = result.failure ?? 'failed';
  // An error's text is fixed and says which error ("protocol or simulator threw", "did not return within
  // the wall-clock bound"): a shrink of a hang must not slide to a handler that throws. Other failures
  // carry run-specific detail after the colon ("requests lost: p2 was asked for ...").
  return { kind: 'failure', failure: failure.startsWith('error:') ? failure : (failure.split(':')[0] ?? 'failed') };
}

/**
 * Whether `result` fails as `target` says: it violates the target property
 * (other violations beside it do not matter), or, for a failure without a
 * violated property, its failure starts the same way. With `original` (the
 * run the target came from), also whether the run ends no worse: an error
 * or a bound hit that `original` did not have is not the same failure.
 */
export function failsSameWay(result: RunResult, target: ShrinkTarget, original?: RunResult): boolean {
  if (result.passed) return false;
  if (original !== undefined && !endsNoWorse(result, original)) return false;
  if (target.kind === 'property') return result.violations.some((v) => v.property === target.property);
  return (result.failure ?? '').startsWith(target.failure);
}

/** No protocol error or simulator bound that `original` did not have (a violation seen before either is then not the bug's). */
function endsNoWorse(result: RunResult, original: RunResult): boolean {
  if (result.error !== null && original.error === null) return false;
  return result.boundHit === null || original.boundHit !== null;
}

/**
 * Whether `result` fails nothing that `current` (the run of the scenario being shrunk) did not: no
 * property it did not violate, and not "not quiet" unless it was. A candidate that only shortens
 * the run's time (a shorter settle phase, a faster failure detector) must pass this too, or the
 * shrunk scenario is one that the bug-free protocol fails as well (a view change cut short): no
 * use as a regression scenario.
 */
export function addsNoFailure(result: RunResult, current: RunResult): boolean {
  const had = new Set(current.violations.map((v) => v.property));
  if (result.violations.some((v) => !had.has(v.property))) return false;
  const notQuiet = (r: RunResult): boolean => (r.failure ?? '').startsWith('not quiet');
  return !notQuiet(result) || notQuiet(current);
}

const LIVENESS = new Set(['view-convergence', 'delivery-liveness']);

export function isLivenessTarget(target: ShrinkTarget): boolean {
  return target.kind === 'property' ? LIVENESS.has(target.property) : target.failure.startsWith('replicas');
}

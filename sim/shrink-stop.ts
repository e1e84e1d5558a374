// A candidate run that stops at the target's first violation.
//
// A safety property's violation cannot be undone by later events (only
// view-convergence and delivery-liveness are judged at the end), so when
// the search only asks whether a candidate fails the same way, the run
// after that violation is wasted: the mutant behind stale-view-reinstalled
// explodes after its violation, and each of its candidates ran tens of
// seconds for a verdict known in the first hundred milliseconds. The run
// stops at the target property only, not at any violation: a candidate
// that violates another property first still fails the target later, as
// its full run would. A run stopped there has no error or bound after the
// violation: it ends no worse than the original (the violation came first).
import type { OnlineChecker } from './online-checker.ts';
import { isLivenessTarget, type ShrinkTarget } from './shrink-target.ts';

/** The property a candidate run may stop at (RunOptions.stopOnViolation): a safety target's, else none. */
export function stopPropertyOf(target: ShrinkTarget): string | undefined {
  return target.kind === 'property' && !isLivenessTarget(target) ? target.property : undefined;
}

/**
 * `inner` as a checker whose pushes report only `property`'s violations, so a run with
 * `stopOnViolation` stops at the first of those. Its verdict (finish) is `inner`'s, whole:
 * the run's violations are the verdict's, every property's seen up to the stop.
 */
export function stoppingAt(inner: OnlineChecker, property: string): OnlineChecker {
  return {
    push(event) {
      const found = inner.push(event);
      return found.some((v) => v.property === property) ? found : [];
    },
    finish: () => inner.finish(),
  };
}

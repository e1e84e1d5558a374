// The portfolio of searches (sim/shrink-portfolio.ts): the second search
// runs only when the first converged with attempts left, kept a settle
// phase the reference fails (or the second would walk the same path), for a
// safety failure with a reference; it gets the attempts left, numbered
// after the first's; the smaller result is kept, the first on a tie.
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../scenarios/types.ts';
import type { AnyProtocol } from '../../protocol/types.ts';
import type { ScenarioSize, ShrinkOutcome } from '../../sim/shrink-outcome.ts';
import { portfolioSteps, smaller, type SearchOptions, type SettleChecks } from '../../sim/shrink-portfolio.ts';
import type { ShrinkOptions } from '../../sim/shrink-options.ts';
import { driveToEnd } from '../../sim/steps.ts';
import { shrinkScenario } from '../../sim/shrink.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';

const size = (processes: number, multicasts: number, joiners = 0): ScenarioSize => ({
  processes, joiners, multicasts, faults: 1, durationUs: 1000, traceEvents: 10,
});

const scenario = { name: 'fake' } as unknown as Scenario;

interface Fake { after: ScenarioSize; attempts: number; boundHit?: boolean; liveness?: boolean; name: string; sameWalk?: boolean }

function outcome(f: Fake): ShrinkOutcome {
  const target = f.liveness === true ? { kind: 'property' as const, property: 'view-convergence' } : { kind: 'property' as const, property: 'self-delivery' };
  return {
    target, shrunkTarget: target, anyFailure: false, original: scenario, shrunk: { name: f.name } as unknown as Scenario, seed: '1',
    before: size(5, 200), after: f.after, result: {} as ShrinkOutcome['result'], attempts: f.attempts, boundHit: f.boundHit === true,
    interrupted: false, candidateTimeoutMs: 1234, candidatesTimedOut: 1, settleChecksDiverge: f.sameWalk !== true,
  };
}

/** A search that returns a canned outcome per policy, and records what it was asked. */
function fakeSearch(byPolicy: Record<SettleChecks, Fake>) {
  const calls: { settleChecks: SettleChecks; options: SearchOptions }[] = [];
  // eslint-disable-next-line require-yield
  const search = function* (_s: Scenario, options: SearchOptions, settleChecks: SettleChecks): Generator<unknown, ShrinkOutcome, void> {
    calls.push({ settleChecks, options });
    return outcome(byPolicy[settleChecks]);
  };
  return { search, calls };
}

const withReference: ShrinkOptions = { seed: '1', maxAttempts: 4000, referenceFor: () => ({}) as AnyProtocol };

describe('portfolioSteps', () => {
  it('runs the second search from the original, within the attempts left, when the first converged outside the aim', () => {
    const { search, calls } = fakeSearch({ 'at-end': { name: 'first', after: size(5, 18), attempts: 2134 }, each: { name: 'second', after: size(3, 9), attempts: 1431 } });
    const result = driveToEnd(portfolioSteps(scenario, withReference, search));
    expect(calls.map((c) => c.settleChecks)).toEqual(['at-end', 'each']);
    expect(calls[1]?.options.maxAttempts).toBe(4000 - 2134);
    expect(calls[1]?.options.attemptsBefore).toBe(2134);
    expect(calls[1]?.options.candidateTimeoutMs).toBe(1234);
    expect(result.shrunk.name).toBe('second');
    expect(result.attempts).toBe(2134 + 1431);
    expect(result.candidatesTimedOut).toBe(2);
    expect(result.boundHit).toBe(false);
  });

  it('keeps the first result when the second is no smaller, and says the bound was hit when the second hit it', () => {
    const { search } = fakeSearch({ 'at-end': { name: 'first', after: size(4, 36), attempts: 841 }, each: { name: 'second', after: size(4, 36), attempts: 3159, boundHit: true } });
    const result = driveToEnd(portfolioSteps(scenario, withReference, search));
    expect(result.shrunk.name).toBe('first');
    expect(result.attempts).toBe(4000);
    expect(result.boundHit).toBe(true);
  });

  it('runs the second search within the aim too: a smaller result there is kept', () => {
    const { search, calls } = fakeSearch({ 'at-end': { name: 'first', after: size(3, 1), attempts: 1441 }, each: { name: 'second', after: size(3, 0), attempts: 563 } });
    expect(driveToEnd(portfolioSteps(scenario, withReference, search)).shrunk.name).toBe('second');
    expect(calls).toHaveLength(2);
  });

  it('runs one search when the first stopped at the bound, kept no settle phase the reference fails, is a liveness failure, has no reference or used every attempt', () => {
    const cases: [Fake, ShrinkOptions][] = [
      [{ name: 'first', after: size(5, 18), attempts: 2134, boundHit: true }, withReference],
      [{ name: 'first', after: size(5, 18), attempts: 2134, sameWalk: true }, withReference],
      [{ name: 'first', after: size(3, 1), attempts: 4000 }, withReference],
      [{ name: 'first', after: size(5, 2), attempts: 4000, boundHit: true }, withReference],
      [{ name: 'first', after: size(4, 3), attempts: 900, liveness: true }, withReference],
      [{ name: 'first', after: size(4, 3), attempts: 900 }, { seed: '1' }],
    ];
    for (const [first, options] of cases) {
      const { search, calls } = fakeSearch({ 'at-end': first, each: { name: 'second', after: size(2, 0), attempts: 5 } });
      expect(driveToEnd(portfolioSteps(scenario, options, search)).shrunk.name).toBe('first');
      expect(calls).toHaveLength(1);
    }
  });

  it('runs only the policy asked for', () => {
    const { search, calls } = fakeSearch({ 'at-end': { name: 'first', after: size(5, 18), attempts: 10 }, each: { name: 'second', after: size(3, 9), attempts: 10 } });
    expect(driveToEnd(portfolioSteps(scenario, { ...withReference, settleChecks: 'each' }, search)).shrunk.name).toBe('second');
    expect(calls.map((c) => c.settleChecks)).toEqual(['each']);
  });
});

describe('smaller', () => {
  it('orders by processes (joiners count), then multicasts', () => {
    expect(smaller(size(3, 9), size(5, 2))).toBe(true);
    expect(smaller(size(2, 0, 1), size(3, 0))).toBe(false);
    expect(smaller(size(3, 1), size(3, 2))).toBe(true);
    expect(smaller(size(3, 2), size(3, 2))).toBe(false);
  });
});

describe('the portfolio on a pinned failure', () => {
  // no-majority's pin: the search without the check keeps a settle phase the real stack fails, so the
  // checking search runs too; its walk up to that fork is the first's, replayed, not run again.
  const pinned = loadScenarioFile(`${DEFAULT_SUITE_DIR}/isis-coordinator-isolated-after-commit.json`).forSeed(1);
  const mutant = 'no-majority';
  const shrink = (settleChecks: ShrinkOptions['settleChecks']) => shrinkScenario(pinned, {
    seed: '1',
    maxAttempts: 4000,
    settleChecks,
    protocolFor: (s) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s),
    referenceFor: (s) => resolveProtocol(s),
  });

  it('runs both searches, the second paying only for the runs past the fork, and keeps the smaller', () => {
    const atEnd = shrink('at-end');
    const each = shrink('each');
    const both = shrink('portfolio');
    expect(atEnd.settleChecksDiverge).toBe(true);
    expect(both.attempts).toBeGreaterThan(atEnd.attempts);
    expect(both.attempts).toBeLessThan(atEnd.attempts + each.attempts);
    const kept = smaller(each.after, atEnd.after) ? each : atEnd;
    expect(both.shrunk).toEqual(kept.shrunk);
    expect(both.seed).toBe(kept.seed);
  });
});

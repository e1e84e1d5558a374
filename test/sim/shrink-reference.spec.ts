// A reference protocol for a liveness failure: a candidate is kept only if
// the reference passes it on the same seed, so a failure of the scenario's
// own making (which a correct protocol shares) is refused. The flood
// protocol on a lossy network loses multicasts: with a single multicast
// nothing can be out of order, and it fails delivery-liveness alone. With itself as the
// reference, every candidate fails the reference too: none is kept.
import { describe, expect, it } from 'vitest';
import { addedLeaves } from '../../sim/shrink-rewrites.ts';
import { shrinkScenario } from '../../sim/shrink.ts';
import { runScenario } from '../../sim/run.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile } from '../../sim/scenario-files.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const protocol = floodProtocol();
const losing = baseScenario({
  processes: 4,
  network: { delay: { minUs: 500, meanUs: 500, jitterUs: 0 }, lossProbability: 0.5, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, maxMulticasts: 1 },
  durationUs: 200_000,
});

describe('a reference protocol', () => {
  it('the run fails delivery-liveness alone', () => {
    const result = runScenario(losing, { seed: '1', protocol });
    expect([...new Set(result.violations.map((v) => v.property))]).toEqual(['delivery-liveness']);
  });

  it('that fails every candidate too: nothing is kept; without one the same search shrinks', () => {
    const keptWith: boolean[] = [];
    const withRef = shrinkScenario(losing, { seed: '1', protocol, maxAttempts: 60, otherSeeds: 0, referenceFor: () => floodProtocol(), onAttempt: (_, k) => keptWith.push(k) });
    // Every candidate tried (each once: a candidate tried again is replayed, not run), none kept.
    expect(keptWith.length).toBeGreaterThan(5);
    expect(keptWith.some((k) => k)).toBe(false);
    expect(withRef.shrunk).toBe(losing);
    const without = shrinkScenario(losing, { seed: '1', protocol, maxAttempts: 60, otherSeeds: 0 });
    expect(without.after.processes).toBeLessThan(without.before.processes);
  });
});

describe('added leaves', () => {
  const s: Scenario = baseScenario({ processes: 4, protocol: { name: 'isis' }, workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, leaves: [{ atUs: 500, host: 'p3' }] } });

  it('each host not leaving leaves at the first leave, with another host dropped: a host fewer each', () => {
    const rewrites = addedLeaves(s);
    // p4, p2, p1 can leave; each with one of the three other hosts dropped.
    expect(rewrites).toHaveLength(3 * 3);
    expect(rewrites[0]?.what).toBe('p4 leaving at 500 us too, host p3 dropped');
    for (const r of rewrites) {
      expect(r.scenario.processes).toBe(3);
      expect(isValidScenario(r.scenario)).toBe(true);
    }
    // p2 leaving, p4 dropped: p3 and p2 leave among three.
    const both = rewrites.find((r) => r.what === 'p2 leaving at 500 us too, host p4 dropped');
    expect(both?.scenario.workload.leaves).toEqual([{ atUs: 500, host: 'p3' }, { atUs: 500, host: 'p2' }]);
  });

  it('none without a leave to copy, or below three hosts', () => {
    expect(addedLeaves({ ...s, workload: { ...s.workload, leaves: [] } })).toEqual([]);
    expect(addedLeaves({ ...s, processes: 2, workload: { ...s.workload, leaves: [{ atUs: 0, host: 'p2' }] } })).toEqual([]);
  });
});

describe('a reference protocol for a safety failure', () => {
  // ballot-collision's failure of this regression (seed 6) violates view-agreement, and under the
  // mutant view-convergence too. A shorter settle phase kept the violation but cut the view change
  // short, so the shrunk scenario failed view-convergence under the real protocol as well: no use as
  // a regression scenario. The time-only passes now need the reference to pass what they keep (the
  // settle phase: in the search, or in the step at its end; sim/shrink-portfolio.ts).
  const loaded = loadScenarioFile(`${DEFAULT_SUITE_DIR}/regressions/joiner-removed-before-view.json`);
  const scenario = loaded.forSeed(6);
  const mutant = 'ballot-collision';

  it('keeps no shorter settle phase that the real protocol fails: the shrunk scenario passes it', () => {
    const outcome = shrinkScenario(scenario, {
      seed: '6',
      maxAttempts: 600,
      protocolFor: (s) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s),
      referenceFor: (s) => resolveProtocol(s),
    });
    expect(outcome.target).toEqual({ kind: 'property', property: 'view-agreement' });
    expect(outcome.after.processes).toBeLessThanOrEqual(3);
    const real = runScenario(outcome.shrunk, { seed: outcome.seed, protocol: resolveProtocol(outcome.shrunk) });
    expect(real.failure).toBeNull();
    const mutated = runScenario(outcome.shrunk, { seed: outcome.seed, ...mutantRunOptions(outcome.shrunk, mutant) });
    expect(mutated.violations.map((v) => v.property)).toContain('view-agreement');
  });
});

describe('a settle phase checked only at the end (sim/shrink-settle.ts)', () => {
  // no-majority's pin, shrunk with the settle phase left to the step at the end: the search alone ends
  // at a settle phase of 2 ms that leaves the real stack busy ("not quiet"). The step must run the
  // reference on each longer settle phase, whatever the search's policy was.
  const pinned = loadScenarioFile(`${DEFAULT_SUITE_DIR}/isis-coordinator-isolated-after-commit.json`).forSeed(1);
  const mutant = 'no-majority';

  it('ends with a settle phase the real protocol passes, the mutant still failing primary-majority', () => {
    const outcome = shrinkScenario(pinned, {
      seed: '1',
      maxAttempts: 1000,
      settleChecks: 'at-end',
      protocolFor: (s) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s),
      referenceFor: (s) => resolveProtocol(s),
    });
    expect(outcome.boundHit).toBe(false);
    expect(outcome.referencePasses).toBe(true);
    // The search kept a settle phase the real stack fails: one checking each would walk another path.
    expect(outcome.settleChecksDiverge).toBe(true);
    const real = runScenario(outcome.shrunk, { seed: outcome.seed, protocol: resolveProtocol(outcome.shrunk) });
    expect(real.failure).toBeNull();
    const mutated = runScenario(outcome.shrunk, { seed: outcome.seed, ...mutantRunOptions(outcome.shrunk, mutant) });
    expect(mutated.violations.map((v) => v.property)).toContain('primary-majority');
  });
});

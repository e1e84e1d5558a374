// The shrinker's passes of issue 14: a fault phase cut just after the
// violation (it never misses: the run up to the violation is the same run),
// the timed events sooner (their gaps kept), multicast caps searched above
// the last cap that lost, two hosts dropped at once, a calmer network and a
// lower rate. Each must shrink a failure further, deterministically, within
// the bound.
import { describe, expect, it } from 'vitest';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { candidates, fewerMulticasts, PASS } from '../../sim/shrink-candidates.ts';
import { withEventsSooner } from '../../sim/shrink-time.ts';
import { runScenario } from '../../sim/run.ts';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const protocol = floodProtocol();

// Jitter reorders flood's messages: fifo-order breaks early in a long run.
const jittery = baseScenario({
  processes: 5,
  network: { delay: { minUs: 100, meanUs: 3000, jitterUs: 2000 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 0, total: 0 } },
  faults: { schedule: [{ type: 'crash', host: 'p5', atUs: 300_017 }, { type: 'crash', host: 'p4', atUs: 310_029 }] },
  durationUs: 800_000,
  settleUs: 400_000,
});

describe('the cut just after the violation', () => {
  it('is the first attempt, is kept, and ends the fault phase right after the violation', () => {
    const tried: { what: string; kept: boolean }[] = [];
    const outcome = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 1, onAttempt: (_n, kept, what) => tried.push({ what, kept }) });
    expect(outcome.target).toEqual({ kind: 'property', property: 'fifo-order' });
    expect(tried).toHaveLength(1);
    expect(tried[0]?.what).toMatch(/^fault phase cut just after the violation \(\d+ us\)$/);
    expect(tried[0]?.kept).toBe(true);
    const cutUs = Number(/\((\d+) us\)/.exec(tried[0]?.what ?? '')?.[1]);
    expect(outcome.shrunk.durationUs).toBe(cutUs);
    expect(cutUs).toBeLessThan(jittery.durationUs);
    // Work after the violation is gone: fewer multicasts, the same failure.
    expect(outcome.after.multicasts).toBeLessThan(outcome.before.multicasts);
    expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, protocol }), outcome.target)).toBe(true);
    expect(outcome.boundHit).toBe(true);
  });

  it('is not offered for a liveness failure (judged only at the end)', () => {
    const crash = baseScenario({
      processes: 3,
      network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
      faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 50_017 }] },
      durationUs: 400_000,
      settleUs: 900_000,
    });
    const tried: string[] = [];
    const outcome = shrinkScenario(crash, { seed: '1', protocol, maxAttempts: 3, onAttempt: (_n, _kept, what) => tried.push(what) });
    expect(outcome.target).toEqual({ kind: 'property', property: 'view-convergence' });
    expect(tried.some((w) => w.includes('cut just after the violation'))).toBe(false);
  });
});

describe('the whole search', () => {
  const first = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 200 });

  it('shrinks to at most 3 processes and 10 multicasts here, within the bound, still failing the same way', () => {
    expect(first.after.processes).toBeLessThanOrEqual(3);
    expect(first.after.multicasts).toBeLessThanOrEqual(10);
    expect(first.attempts).toBeLessThanOrEqual(200);
    expect(failsSameWay(runScenario(first.shrunk, { seed: first.seed, protocol }), first.target)).toBe(true);
  });

  it('is deterministic: the same scenario and seed shrink to the same scenario in the same attempts', () => {
    const again = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 200 });
    expect(again.shrunk).toEqual(first.shrunk);
    expect(again.attempts).toBe(first.attempts);
  });

  it('respects a small bound and says so', () => {
    const bounded = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 7 });
    expect(bounded.attempts).toBe(7);
    expect(bounded.boundHit).toBe(true);
  });
});

describe('timed events sooner', () => {
  it('moves every timed event by the same whole delta, keeps the gaps, leaves note triggers alone', () => {
    const s = baseScenario({
      faults: {
        schedule: [
          { type: 'crash', host: 'p3', atUs: 200_000 },
          { type: 'heal', atUs: 250_500 },
          { type: 'crash', host: 'p2', onNote: { host: 'p1', text: 'flush-begin' } },
        ],
      },
      workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, joins: [{ atUs: 220_000 }], leaves: [{ atUs: 230_000, host: 'p1' }] },
    });
    const sooner = withEventsSooner(s, 150_000);
    expect(sooner.faults?.schedule?.map((f) => f.atUs)).toEqual([50_000, 100_500, undefined]);
    expect(sooner.faults?.schedule?.[2]).toEqual(s.faults?.schedule?.[2]);
    expect(sooner.workload.joins).toEqual([{ atUs: 70_000 }]);
    expect(sooner.workload.leaves).toEqual([{ atUs: 80_000, host: 'p1' }]);
    expect(sooner.durationUs).toBe(s.durationUs - 150_000);
  });
});

describe('multicast caps', () => {
  it('tries the aim\'s steps and fractions first, then only caps above the last one that lost', () => {
    expect(fewerMulticasts(100, undefined)).toEqual([0, 2, 5, 10, 25, 50, 75, 99]);
    expect(fewerMulticasts(100, undefined, 50)).toEqual([75, 99]);
    expect(fewerMulticasts(100, undefined, 75)).toEqual([88, 99]);
    expect(fewerMulticasts(100, 40)).toEqual([0, 2, 5, 10, 25]);
    expect(fewerMulticasts(1, undefined)).toEqual([0]);
  });
});

describe('the candidates of the new passes', () => {
  const failed = runScenario(jittery, { seed: '1', protocol });
  const all = [...candidates(jittery, { result: failed, violationAtUs: 123_456, multicastFloor: -1 }, { kind: 'property', property: 'fifo-order' })];

  it('offer two hosts dropped at once, each naming only hosts that exist', () => {
    const pairs = all.filter((c) => c.pass === PASS.together && c.what.startsWith('drop hosts'));
    expect(pairs).toHaveLength(10); // 5 choose 2
    for (const { scenario } of pairs) {
      expect(scenario.processes).toBe(3);
      for (const f of scenario.faults?.schedule ?? []) if (f.type === 'crash') expect(Number(f.host.slice(1))).toBeLessThanOrEqual(3);
    }
  });

  it('offer fixed delays and lower rates', () => {
    const fixed = all.find((c) => c.what === 'fixed delays');
    expect(fixed?.scenario.network.delay).toEqual({ minUs: 100, meanUs: 100, jitterUs: 2000 });
    expect(all.filter((c) => c.pass === PASS.rate).map((c) => c.scenario.workload.multicastsPerSecond)).toEqual([50, 100]);
    expect(all[0]?.what).toBe('fault phase cut just after the violation (123457 us)');
  });
});

describe('one joiner fewer', () => {
  const failed = runScenario(jittery, { seed: '1', protocol });
  const joinersOf = (c: { scenario: typeof jittery }): number => (c.scenario.workload.joins ?? []).reduce((n, j) => n + (j.count ?? 1), 0);
  const offered = (s: typeof jittery) =>
    [...candidates(s, { result: failed, violationAtUs: undefined, multicastFloor: -1 }, { kind: 'property', property: 'fifo-order' })]
      .filter((c) => c.pass === PASS.workloadEvents && c.what.startsWith('drop join'));

  it('is offered from a join of two, once when nothing names either joiner', () => {
    const two = { ...jittery, workload: { ...jittery.workload, joins: [{ atUs: 50_000, count: 2 }] } };
    expect(offered(two).map((c) => [c.what, joinersOf(c)])).toEqual([['drop join 0', 0], ['drop joiner p7', 1]]);
  });

  it('is offered for each joiner a fault names, and not where it equals dropping a join of one', () => {
    const named = {
      ...jittery,
      workload: { ...jittery.workload, joins: [{ atUs: 50_000, count: 2 }, { atUs: 60_000 }] },
      faults: { schedule: [{ type: 'crash' as const, host: 'p6', atUs: 70_000 }] },
    };
    const what = offered(named).map((c) => c.what);
    // p8, the join of one at 60 ms that nothing names: the same scenario as dropping join 1.
    expect(what).toEqual(['drop join 0', 'drop join 1', 'drop joiner p7', 'drop joiner p6']);
    const withoutP6 = offered(named).find((c) => c.what === 'drop joiner p6');
    expect(withoutP6?.scenario.faults?.schedule).toEqual([]);
    expect(withoutP6?.scenario.workload.joins).toEqual([{ atUs: 50_000, count: 1 }, { atUs: 60_000 }]);
  });
});

describe('one joiner fewer, in a whole shrink', () => {
  // suspicion-permanent's shrink before this pass (2 hosts and a join of two): p1 and p2 cut apart suspect each
  // other for good, so p1 never admits a joiner. One joiner is enough.
  const wedged: Scenario = {
    name: 'wedged', description: 'a split pair never admits its joiners', processes: 2, protocol: { name: 'isis' },
    network: { delay: { minUs: 615, meanUs: 615, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 1, orders: { fifo: 1, causal: 0, total: 0 }, joins: [{ atUs: 72_947, count: 2 }], maxMulticasts: 0 },
    durationUs: 229_392, settleUs: 4_000_000, seeds: [6],
    faults: {
      rejoinExcludedAfterUs: 50_000,
      schedule: [{ type: 'partition', groups: [['p1', 'p2']], atUs: 211 }, { type: 'partition', groups: [['p4', 'p3', 'p1'], ['p2']], atUs: 123_017 }],
    },
  };
  const mutant = 'suspicion-permanent';

  it('takes suspicion-permanent from 2 hosts and 2 joiners to 2 and 1, the bug\'s failure', () => {
    const protocolFor = (x: Scenario) => mutantRunOptions(x, mutant).protocol ?? resolveProtocol(x);
    const outcome = shrinkScenario(wedged, { seed: '6', ...mutantRunOptions(wedged, mutant), protocolFor, referenceFor: resolveProtocol });
    expect(outcome.target).toEqual({ kind: 'property', property: 'view-convergence' });
    expect(outcome.before).toMatchObject({ processes: 2, joiners: 2 });
    expect(outcome.after).toMatchObject({ processes: 2, joiners: 1 });
    expect(outcome.boundHit).toBe(false);
    expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, ...mutantRunOptions(outcome.shrunk, mutant) }), outcome.target)).toBe(true);
    expect(runScenario(outcome.shrunk, { seed: outcome.seed }).passed).toBe(true);
  });
});

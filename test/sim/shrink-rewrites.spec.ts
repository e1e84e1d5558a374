// A timed crash rewritten as its host's leave, and a host dropped with the
// original's load: the shrinker's rewrites (sim/shrink-rewrites.ts), tried
// once the search without them converged.
import { describe, expect, it } from 'vitest';
import { busierHostDrops, crashesAsLeaves, departuresAsJoins, departuresSeenByOne, materializeRandomFaults } from '../../sim/shrink-rewrites.ts';
import { candidates, PASS, type CurrentRun } from '../../sim/shrink-candidates.ts';
import { runScenario } from '../../sim/run.ts';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import { floodProtocol } from '../fixtures/flood-protocol.ts';
import { isValidScenario } from '../../scenarios/validate.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { baseScenario } from '../fixtures/scenario.ts';

const s: Scenario = baseScenario({
  processes: 5,
  protocol: { name: 'isis' },
  workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 }, leaves: [{ atUs: 10, host: 'p4' }] },
  faults: {
    schedule: [
      { type: 'crash', host: 'p5', atUs: 100_000 },
      { type: 'crash', host: 'coordinator', atUs: 200_000 },
      { type: 'crash', host: 'p2', at: { note: 'flush-begin', node: 'any' } },
      { type: 'heal', atUs: 300_000 },
    ],
  },
});

describe('crashes as leaves', () => {
  it('rewrites each timed crash of a named host, at its microsecond, and nothing else', () => {
    const rewrites = crashesAsLeaves(s);
    expect(rewrites.map((r) => r.what)).toEqual(['crash of p5 at 100000 us as its leave']);
    const [only] = rewrites;
    expect(only?.scenario.workload.leaves).toEqual([{ atUs: 10, host: 'p4' }, { atUs: 100_000, host: 'p5' }]);
    expect(only?.scenario.faults?.schedule?.map((f) => f.type)).toEqual(['crash', 'crash', 'heal']);
    expect(isValidScenario(only?.scenario as Scenario)).toBe(true);
  });

  it('is offered for a safety failure, and only when asked', () => {
    const known: CurrentRun = { result: runScenario({ ...s, durationUs: 20_000, faults: {} }, { seed: '1' }), violationAtUs: undefined, multicastFloor: -1 };
    const offered = (target: Parameters<typeof candidates>[2], on: boolean): number =>
      [...candidates(s, known, target, { crashesAsLeaves: on, departureRewrites: false })].filter((c) => c.pass === PASS.leaves).length;
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, true)).toBe(1);
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, false)).toBe(0);
    expect(offered({ kind: 'property', property: 'view-convergence' }, true)).toBe(0);
  });
});

describe('a host fewer, as busy as the original', () => {
  const quiet: Scenario = { ...s, workload: { ...s.workload, multicastsPerSecond: 25, maxMulticasts: 7, startUs: 50_000 } };

  it('drops each host, the highest first, with the original rate and cap; the start and the rest kept', () => {
    const drops = busierHostDrops(quiet, s, false);
    expect(drops.map((d) => d.scenario.processes)).toEqual([4, 4, 4, 4, 4]);
    expect(drops[0]?.what).toBe('drop host p5, at the original 100 multicasts a second, no cap');
    for (const d of drops) {
      expect(d.scenario.workload.multicastsPerSecond).toBe(100);
      expect(d.scenario.workload.maxMulticasts).toBeUndefined();
      expect(d.scenario.workload.startUs).toBe(50_000);
      expect(d.scenario.network).toEqual(quiet.network);
      expect(isValidScenario(d.scenario)).toBe(true);
    }
    // Dropping p1 renumbers: p5's crash is p4's now.
    expect(drops[4]?.scenario.faults?.schedule?.[0]).toEqual({ type: 'crash', host: 'p4', atUs: 100_000 });
  });

  it('keeps an original cap, and offers nothing where the workload is as busy as the original', () => {
    const capped: Scenario = { ...s, workload: { ...s.workload, maxMulticasts: 40 } };
    expect(busierHostDrops(quiet, capped, false)[0]?.scenario.workload.maxMulticasts).toBe(40);
    expect(busierHostDrops(s, s, true)).toEqual([]);
    expect(busierHostDrops(capped, s, true)).toHaveLength(5 * 2); // a cap of 40 is quieter than none
  });

  it('also drops each host after each crash rewritten as a leave, when asked', () => {
    const drops = busierHostDrops(quiet, s, true);
    expect(drops).toHaveLength(5 * 2);
    const afterLeave = drops.slice(5);
    expect(afterLeave[0]?.what).toBe('drop host p5, the crash of p5 at 100000 us as its leave, at the original 100 multicasts a second, no cap');
    // Dropping p1 of the rewritten scenario: p5's leave (p4's now) stays, at its microsecond.
    expect(afterLeave[4]?.scenario.workload.leaves).toEqual([{ atUs: 10, host: 'p3' }, { atUs: 100_000, host: 'p4' }]);
  });

  it('is offered in the pass after the others, only with the original given; the leave variants only for a safety failure', () => {
    const known: CurrentRun = { result: runScenario({ ...s, durationUs: 20_000, faults: {} }, { seed: '1' }), violationAtUs: undefined, multicastFloor: -1 };
    const offered = (target: Parameters<typeof candidates>[2], busierFrom: Scenario | undefined): number =>
      [...candidates(quiet, known, target, busierFrom === undefined ? {} : { busierFrom })].filter((c) => c.pass === PASS.busier).length;
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, s)).toBe(10);
    expect(offered({ kind: 'property', property: 'view-convergence' }, s)).toBe(5);
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, undefined)).toBe(0);
  });
});

describe('a host fewer at the original load, in a whole shrink', () => {
  const protocol = floodProtocol();
  // Jitter reorders flood's messages: fifo-order breaks early, and the caps make the workload quieter.
  const jittery = baseScenario({
    processes: 4,
    network: { delay: { minUs: 100, meanUs: 3000, jitterUs: 2000 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 0, total: 0 } },
    durationUs: 400_000,
  });
  const shrink = (busierHostDrops: boolean): { tried: string[]; outcome: ReturnType<typeof shrinkScenario> } => {
    const tried: string[] = [];
    const outcome = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 600, busierHostDrops, onAttempt: (_, __, what) => tried.push(what) });
    return { tried, outcome };
  };

  it('tries them in the second phase, and only when asked', () => {
    const on = shrink(true);
    const off = shrink(false);
    const busier = (tried: string[]): number => tried.filter((w) => w.includes('at the original 200 multicasts a second')).length;
    expect(busier(on.tried)).toBeGreaterThan(0);
    expect(busier(off.tried)).toBe(0);
    // Not before the first phase's own host drops: it joins once the search without it converged.
    expect(on.tried.findIndex((w) => w.startsWith('drop host'))).toBeLessThan(on.tried.findIndex((w) => w.includes('at the original')));
    for (const { outcome } of [on, off]) {
      expect(outcome.after.processes).toBeLessThanOrEqual(2);
      expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, protocol }), outcome.target)).toBe(true);
    }
  });
});

describe('a departure as a join', () => {
  // Departures of s: p4's leave at 10 us and p5's timed crash (the role's and the note-triggered crash are not).
  it('drops the departing host and each other one, a host joining at the departure and at the next view', () => {
    const rewrites = departuresAsJoins(s, [50_000, 150_000]);
    const crash = rewrites.filter((r) => r.what.startsWith('crash of p5'));
    const leave = rewrites.filter((r) => r.what.startsWith('leave of p4'));
    expect(crash.length + leave.length).toBe(rewrites.length);
    expect(new Set(crash.map((r) => r.scenario.workload.joins?.[0]?.atUs))).toEqual(new Set([100_000, 150_000]));
    expect(new Set(leave.map((r) => r.scenario.workload.joins?.[0]?.atUs))).toEqual(new Set([10, 50_000]));
    expect(crash[0]?.what).toBe('crash of p5 at 100000 us as a join at 100000 us, host p5 and p4 dropped');
    for (const r of rewrites) {
      // Three hosts and a joiner: a new view of four, as the departure's, from one process fewer.
      expect(r.scenario.processes).toBe(3);
      expect(r.scenario.workload.joins).toHaveLength(1);
      expect(isValidScenario(r.scenario)).toBe(true);
    }
    // The crash is gone from the crash rewrites (the role's, the note's and the heal stay); p4's leave goes with p4.
    expect(crash[0]?.scenario.faults?.schedule?.map((f) => f.type)).toEqual(['crash', 'crash', 'heal']);
    expect(crash[0]?.scenario.workload.leaves).toEqual([]);
  });

  it('leaves out a candidate equal to an earlier one (hosts nothing names are interchangeable)', () => {
    const plain = baseScenario({ processes: 4, protocol: { name: 'isis' }, faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 750 }] } });
    const rewrites = departuresAsJoins(plain, [155_000]);
    expect(rewrites.map((r) => r.what)).toEqual([
      'crash of p4 at 750 us as a join at 750 us, host p4 and p3 dropped',
      'crash of p4 at 750 us as a join at 155000 us, host p4 and p3 dropped',
    ]);
    expect(rewrites.every((r) => r.scenario.processes === 2)).toBe(true);
  });

  it('adds the original load where the workload is quieter, and nothing below 3 hosts', () => {
    const plain = baseScenario({ processes: 4, protocol: { name: 'isis' }, workload: { multicastsPerSecond: 25, orders: { fifo: 1, causal: 0, total: 0 }, maxMulticasts: 1 }, faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 750 }] } });
    const busy = { ...plain, workload: { ...plain.workload, multicastsPerSecond: 1500, maxMulticasts: undefined } } as Scenario;
    const rewrites = departuresAsJoins(plain, [], busy);
    expect(rewrites.map((r) => [r.scenario.workload.multicastsPerSecond, r.scenario.workload.maxMulticasts])).toEqual([[25, 1], [1500, undefined]]);
    expect(departuresAsJoins({ ...plain, processes: 2, faults: { schedule: [{ type: 'crash', host: 'p2', atUs: 750 }] } })).toEqual([]);
  });
});

describe('a departure seen by one host', () => {
  it('turns each departure into everything its host sends one other host lost, with another host dropped', () => {
    const rewrites = departuresSeenByOne(s, { ...s, durationUs: 2_000_000 });
    // p5's crash and p4's leave, each seen by the 4 others.
    expect(rewrites).toHaveLength(8);
    const [first] = rewrites;
    expect(first?.what).toBe('crash of p5 at 100000 us as all it sends p1 lost, host p4 dropped, the original 2000000 us fault phase');
    // p4 dropped: p5 is p4 now; its crash is gone, its link to p1 loses everything from the crash's microsecond.
    expect(first?.scenario.processes).toBe(4);
    expect(first?.scenario.durationUs).toBe(2_000_000);
    expect(first?.scenario.faults?.schedule?.at(-1)).toEqual({ type: 'link', atUs: 100_000, from: 'p4', to: 'p1', bidirectional: false, lossProbability: 1 });
    expect(first?.scenario.faults?.schedule?.filter((f) => f.type === 'crash')).toHaveLength(2);
    for (const r of rewrites) expect(isValidScenario(r.scenario)).toBe(true);
    // The seen-by host is never the one dropped.
    expect(rewrites.find((r) => r.what.startsWith('crash of p5 at 100000 us as all it sends p4'))?.what).toContain('host p3 dropped');
  });

  it('is offered with the joins for a safety failure, or a liveness failure with a reference, and only when asked', () => {
    const known: CurrentRun = { result: runScenario({ ...s, durationUs: 20_000, faults: {} }, { seed: '1' }), violationAtUs: undefined, multicastFloor: -1 };
    const offered = (target: Parameters<typeof candidates>[2], departureRewrites: boolean, reference: boolean): number =>
      [...candidates(s, known, target, { departureRewrites, reference })].filter((c) => c.pass === PASS.leaves && / as (a join|all it sends)/.test(c.what)).length;
    const all = departuresSeenByOne(s).length + departuresAsJoins(s).length;
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, true, false)).toBe(all);
    expect(offered({ kind: 'property', property: 'virtual-synchrony' }, false, false)).toBe(0);
    expect(offered({ kind: 'property', property: 'view-convergence' }, true, false)).toBe(0);
    expect(offered({ kind: 'property', property: 'view-convergence' }, true, true)).toBe(all);
  });

  it('is offered only above the aim of 3 processes, joiners counted', () => {
    const count = (scenario: Scenario): number => {
      const known: CurrentRun = { result: runScenario({ ...scenario, durationUs: 20_000, faults: {} }, { seed: '1' }), violationAtUs: undefined, multicastFloor: -1 };
      return [...candidates(scenario, known, { kind: 'property', property: 'virtual-synchrony' })].filter((c) => / as (a join|all it sends)/.test(c.what)).length;
    };
    const three = baseScenario({ processes: 3, protocol: { name: 'isis' }, faults: { schedule: [{ type: 'crash', host: 'p3', atUs: 750 }] } });
    expect(count(three)).toBe(0);
    expect(count({ ...three, workload: { ...three.workload, joins: [{ atUs: 10 }] } })).toBeGreaterThan(0);
    expect(count({ ...three, processes: 4 })).toBeGreaterThan(0);
  });
});

describe('the third phase', () => {
  it('costs no attempt where it adds no candidate (nothing departs)', () => {
    const protocol = floodProtocol();
    const jittery = baseScenario({
      processes: 4,
      network: { delay: { minUs: 100, meanUs: 3000, jitterUs: 2000 }, lossProbability: 0, duplicateProbability: 0 },
      workload: { multicastsPerSecond: 200, orders: { fifo: 1, causal: 0, total: 0 } },
      durationUs: 200_000,
    });
    const on = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 3000 });
    const off = shrinkScenario(jittery, { seed: '1', protocol, maxAttempts: 3000, departureRewrites: false });
    expect(on.boundHit).toBe(false);
    expect(on.attempts).toBe(off.attempts);
    expect(on.shrunk).toEqual(off.shrunk);
  });
});

describe('random faults written out', () => {
  it('moves the generator\'s faults into the schedule, after the scheduled ones', () => {
    const random = { ...s, faults: { ...s.faults, random: { meanIntervalUs: 50_000, kinds: { crash: 1 } } } } as Scenario;
    const result = runScenario(random, { seed: '3' });
    const written = materializeRandomFaults(random, result);
    expect(written?.faults?.random).toBeUndefined();
    expect(written?.faults?.schedule).toEqual([...(s.faults?.schedule ?? []), ...result.randomFaults]);
    expect(materializeRandomFaults(s, result)).toBeNull();
  });
});

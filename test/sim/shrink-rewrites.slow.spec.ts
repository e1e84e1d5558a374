// The departure rewrites (sim/shrink-rewrites.ts) in whole shrinks of two
// mutants' failures that ended out of the aim before: each starts from the
// scenario the search without them converged at (its fault phase or load
// as the pin's, which the rewrites go back to), and must end within the aim
// with the bug's failure (the real protocol passes the shrunk scenario).
import { describe, expect, it } from 'vitest';
import { mutantRunOptions } from '../../sim/mutant-run.ts';
import { resolveProtocol } from '../../sim/resolve-protocol.ts';
import { runScenario } from '../../sim/run.ts';
import { failsSameWay, shrinkScenario } from '../../sim/shrink.ts';
import type { Scenario } from '../../scenarios/types.ts';

const shrink = (scenario: Scenario, mutant: string, seed: string, departureRewrites: boolean): ReturnType<typeof shrinkScenario> => {
  const protocolFor = (s: Scenario) => mutantRunOptions(s, mutant).protocol ?? resolveProtocol(s);
  return shrinkScenario(scenario, { seed, ...mutantRunOptions(scenario, mutant), protocolFor, referenceFor: resolveProtocol, departureRewrites });
};

const expectTheBugs = (outcome: ReturnType<typeof shrinkScenario>, mutant: string): void => {
  expect(outcome.boundHit).toBe(false);
  expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed, ...mutantRunOptions(outcome.shrunk, mutant) }), outcome.target)).toBe(true);
  expect(failsSameWay(runScenario(outcome.shrunk, { seed: outcome.seed }), outcome.target)).toBe(false);
};

describe('a departure seen by one host', () => {
  // takeover-ignores-accepted's shrink at session 7 (5 hosts, p5 leaving), with the pin's 600 ms fault phase.
  const takeover: Scenario = {
    name: 'takeover', description: 'p1 commits and is cut off; p2 takes over', processes: 5,
    protocol: { name: 'isis', options: { suspectTimeoutUs: 4000, heartbeatIntervalUs: 1000 } },
    network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 1, orders: { fifo: 1, causal: 1, total: 1 }, leaves: [{ atUs: 1000, host: 'p5' }], maxMulticasts: 0 },
    durationUs: 600_000, settleUs: 1000, seeds: [2],
    faults: { schedule: [{ type: 'partition', groups: [['p1'], ['p2', 'p3', 'p4', 'p5']], onNote: { host: 'p2', text: 'flush-ok', delayUs: 3800 } }], rejoinExcludedAfterUs: 20_000 },
  };

  it('takes takeover-ignores-accepted from 5 hosts to 3 (the departed still votes for the successor)', () => {
    const outcome = shrink(takeover, 'takeover-ignores-accepted', '2', true);
    expect(outcome.target).toEqual({ kind: 'property', property: 'view-agreement' });
    expect(outcome.after.processes + outcome.after.joiners).toBe(3);
    expect(outcome.shrunk.faults?.schedule?.some((f) => f.type === 'link' && f.lossProbability === 1)).toBe(true);
    expectTheBugs(outcome, 'takeover-ignores-accepted');
    expect(shrink(takeover, 'takeover-ignores-accepted', '2', false).after.processes).toBe(5);
  });
});

describe('a departure as a join', () => {
  // install-not-relayed's shrink at session 7 (4 hosts, p4 crashing), at the pin's 1500 multicasts a second.
  const overtaken: Scenario = {
    name: 'overtaken', description: 'a multicast in the new view overtakes the install', processes: 4,
    protocol: { name: 'isis', options: { suspectTimeoutUs: 150_000 } },
    network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 1500, orders: { fifo: 1, causal: 1, total: 1 }, startUs: 146_379 },
    durationUs: 169_171, settleUs: 3_000_000, seeds: [7],
    faults: { schedule: [{ type: 'crash', host: 'p4', atUs: 750 }] },
  };

  it('takes install-not-relayed from 4 hosts to 2 and a joiner (three members of the new view, from 3 processes)', () => {
    const outcome = shrink(overtaken, 'install-not-relayed', '7', true);
    expect(outcome.target).toEqual({ kind: 'property', property: 'delivery-liveness' });
    expect(outcome.after).toMatchObject({ processes: 2, joiners: 1 });
    expect(outcome.after.multicasts).toBeLessThanOrEqual(10);
    expectTheBugs(outcome, 'install-not-relayed');
    expect(shrink(overtaken, 'install-not-relayed', '7', false).after.processes).toBeGreaterThanOrEqual(3);
  });
});

// The candidates' wall-clock bound (sim/shrink-handler-bound.ts): a shrink
// candidate whose handler never returns is ended within a bound derived from
// the original run's wall-clock time (20 times it, at least 1 s, at most the
// run's bound), not the run's 10 s, and the outcome says what the bound was
// and how many candidates reached it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HANDLER_TIMEOUT_MS } from '../../sim/handler-watchdog.ts';
import { runScenario, type RunResult } from '../../sim/run.ts';
import { shrinkScenario } from '../../sim/shrink.ts';
import { candidateBoundMs, MIN_CANDIDATE_BOUND_MS, TIMED_OUT_FAILURE } from '../../sim/shrink-handler-bound.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { HANGS_BELOW_THREE_NAME } from './fixtures/hangs-below-three-plugin.ts';

const ended = { failure: 'error: protocol or simulator threw' } as RunResult;
const hung = { failure: TIMED_OUT_FAILURE } as RunResult;

describe('the candidates\' bound', () => {
  it('is 20 times the original run, at least 1 s, at most the run\'s bound', () => {
    expect(candidateBoundMs(5, ended, 10_000)).toBe(MIN_CANDIDATE_BOUND_MS);
    expect(candidateBoundMs(120, ended, 10_000)).toBe(2400);
    expect(candidateBoundMs(900, ended, 10_000)).toBe(10_000);
    // A run bound below the floor is the ceiling still.
    expect(candidateBoundMs(5, ended, 300)).toBe(300);
  });

  it('counts only the work of an original run that itself hung, not the hang', () => {
    // 10 s of hang and 60 ms of work: the candidates get 1.2 s, not 10 s.
    expect(candidateBoundMs(10_060, hung, 10_000)).toBe(1200);
    expect(candidateBoundMs(9_990, hung, 10_000)).toBe(MIN_CANDIDATE_BOUND_MS);
  });
});

// Three hosts: p1's timer throws; every candidate that drops a host hangs in its init handler.
const scenario: Scenario = {
  name: 'hangs-below-three',
  description: 'p1 throws at 500 us; a group of fewer than three hangs at start-up',
  processes: 3,
  protocol: { name: HANGS_BELOW_THREE_NAME },
  network: { delay: { minUs: 100, meanUs: 100, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 0, orders: { fifo: 1, causal: 0, total: 0 } },
  durationUs: 4000,
  settleUs: 0,
  seeds: [1],
};
// One phase, the seed kept: the host pass's three candidates (one scenario) are the only ones that hang.
const onePhase = { laterStart: false, crashesAsLeaves: false, earlierNotes: false, busierHostDrops: false, departureRewrites: false, otherSeeds: 0 };

describe('a shrink whose candidates hang when they drop a host', () => {
  it('fails by throwing, and a host fewer hangs', () => {
    expect(runScenario(scenario, { seed: '1' }).failure).toBe('error: protocol or simulator threw');
    const fewer = { ...scenario, processes: 2 };
    expect(runScenario(fewer, { seed: '1', handlerTimeoutMs: 100 }).failure).toBe(TIMED_OUT_FAILURE);
  });

  it('ends each hanging candidate within the given bound and reports it', () => {
    const outcome = shrinkScenario(scenario, { seed: '1', ...onePhase, candidateTimeoutMs: 200 });
    expect(outcome.candidateTimeoutMs).toBe(200);
    // The three host drops are one candidate (the hosts after the dropped one renumbered): run once,
    // then replayed (sim/shrink.ts), not waited out again.
    expect(outcome.candidatesTimedOut).toBe(1);
    // A hang is not the original's failure (it threw): no host dropped.
    expect(outcome.shrunk.processes).toBe(3);
    expect(outcome.result.failure).toBe('error: protocol or simulator threw');
    expect(outcome.boundHit).toBe(false);
  });

  it('derives the bound from the original run: a hang costs well under the run\'s 10 s', () => {
    const started = performance.now();
    const outcome = shrinkScenario(scenario, { seed: '1', ...onePhase });
    const seconds = (performance.now() - started) / 1000;
    expect(outcome.candidatesTimedOut).toBe(1);
    expect(outcome.candidateTimeoutMs).toBeGreaterThanOrEqual(MIN_CANDIDATE_BOUND_MS);
    expect(outcome.candidateTimeoutMs).toBeLessThan(DEFAULT_HANDLER_TIMEOUT_MS);
    // The hang waits out the candidates' bound, and no more: at the run's bound it alone took 10 s.
    expect(seconds).toBeGreaterThanOrEqual(outcome.candidateTimeoutMs / 1000 - 0.5);
    expect(seconds).toBeLessThan(DEFAULT_HANDLER_TIMEOUT_MS / 1000);
  }, 60_000);
});

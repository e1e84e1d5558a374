// Running a suite's jobs in this thread: outcomes in plan order, a stop
// between runs or inside a long one, and the trace of a failing run written
// in full even when a stop was asked for.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeRun, isUnfinished, runJobsInThisThread, type RunOutcome } from '../../../sim/suite/execute.ts';
import type { RunJob } from '../../../sim/suite/plan.ts';
import { SLICE_EVENTS } from '../../../sim/run.ts';
import { baseScenario } from '../../fixtures/scenario.ts';

// The fixture plugin, not a registration of its own: the registry is global,
// and a second 'test-flood' that ignored tickUs changed later specs' traces
// when spec files shared a module cache.
import '../../fixtures/flood-plugin.ts';

const lossy = baseScenario({
  name: 'lossy',
  processes: 4,
  network: { delay: { minUs: 100, meanUs: 2000, jitterUs: 1000 }, lossProbability: 0.05, duplicateProbability: 0.05 },
  workload: { multicastsPerSecond: 300, orders: { fifo: 1, causal: 1, total: 1 } },
  durationUs: 400_000,
  settleUs: 100_000,
});
// More events than two slices (SLICE_EVENTS, 16,384) from timer ticks: 4 hosts x 1 s / 100 us = 40,000.
// Ticks cost little; a multicast flood does not (the flood fixture copies its
// delivered set on each receipt, so 4,000 multicasts took over 10 s under load
// and ran into the wall-clock bound).
const long = baseScenario({
  name: 'long',
  processes: 4,
  protocol: { name: 'test-flood', options: { tickUs: 100 } },
  network: { delay: { minUs: 1000, meanUs: 1000, jitterUs: 0 }, lossProbability: 0, duplicateProbability: 0 },
  workload: { multicastsPerSecond: 100, orders: { fifo: 1, causal: 0, total: 0 } },
  durationUs: 1_000_000,
});

const jobs = (n: number, outDir?: string): RunJob[] =>
  Array.from({ length: n }, (_, k) => ({ index: k, file: 'lossy.json', scenario: lossy, seed: k + 1, stopOnViolation: false, plugins: [], ...(outDir !== undefined ? { outDir } : {}) }));

describe('runJobsInThisThread', () => {
  it('gives the same outcomes as executeRun, in plan order', async () => {
    const seen: number[] = [];
    const outcomes = await runJobsInThisThread(jobs(4), (o) => seen.push(o.index));
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(outcomes.map((o) => o.result)).toEqual(jobs(4).map((j) => executeRun(j).result));
  });

  it('stops between runs when asked, keeping the runs that finished and their traces', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vsynclab-execute-'));
    const finished: RunOutcome[] = [];
    const outcomes = await runJobsInThisThread(jobs(6, out), (o) => finished.push(o), () => finished.some((o) => !o.result.passed));
    const firstFailure = outcomes.findIndex((o) => !o.result.passed);
    expect(firstFailure).toBeGreaterThanOrEqual(0);
    expect(outcomes).toHaveLength(firstFailure + 1);
    expect(outcomes).toEqual(finished);
    expect(existsSync(outcomes[firstFailure]!.tracePath!)).toBe(true);
  });

  it('a stop inside a long run: the unfinished run is not reported', async () => {
    let polls = 0;
    const job: RunJob = { index: 0, file: 'long.json', scenario: long, seed: 1, stopOnViolation: false, plugins: [] };
    // The first poll is before the run, the second after its first slice: the stop lands inside it.
    const outcomes = await runJobsInThisThread([job], () => {}, () => ++polls > 1);
    expect(outcomes).toEqual([]);
    const cut = executeRun(job);
    expect(cut.result.simEvents).toBeGreaterThan(2 * SLICE_EVENTS);
    expect(cut.result.passed).toBe(true);
    expect(isUnfinished(cut.result)).toBe(false);
  });
});

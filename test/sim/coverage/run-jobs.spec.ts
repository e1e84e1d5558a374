// A suite's coverage is run in a fresh worker thread, where precise coverage
// starts before any protocol module is loaded: the same runs give the same
// report whatever ran before in this process. In this thread the protocol
// code below runs plainly first, which (in-thread) would make its called
// functions count as wholes, every branch run.
import { describe, expect, it } from 'vitest';
import { CoverageCollector } from '../../../sim/coverage/collector.ts';
import { buildCoverageReport, type CoverageReport } from '../../../sim/coverage/report.ts';
import { runJobsWithCoverage } from '../../../sim/coverage/run-jobs.ts';
import { protocolScope } from '../../../sim/coverage/scope.ts';
import { runScenario } from '../../../sim/run.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';
import { planRuns } from '../../../sim/suite/plan.ts';

const X = 'scenarios/isis-member-crash.json';

async function coverageOf(file: string, seeds: number[]): Promise<{ report: CoverageReport; passed: boolean[] }> {
  const jobs = planRuns(loadScenarios([file]), { seeds });
  const collector = new CoverageCollector(protocolScope());
  const outcomes = await runJobsWithCoverage(jobs, collector, () => undefined);
  return { report: buildCoverageReport(collector, process.cwd()), passed: outcomes.map((o) => o.result.passed) };
}

describe('runJobsWithCoverage', () => {
  it('gives scenario X the same report alone as after other runs in this process', async () => {
    const alone = await coverageOf(X, [1]);
    expect(alone.passed).toEqual([true]);
    expect(alone.report.runs).toBe(1);
    const { branches } = alone.report.totals;
    // A member crash runs much of the stack, not all of it (no joins, no leaves).
    expect(branches.run).toBeGreaterThan(100);
    expect(branches.run).toBeLessThan(branches.total);

    // Other scenarios in this thread (plain runs, the same protocol code and more), and another coverage run.
    for (const other of ['scenarios/isis-member-crash.json', 'scenarios/isis-voluntary-leave.json']) {
      const [loaded] = loadScenarios([other]);
      runScenario(loaded!.forSeed(2), { seed: '2' });
    }
    const between = await coverageOf('scenarios/isis-voluntary-leave.json', [1]);
    expect(between.report.totals.branches.run).not.toBe(branches.run);

    const after = await coverageOf(X, [1]);
    expect(after.report).toEqual(alone.report);

    // The control: measured on this thread, where that protocol code ran before coverage started, X counts more.
    const inThread = new CoverageCollector(protocolScope());
    inThread.start();
    const [loaded] = loadScenarios([X]);
    const observed = inThread.observe(loaded!.forSeed(1), null);
    runScenario(loaded!.forSeed(1), { seed: '1', checker: observed.checker });
    inThread.endRun(observed.facts);
    inThread.stop();
    const inThreadReport = buildCoverageReport(inThread, process.cwd());
    expect(inThreadReport.totals.branches.run).toBeGreaterThan(branches.run);
    // ... and says so; the worker's reports never do.
    expect(inThreadReport.wholeFunctions).toBeGreaterThan(0);
    expect(alone.report.wholeFunctions).toBeUndefined();
  }, 300_000);
});

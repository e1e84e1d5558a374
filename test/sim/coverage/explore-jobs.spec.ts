// An exploration's coverage is measured in a fresh worker thread, where
// precise coverage starts before any protocol module is loaded: the same
// exploration gives the same report whatever ran before in this process.
// In this thread the protocol code below runs plainly first, which
// (in-thread) would make its called functions count as wholes.
import { describe, expect, it } from 'vitest';
import { CoverageCollector } from '../../../sim/coverage/collector.ts';
import { exploreWithCoverage } from '../../../sim/coverage/explore-jobs.ts';
import type { ExploreCoverageOptions } from '../../../sim/coverage/explore-worker-messages.ts';
import { buildCoverageReport, type CoverageReport } from '../../../sim/coverage/report.ts';
import { protocolScope } from '../../../sim/coverage/scope.ts';
import { explore, loadExploreScenario, type ExploreResult } from '../../../sim/explore/index.ts';
import { runScenario } from '../../../sim/run.ts';
import { loadScenarios } from '../../../sim/scenario-files.ts';

const X = 'scenarios/explore/isis-crash-3x0.json';
/** CBCAST alone, three processes, one multicast each: 98 states with symmetry, 509 without. */
const SMALL_STATIC = 'test/sim/explore/fixtures/scenarios/cbcast-3x1.json';
const SEARCH: ExploreCoverageOptions = { strategy: 'bfs', maxStates: 100_000, maxDepth: 100, maxMemoryBytes: 2 ** 31, por: false, symmetry: false, progress: false };

async function coverageOf(file: string, compare = false, search: Partial<ExploreCoverageOptions> = {}): Promise<{ report: CoverageReport; result: ExploreResult; baseline: ExploreResult | null }> {
  const { scenario, config } = loadExploreScenario(file);
  const collector = new CoverageCollector(protocolScope());
  const covered = await exploreWithCoverage({ scenario, config, options: { ...SEARCH, ...search }, compare, pluginUrls: [], pluginPaths: [] }, collector);
  return { report: buildCoverageReport(collector, process.cwd()), ...covered };
}

describe('exploreWithCoverage', () => {
  it('gives exploration X the same report alone as after other protocol code ran in this process', async () => {
    const alone = await coverageOf(X);
    // The worker's exploration is the exploration: the same states as in this thread.
    const plain = explore(loadExploreScenario(X).scenario, loadExploreScenario(X).config);
    expect(alone.result.result).toBe('ok');
    expect(alone.result.states).toBe(plain.states);
    expect(alone.report.subject).toBe('the exploration');
    const { branches } = alone.report.totals;
    // A crash among three explored: much of membership and flush, not joins or leaves.
    expect(branches.run).toBeGreaterThan(50);
    expect(branches.run).toBeLessThan(branches.total);
    expect(alone.report.wholeFunctions).toBeUndefined();

    // Other protocol code in this thread (plain runs and explorations), and another covered exploration.
    for (const other of ['scenarios/isis-member-crash.json', 'scenarios/isis-voluntary-leave.json']) {
      const [loaded] = loadScenarios([other]);
      runScenario(loaded!.forSeed(2), { seed: '2' });
    }
    explore(loadExploreScenario(SMALL_STATIC).scenario, loadExploreScenario(SMALL_STATIC).config);
    const between = await coverageOf(SMALL_STATIC);
    expect(between.report.totals.branches.run).not.toBe(branches.run);

    const after = await coverageOf(X);
    expect(after.report).toEqual(alone.report);

    // The control: measured on this thread, where that protocol code ran before coverage started, X counts more, and says so.
    const inThread = new CoverageCollector(protocolScope());
    inThread.start();
    explore(loadExploreScenario(X).scenario, loadExploreScenario(X).config);
    inThread.stop();
    const inThreadReport = buildCoverageReport(inThread, process.cwd());
    expect(inThreadReport.totals.branches.run).toBeGreaterThan(branches.run);
    expect(inThreadReport.wholeFunctions).toBeGreaterThan(0);
  }, 300_000);

  it('explores again without reductions for --compare, and stops when asked', async () => {
    const compared = await coverageOf(SMALL_STATIC, true, { symmetry: true });
    expect(compared.result.symmetry).toBe(true);
    expect(compared.baseline).not.toBeNull();
    expect(compared.baseline!.states).toBeGreaterThan(compared.result.states);

    // Long enough (91,888 states) that the stop arrives while it explores.
    const { scenario, config } = loadExploreScenario('scenarios/explore/cbcast-3x2.json');
    const stopped = await exploreWithCoverage({ scenario, config, options: SEARCH, compare: false, pluginUrls: [], pluginPaths: [] }, new CoverageCollector(protocolScope()), undefined, () => true);
    expect(stopped.result.result).toBe('unknown');
    expect(stopped.result.bound).toBe('interrupted');
  }, 300_000);
});

// The hunt keeps what reaches new coverage, is deterministic for a seed
// under a run bound, and reports a planted bug shrunk.
import { describe, expect, it } from 'vitest';
import { hunt, type HuntRun } from '../../../sim/hunt/hunt.ts';
import { protocolScope } from '../../../sim/coverage/scope.ts';
import { loadScenarios, type LoadedScenario } from '../../../sim/scenario-files.ts';

/** The suite's scenarios, made short: a hunt test makes many runs. */
function shortSuite(files: string[]): LoadedScenario[] {
  return loadScenarios(files).map((loaded) => ({
    ...loaded,
    forSeed: (seed: number) => ({ ...loaded.forSeed(seed), durationUs: 150_000, settleUs: 1_500_000 }),
  }));
}

const suite = shortSuite(['scenarios/isis-member-crash.json', 'scenarios/isis-steady-load.json']);

describe('hunt', () => {
  it('runs the suite first, then mutants of what it kept; the same seed gives the same hunt', async () => {
    const runsOf = async (seed: number): Promise<HuntRun[]> => {
      const seen: HuntRun[] = [];
      const result = await hunt(suite, protocolScope(), { seed, maxRuns: 6, onRun: (r) => seen.push(r) });
      expect(result.runs).toBe(6);
      expect(result.stoppedBy).toBe('runs');
      expect(result.corpus.length).toBe(seen.filter((r) => r.kept).length);
      return seen;
    };
    const first = await runsOf(4);
    expect(first.slice(0, 2).map((r) => r.scenario)).toEqual(['isis-member-crash', 'isis-steady-load']);
    // The first run of a hunt reaches everything it reaches for the first time.
    expect(first[0]!.kept).toBe(true);
    expect(first[0]!.freshBranches).toBeGreaterThan(100);
    expect(await runsOf(4)).toEqual(first);
  });

  it('makes its first run after the starting runs a fresh draw, the same on every hunt seed, and tours after it', async () => {
    const runsOf = async (seed: number): Promise<HuntRun[]> => {
      const seen: HuntRun[] = [];
      await hunt(suite, protocolScope(), { seed, maxRuns: 4, shrink: false, onRun: (r) => seen.push(r) });
      return seen;
    };
    const [one, two] = [await runsOf(1), await runsOf(2)];
    // The first file's next seed, unmutated: nothing of it depends on the hunt's seed.
    expect(one[2]!.scenario).toBe('isis-member-crash');
    expect(one[2]!.changes).toEqual([`seed ${one[0]!.seed + 1} (a fresh draw)`]);
    expect(one[2]!.seed).toBe(one[0]!.seed + 1);
    expect(two[2]).toEqual(one[2]);
    // The strike tour begins with the next run.
    expect(one[3]!.changes.some((c) => /^strikes? /.test(c))).toBe(true);
  });

  it('tours the strike situations on the plain draws that take a strike, not on a static group', async () => {
    const mixed = shortSuite(['scenarios/isis-fbcast-static.json', 'scenarios/isis-steady-load.json']);
    const seen: HuntRun[] = [];
    await hunt(mixed, protocolScope(), { seed: 2, maxRuns: 8, onRun: (r) => seen.push(r) });
    const toured = seen.slice(2).filter((r) => !r.changes.some((c) => c.includes('a fresh draw')));
    expect(toured.length).toBeGreaterThan(2);
    for (const r of toured) {
      expect(r.scenario).toBe('isis-steady-load');
      // The parent is a plain draw: the tour's strikes are the candidate's only change.
      expect(r.changes).toHaveLength(1);
      expect(r.changes[0]).toMatch(/^strikes? /);
    }
  });

  it('after the tour, stages the situations again on fresh stages', async () => {
    const steadyOnly = shortSuite(['scenarios/isis-steady-load.json']);
    const seen: HuntRun[] = [];
    const result = await hunt(steadyOnly, protocolScope(), { seed: 3, maxRuns: 40, shrink: false, onRun: (r) => seen.push(r) });
    const staged = seen.filter((r) => r.changes.some((c) => c.includes('a fresh stage')));
    expect(staged.length).toBeGreaterThan(5);
    for (const r of staged) {
      expect(r.scenario).toBe('isis-steady-load');
      expect(r.seed).toBeGreaterThan(100_000);
      expect(r.changes[1]).toMatch(/^strikes? /);
    }
    // Some situation was carried by more than one candidate (the first round's and a later one's).
    expect(result.strikes.some((t) => t.tries > 1)).toBe(true);
  });

  it('finds a planted bug, shrinks it, and stops at the first finding when asked', async () => {
    const result = await hunt(suite, protocolScope(), { seed: 1, maxRuns: 20, mutant: 'fifo-gap', shrinkAttempts: 10, stopAtFirstFinding: true });
    expect(result.stoppedBy).toBe('first-finding');
    expect(result.findings).toHaveLength(1);
    const finding = result.findings[0]!;
    expect(finding.result.passed).toBe(false);
    expect(finding.shrunk).not.toBeNull();
    expect(finding.shrunk!.after.processes).toBeLessThanOrEqual(finding.shrunk!.before.processes);
  });

  it('drops a run the protocol refuses (a static group given a joiner): bad input, neither kept nor a finding', async () => {
    const refusing = loadScenarios(['scenarios/isis-static-backpressure.json']).map((loaded) => ({
      ...loaded,
      forSeed: (seed: number) => {
        const s = loaded.forSeed(seed);
        return { ...s, durationUs: 150_000, workload: { ...s.workload, joins: [{ atUs: 1_000, count: 1 }] } };
      },
    }));
    const seen: HuntRun[] = [];
    const result = await hunt(refusing, protocolScope(), { seed: 1, maxRuns: 1, shrink: false, onRun: (r) => seen.push(r) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.passed).toBe(false);
    expect(seen[0]!.kept).toBe(false);
    expect(result.findings).toEqual([]);
  });

  it('stops when asked, between runs', async () => {
    let calls = 0;
    const result = await hunt(suite, protocolScope(), { seed: 1, timeUp: () => ++calls > 2 });
    expect(result.stoppedBy).toBe('time');
    expect(result.runs).toBe(2);
  });
});

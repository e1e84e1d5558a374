// Hunting every mutant on one pool: each mutant's result is its first
// failing run in plan order, the same with one worker or two, and no run
// past a known failure of its mutant is made.
import { describe, expect, it } from 'vitest';
import { byCatchRecord, huntMutants, type MutantPlan } from '../../sim/mutant-hunts.ts';
import { DEFAULT_SUITE_DIR, loadScenarioFile, type LoadedScenario } from '../../sim/scenario-files.ts';
import { seedMajorPlan } from '../../sim/suite/hunt.ts';

const file = (name: string): LoadedScenario => loadScenarioFile(`${DEFAULT_SUITE_DIR}/${name}`);

describe('huntMutants', () => {
  // no-majority passes isis-steady-load and fails the isolated coordinator on seed 1 (protocol/mutants/catches.ts).
  const scenarios = [file('isis-steady-load.json'), file('isis-coordinator-isolated-after-commit.json')];
  const plans: MutantPlan[] = ['no-majority', 'fifo-gap'].map((mutant) => ({ mutant, jobs: seedMajorPlan(scenarios, [1, 2], mutant) }));

  it('finds each mutant\'s first failure in plan order, the same with one worker or two, in mutant order', async () => {
    const runs: string[] = [];
    const one = await huntMutants(plans, 1, { onRun: (m, n) => runs.push(`${m}:${n}`) });
    const two = await huntMutants(plans, 2);
    const strip = (r: (typeof one.results)[number]): unknown => ({ ...r, secondsToFailure: 0 });
    expect(one.interrupted).toBe(false);
    expect(one.results.map((r) => r.mutant)).toEqual(['no-majority', 'fifo-gap']);
    expect(one.results[0]).toMatchObject({ caught: true, scenario: 'isis-coordinator-isolated-after-commit', seed: 1, runsToFailure: 2, seedsToFailure: 1 });
    expect(one.results[0]?.properties).toContain('primary-majority');
    expect(one.results[1]).toMatchObject({ caught: true, runsToFailure: 1 });
    expect(two.results.map(strip)).toEqual(one.results.map(strip));
    // One worker never runs no-majority past its failure (the plan's third and fourth runs).
    expect(runs.filter((r) => r.startsWith('0:'))).toEqual(['0:1', '0:2']);
  });

  it('stops handing out runs when asked, and says the hunt was interrupted', async () => {
    const hunts = await huntMutants(plans, 1, { shouldStop: () => true });
    expect(hunts).toEqual({ results: [], interrupted: true });
  });
});

describe('byCatchRecord', () => {
  it('puts the scenarios that catch the most mutants first, the others in their order', () => {
    const given = [{ file: 'scenarios/isis-steady-load.json' }, { file: 'x/isis-crash-under-loss.json' }, { file: '/a/scenarios/isis-coordinator-isolated-after-commit.json' }, { file: 'other.json' }];
    expect(byCatchRecord(given).map((s) => s.file)).toEqual([
      '/a/scenarios/isis-coordinator-isolated-after-commit.json', 'x/isis-crash-under-loss.json', 'scenarios/isis-steady-load.json', 'other.json',
    ]);
  });
});

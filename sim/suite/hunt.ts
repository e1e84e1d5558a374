// Hunting a mutant: run the suite against it, seed by seed, until the first
// failing run. The plan is seed-major (every scenario with the first seed,
// then every scenario with the next), so "runs to failure" measures how
// quickly the suite as a whole catches the bug. Runs go out in batches of a
// few per worker; the first failure in plan order wins, whatever the worker
// count, so the result does not depend on it.
import type { LoadedScenario } from '../scenario-files.ts';
import type { RunOutcome } from './execute.ts';
import type { RunJob } from './plan.ts';
import { runJobs } from './pool.ts';
import { eventLoopTurn } from '../steps.ts';

export interface HuntResult {
  mutant: string;
  caught: boolean;
  /** True when the hunt was stopped (Ctrl-C) before it caught the mutant or ran every job. */
  interrupted?: boolean;
  scenario: string | null;
  file: string | null;
  seed: number | null;
  properties: string[];
  failure: string | null;
  /** Runs made up to and including the first failing one (all runs when not caught). */
  runsToFailure: number;
  /** Distinct seeds tried up to the first failure. */
  seedsToFailure: number;
  /** Wall seconds of those runs, as if run one after another. */
  secondsToFailure: number;
}

export function seedMajorPlan(scenarios: readonly LoadedScenario[], seeds: readonly number[] | undefined, mutant: string): RunJob[] {
  const seedLists = scenarios.map((s) => seeds ?? s.seeds);
  const longest = Math.max(0, ...seedLists.map((l) => l.length));
  const jobs: RunJob[] = [];
  for (let k = 0; k < longest; k++) {
    scenarios.forEach((loaded, j) => {
      const seed = seedLists[j]?.[k];
      if (seed === undefined) return;
      jobs.push({ index: jobs.length, file: loaded.file, scenario: loaded.forSeed(seed), seed, stopOnViolation: true, plugins: [], mutant });
    });
  }
  return jobs;
}

export interface HuntControl {
  /** Polled between batches (after a turn of the event loop, so a signal is heard): true ends the hunt, interrupted. */
  shouldStop?: () => boolean;
  /** After every run, with the runs made so far and the plan's size (progress). */
  onRun?: (runs: number, planned: number) => void;
}

export async function huntMutant(mutant: string, jobs: readonly RunJob[], workers: number, control: HuntControl = {}): Promise<HuntResult> {
  const batch = Math.max(1, workers * 2);
  let seconds = 0;
  let runs = 0;
  const seedsSeen = new Set<number>();
  for (let start = 0; start < jobs.length; start += batch) {
    if (control.shouldStop !== undefined) {
      await eventLoopTurn();
      if (control.shouldStop()) {
        return {
          mutant, caught: false, interrupted: true, scenario: null, file: null, seed: null, properties: [], failure: null,
          runsToFailure: start, seedsToFailure: seedsSeen.size, secondsToFailure: seconds,
        };
      }
    }
    const outcomes: RunOutcome[] = await runJobs(jobs.slice(start, start + batch), workers, () => control.onRun?.(++runs, jobs.length));
    for (const [k, outcome] of outcomes.entries()) {
      seconds += outcome.wallSeconds;
      seedsSeen.add(outcome.seed);
      if (outcome.result.passed) continue;
      const r = outcome.result;
      return {
        mutant,
        caught: true,
        scenario: r.scenario,
        file: outcome.file,
        seed: outcome.seed,
        properties: [...new Set(r.violations.map((v) => v.property))],
        failure: r.failure,
        runsToFailure: start + k + 1,
        seedsToFailure: seedsSeen.size,
        secondsToFailure: seconds,
      };
    }
  }
  return {
    mutant, caught: false, scenario: null, file: null, seed: null, properties: [], failure: null,
    runsToFailure: jobs.length, seedsToFailure: seedsSeen.size, secondsToFailure: seconds,
  };
}

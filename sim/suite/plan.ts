// Which runs a suite invocation makes, in a fixed order: scenarios in the
// order given (suite folders sorted by file name), each with its seeds.
// Sharding takes every N-th run of that order, so shards partition the plan.
import type { Scenario } from '../../scenarios/types.ts';
import { checkProtocols, type LoadedScenario } from '../scenario-files.ts';

export interface RunJob {
  /** Position in the unsharded plan. */
  index: number;
  file: string;
  scenario: Scenario;
  seed: number;
  /** Folder for the trace of a failing run. */
  outDir?: string;
  stopOnViolation: boolean;
  /** Plugin module URLs the run needs (loaded once per worker). */
  plugins: string[];
  /** Run against this mutant (protocol/mutants/) instead of the real protocol. */
  mutant?: string;
  /** The wall-clock bound on each slice of the run (RunOptions.handlerTimeoutMs); default the run's. */
  handlerTimeoutMs?: number;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function planRuns(
  scenarios: readonly LoadedScenario[],
  options: { seeds?: number[]; outDir?: string; stopOnViolation?: boolean; plugins?: string[]; mutant?: string; handlerTimeoutMs?: number } = {},
): RunJob[] {
  const jobs: RunJob[] = [];
  checkProtocols(scenarios);
  for (const loaded of scenarios) {
    for (const seed of options.seeds ?? loaded.seeds) {
      const job: RunJob = {
        index: jobs.length, file: loaded.file, scenario: loaded.forSeed(seed), seed, stopOnViolation: options.stopOnViolation ?? false, plugins: options.plugins ?? [],
      };
      if (options.outDir !== undefined) job.outDir = options.outDir;
      if (options.mutant !== undefined) job.mutant = options.mutant;
      if (options.handlerTimeoutMs !== undefined) job.handlerTimeoutMs = options.handlerTimeoutMs;
      jobs.push(job);
    }
  }
  return jobs;
}

/**
 * How many jobs planRuns (then selectShard) gives, without making them: the
 * suite's worker threads start before the plan is made, and how many to
 * start depends on it (sim/suite/pool.ts, SuiteWorkers).
 */
export function countRuns(scenarios: readonly LoadedScenario[], seeds?: readonly number[], shard?: Shard): number {
  const all = scenarios.reduce((sum, loaded) => sum + (seeds ?? loaded.seeds).length, 0);
  return shard === undefined ? all : Math.max(0, Math.ceil((all - (shard.index - 1)) / shard.count));
}

/** Runs k with k mod count = index - 1: shards are disjoint and their union is the plan. */
export function selectShard(jobs: readonly RunJob[], shard: Shard): RunJob[] {
  return jobs.filter((job) => job.index % shard.count === shard.index - 1);
}


// A suite's runs with coverage, one after another on this thread, each
// run's events read by the collector through its checker. A failing run is
// run again with a trace file when the suite keeps traces, as
// sim/suite/execute.ts does. The coverage worker (coverage-worker-runs.ts)
// runs its jobs with this loop; commands go through run-jobs.ts.
import { mkdirSync } from 'node:fs';
import { mutantRunOptions } from '../mutant-run.ts';
import { defaultChecker, promisedProperties } from '../online-checker.ts';
import { resolveProtocol } from '../resolve-protocol.ts';
import { runScenarioSteps } from '../run.ts';
import { driveYielding, eventLoopTurn } from '../steps.ts';
import { FileTraceSink } from '../trace-sink.ts';
import { isUnfinished, type RunOutcome } from '../suite/execute.ts';
import type { RunJob } from '../suite/plan.ts';
import type { TraceDetail } from '../../traces/schema.ts';
import { failingTracePath } from '../suite/trace-path.ts';
import type { CoverageCollector } from './collector.ts';

export async function runJobsObserved(
  jobs: readonly RunJob[],
  collector: CoverageCollector,
  /** After each run: its outcome and its trace facts (each with its number of occurrences). */
  onOutcome: (outcome: RunOutcome, facts: ReadonlyMap<string, number>) => void,
  shouldStop: () => boolean = () => false,
  /** `run --detail`: what the observed runs record (frames feed the message-kind facts); default each scenario's own. */
  detail?: TraceDetail,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const job of jobs) {
    await eventLoopTurn();
    if (shouldStop()) break;
    const started = process.hrtime.bigint();
    const mutant = mutantRunOptions(job.scenario, job.mutant);
    const protocol = mutant.protocol ?? resolveProtocol(job.scenario);
    const observed = collector.observe(job.scenario, defaultChecker(promisedProperties(job.scenario.properties, protocol.properties)));
    const options = { seed: String(job.seed), stopOnViolation: job.stopOnViolation, ...mutant };
    let result = await driveYielding(runScenarioSteps(job.scenario, { ...options, protocol, checker: observed.checker, shouldStop, ...(detail !== undefined ? { detail } : {}) }));
    if (isUnfinished(result)) break;
    collector.endRun(observed.facts);
    let tracePath: string | null = null;
    if (!result.passed && job.outDir !== undefined) {
      mkdirSync(job.outDir, { recursive: true });
      tracePath = failingTracePath(job.outDir, job.scenario.name, job.seed);
      const sink = new FileTraceSink(tracePath);
      try {
        result = await driveYielding(runScenarioSteps(job.scenario, { ...options, traceSink: sink }));
      } finally {
        sink.close();
      }
    }
    const outcome: RunOutcome = {
      index: job.index, file: job.file, seed: job.seed, result, tracePath, wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
    if (job.mutant !== undefined) outcome.mutant = job.mutant;
    outcomes.push(outcome);
    onOutcome(outcome, observed.facts.facts);
  }
  return outcomes;
}

// One run of a suite. A failing run is run again with a trace file when the
// suite keeps traces: the simulator is deterministic, so the second run is
// the same run, and passing runs cost no disk.
import { mkdirSync } from 'node:fs';
import { runScenarioSteps, type RunResult } from '../run.ts';
import { FileTraceSink } from '../trace-sink.ts';
import type { RunJob } from './plan.ts';
import { failingTracePath } from './trace-path.ts';
import { mutantRunOptions } from '../mutant-run.ts';
import { driveToEnd, driveYielding, eventLoopTurn } from '../steps.ts';

export interface RunOutcome {
  index: number;
  file: string;
  seed: number;
  result: RunResult;
  tracePath: string | null;
  /** Wall-clock seconds the run took (both passes for a failing traced run). */
  wallSeconds: number;
  mutant?: string;
}

export function executeRun(job: RunJob): RunOutcome {
  return driveToEnd(executeRunSteps(job));
}

/**
 * The run as steps (sim/steps.ts). With `shouldStop`, the run can end early:
 * then it is unfinished (`isUnfinished`) unless it had already failed. The
 * trace of a failing run is written in full even after a stop was asked for:
 * the user wants the traces of the failures already known.
 */
export function* executeRunSteps(job: RunJob, shouldStop?: () => boolean): Generator<number, RunOutcome, void> {
  const started = process.hrtime.bigint();
  const options = { seed: String(job.seed), stopOnViolation: job.stopOnViolation, ...mutantRunOptions(job.scenario, job.mutant) };
  let result = yield* runScenarioSteps(job.scenario, { ...options, ...(shouldStop !== undefined ? { shouldStop } : {}) });
  let tracePath: string | null = null;
  if (!result.passed && !isUnfinished(result) && job.outDir !== undefined) {
    mkdirSync(job.outDir, { recursive: true });
    tracePath = failingTracePath(job.outDir, job.scenario.name, job.seed);
    const sink = new FileTraceSink(tracePath);
    try {
      result = yield* runScenarioSteps(job.scenario, { ...options, traceSink: sink });
    } finally {
      sink.close();
    }
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome: RunOutcome = { index: job.index, file: job.file, seed: job.seed, result, tracePath, wallSeconds };
  if (job.mutant !== undefined) outcome.mutant = job.mutant;
  return outcome;
}

/** A run that a stop cut short before it found anything: it says nothing either way. */
export function isUnfinished(result: RunResult): boolean {
  return result.interrupted === true && result.failure === 'interrupted';
}

/**
 * Runs the jobs one after another in this thread, giving the event loop a
 * turn between slices of each run (so Ctrl-C is heard), and stops when
 * `shouldStop` says so. Returns the finished outcomes, in plan order.
 */
export async function runJobsInThisThread(
  jobs: readonly RunJob[],
  onOutcome: (outcome: RunOutcome) => void,
  shouldStop: () => boolean = () => false,
  onSlice?: (simTimeUs: number) => void,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const job of jobs) {
    // Short runs never yield inside: one turn per run lets a signal in.
    await eventLoopTurn();
    if (shouldStop()) break;
    const outcome = await driveYielding(executeRunSteps(job, shouldStop), onSlice);
    if (isUnfinished(outcome.result)) break;
    outcomes.push(outcome);
    onOutcome(outcome);
  }
  return outcomes;
}

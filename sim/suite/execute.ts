// One run of a suite. A failing run is run again with a trace file when the
// suite keeps traces: the simulator is deterministic, so the second run is
// the same run, and passing runs cost no disk. The first run records at
// `app` (it writes nothing); the second at `full`, so the failure's trace
// holds its causes (sim/detail-rerecord.ts).
import { mkdirSync } from 'node:fs';
import { runScenarioSteps, SLICE_EVENTS, type RunOptions, type RunResult } from '../run.ts';
import { FileTraceSink } from '../trace-sink.ts';
import type { RunJob } from './plan.ts';
import { failingTracePath } from './trace-path.ts';
import { mutantRunOptions } from '../mutant-run.ts';
import { driveToEnd, driveYielding, eventLoopTurn } from '../steps.ts';
import { NetworkEventIndex, sameFailure } from '../detail-rerecord.ts';

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
 * executeRun in a suite worker that its pool watches (sim/suite/heartbeat.ts):
 * no node:vm call; `onSlice` after each slice tells the pool the run moves.
 */
export function executeRunWatched(job: RunJob, onSlice: () => void): RunOutcome {
  const steps = executeRunSteps(job, { unbounded: true });
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    onSlice();
  }
}

export interface ExecuteOptions {
  /** Polled between slices: true ends the run early (Ctrl-C). */
  shouldStop?: () => boolean;
  /** RunOptions' (how often it yields; the outcome is the same); default SLICE_EVENTS. */
  sliceEvents?: number;
  /** No wall-clock bound on slices here: the caller bounds them (RunOptions.handlerTimeoutMs null). */
  unbounded?: boolean;
}

/**
 * The run as steps (sim/steps.ts). With `shouldStop`, the run can end early:
 * then it is unfinished (`isUnfinished`) unless it had already failed. The
 * trace of a failing run is written in full even after a stop was asked for:
 * the user wants the traces of the failures already known.
 */
export function* executeRunSteps(job: RunJob, execution: ExecuteOptions = {}): Generator<number, RunOutcome, void> {
  const started = process.hrtime.bigint();
  const shouldStop = execution.shouldStop;
  const options = {
    seed: String(job.seed), stopOnViolation: job.stopOnViolation, sliceEvents: execution.sliceEvents ?? SLICE_EVENTS, ...mutantRunOptions(job.scenario, job.mutant),
    ...(execution.unbounded === true ? { handlerTimeoutMs: null } : job.handlerTimeoutMs !== undefined ? { handlerTimeoutMs: job.handlerTimeoutMs } : {}),
  };
  let result = yield* runScenarioSteps(job.scenario, { ...options, detail: 'app', ...(shouldStop !== undefined ? { shouldStop } : {}) });
  let tracePath: string | null = null;
  if (!result.passed && !isUnfinished(result) && job.outDir !== undefined) {
    mkdirSync(job.outDir, { recursive: true });
    tracePath = failingTracePath(job.outDir, job.scenario.name, job.seed);
    const index = new NetworkEventIndex();
    const detailed = yield* recordTo(tracePath, job, { ...options, detail: 'full', onEvent: index.onEvent });
    const difference = sameFailure(result, null, detailed, index);
    if (difference === null) {
      result = detailed;
    } else {
      // Never expected (recording changes nothing a run decides): keep the failure as found, in its own detail.
      result = yield* recordTo(tracePath, job, { ...options, detail: 'app' });
      result = { ...result, warnings: [...result.warnings, `the full-detail re-recording differed (${difference}); trace written at app detail`] };
    }
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome: RunOutcome = { index: job.index, file: job.file, seed: job.seed, result, tracePath, wallSeconds };
  if (job.mutant !== undefined) outcome.mutant = job.mutant;
  return outcome;
}

function* recordTo(path: string, job: RunJob, options: Omit<RunOptions, 'traceSink'>): Generator<number, RunResult, void> {
  const sink = new FileTraceSink(path);
  try {
    return yield* runScenarioSteps(job.scenario, { ...options, traceSink: sink });
  } finally {
    sink.close();
  }
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
    const outcome = await driveYielding(executeRunSteps(job, { shouldStop }), onSlice);
    if (isUnfinished(outcome.result)) break;
    outcomes.push(outcome);
    onOutcome(outcome);
  }
  return outcomes;
}

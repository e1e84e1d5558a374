// One run of a suite. A failing run is run again with a trace file when the
// suite keeps traces: the simulator is deterministic, so the second run is
// the same run, and passing runs cost no disk.
import { mkdirSync } from 'node:fs';
import { runScenario, type RunResult } from '../run.ts';
import { FileTraceSink } from '../trace-sink.ts';
import type { RunJob } from './plan.ts';
import { failingTracePath } from './trace-path.ts';
import { mutantRunOptions } from '../mutant-run.ts';

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
  const started = process.hrtime.bigint();
  const options = { seed: String(job.seed), stopOnViolation: job.stopOnViolation, ...mutantRunOptions(job.scenario, job.mutant) };
  let result = runScenario(job.scenario, options);
  let tracePath: string | null = null;
  if (!result.passed && job.outDir !== undefined) {
    mkdirSync(job.outDir, { recursive: true });
    tracePath = failingTracePath(job.outDir, job.scenario.name, job.seed);
    const sink = new FileTraceSink(tracePath);
    try {
      result = runScenario(job.scenario, { ...options, traceSink: sink });
    } finally {
      sink.close();
    }
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const outcome: RunOutcome = { index: job.index, file: job.file, seed: job.seed, result, tracePath, wallSeconds };
  if (job.mutant !== undefined) outcome.mutant = job.mutant;
  return outcome;
}

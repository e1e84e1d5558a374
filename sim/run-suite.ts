// Runs many (scenario, seed) pairs and collects the verdicts. A failing run
// is re-run with a trace file when the caller wants traces: the simulator is
// deterministic, so the second run is the same run, and passing runs cost
// no disk.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedScenario } from './scenario-files.ts';
import { runScenario, type RunOptions, type RunResult } from './run.ts';
import { FileTraceSink } from './trace-sink.ts';

export interface SuiteRun {
  file: string;
  loaded: LoadedScenario;
  seed: number;
}

export interface SuiteOptions {
  /** Seeds to use for every scenario; default each scenario's own `seeds`. */
  seeds?: number[];
  /** Folder for the traces of failing runs. */
  outDir?: string;
  stopOnViolation?: boolean;
  /** Called after each run, in run order. */
  onResult?: (run: SuiteRun, result: RunResult, tracePath: string | null) => void;
  /** Extra run options (protocol override for mutants, header fields). */
  runOptions?: Omit<RunOptions, 'seed' | 'traceSink'>;
}

export interface SuiteOutcome {
  run: SuiteRun;
  result: RunResult;
  tracePath: string | null;
}

export function planRuns(scenarios: readonly LoadedScenario[], seeds?: number[]): SuiteRun[] {
  const runs: SuiteRun[] = [];
  for (const loaded of scenarios) {
    for (const seed of seeds ?? loaded.scenario.seeds) runs.push({ file: loaded.file, loaded, seed });
  }
  return runs;
}

export function runSuite(runs: readonly SuiteRun[], options: SuiteOptions): SuiteOutcome[] {
  const outcomes: SuiteOutcome[] = [];
  for (const run of runs) {
    const base = { ...options.runOptions, seed: String(run.seed), stopOnViolation: options.stopOnViolation ?? false };
    let result = runScenario(run.loaded.scenario, base);
    let tracePath: string | null = null;
    if (!result.passed && options.outDir !== undefined) {
      mkdirSync(options.outDir, { recursive: true });
      tracePath = join(options.outDir, `${run.loaded.scenario.name}-seed${run.seed}.jsonl`);
      const sink = new FileTraceSink(tracePath);
      try {
        result = runScenario(run.loaded.scenario, { ...base, traceSink: sink });
      } finally {
        sink.close();
      }
    }
    options.onResult?.(run, result, tracePath);
    outcomes.push({ run, result, tracePath });
  }
  return outcomes;
}

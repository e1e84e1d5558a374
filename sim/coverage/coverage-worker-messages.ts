// What the coverage worker thread (coverage-worker.ts) and the thread that
// started it (run-jobs.ts) say to each other. Everything here survives
// structured cloning: no functions, no class instances but Map.
import type { RunOutcome } from '../suite/execute.ts';
import type { RunJob } from '../suite/plan.ts';
import type { TraceDetail } from '../../traces/schema.ts';
import type { PointRecord } from './branch-coverage.ts';

export interface CoverageWorkerData {
  jobs: readonly RunJob[];
  /** `--plugin` paths: the worker builds the same scope (scope.ts) from them. */
  pluginPaths: readonly string[];
  detail: TraceDetail | null;
}

export type FromCoverageWorker =
  | { kind: 'outcome'; outcome: RunOutcome; facts: ReadonlyMap<string, number> }
  /** After the last run: every branch point of the protocol's scripts with its count, and the original texts the source maps carry. */
  | { kind: 'done'; points: PointRecord[]; contents: [file: string, text: string][] };

export type ToCoverageWorker = { kind: 'stop' };

// The facts every reporter prints, computed once from a suite's outcomes.
// A report holds one row per finished run (in plan order), so the reports of
// `--shard` runs can be merged back into the report of the unsharded run
// (cli/reporters/merge.ts) and any reporter can print either.
import type { RunOutcome } from '../../sim/suite/execute.ts';
import { describeFailure, replayCommand, type RunContext } from '../describe-run.ts';

export interface RunRow {
  /** Position in the unsharded plan. */
  index: number;
  scenario: string;
  file: string;
  seed: number;
  passed: boolean;
  simEvents: number;
  simTimeUs: number;
  wallSeconds: number;
}

export interface FailureReport {
  index: number;
  scenario: string;
  file: string;
  seed: number;
  failure: string;
  /** The failure in words, with the first violations (what the pretty reporter prints). */
  detail: string;
  properties: string[];
  trace: string | null;
  replay: string;
}

export interface ScenarioSummary {
  scenario: string;
  runs: number;
  failures: number;
  simEvents: number;
  simulatedSeconds: number;
  wallSeconds: number;
}

export interface ShardOfPlan {
  /** 1-based. */
  index: number;
  count: number;
  /** Runs in the whole (unsharded) plan. */
  planRuns: number;
}

export interface SuiteReport {
  runs: number;
  passed: number;
  failed: number;
  failures: FailureReport[];
  scenarios: ScenarioSummary[];
  /** Every finished run, in plan order. */
  results: RunRow[];
  /** Present when this is one shard's report. */
  shard?: ShardOfPlan;
  /** Present when a signal stopped the suite before every run was made. */
  interrupted?: string;
}

export function buildReport(outcomes: readonly RunOutcome[], context: RunContext = {}): SuiteReport {
  const results: RunRow[] = [];
  const failures: FailureReport[] = [];
  for (const o of outcomes) {
    const r = o.result;
    results.push({ index: o.index, scenario: r.scenario, file: o.file, seed: o.seed, passed: r.passed, simEvents: r.simEvents, simTimeUs: r.simTimeUs, wallSeconds: o.wallSeconds });
    if (r.passed) continue;
    failures.push({
      index: o.index,
      scenario: r.scenario,
      file: o.file,
      seed: o.seed,
      failure: r.failure ?? 'failed',
      detail: describeFailure(r),
      properties: [...new Set(r.violations.map((v) => v.property))],
      trace: o.tracePath,
      replay: replayCommand(o.file, r, o.tracePath, { ...context, ...(o.mutant !== undefined ? { mutant: o.mutant } : {}) }),
    });
  }
  return reportOfRows(results, failures);
}

/** The report of these runs and failures (both in plan order). */
export function reportOfRows(results: readonly RunRow[], failures: readonly FailureReport[]): SuiteReport {
  const byScenario = new Map<string, ScenarioSummary & { simTimeUs: number }>();
  for (const row of results) {
    let s = byScenario.get(row.scenario);
    if (s === undefined) {
      s = { scenario: row.scenario, runs: 0, failures: 0, simEvents: 0, simulatedSeconds: 0, wallSeconds: 0, simTimeUs: 0 };
      byScenario.set(row.scenario, s);
    }
    s.runs++;
    s.simEvents += row.simEvents;
    // Summed in integer microseconds, so the total does not depend on the order of the runs.
    s.simTimeUs += row.simTimeUs;
    s.wallSeconds += row.wallSeconds;
    if (!row.passed) s.failures++;
  }
  const scenarios = [...byScenario.values()].map(({ simTimeUs, ...s }) => ({ ...s, simulatedSeconds: simTimeUs / 1e6 }));
  return {
    runs: results.length,
    passed: results.length - failures.length,
    failed: failures.length,
    failures: [...failures],
    scenarios,
    results: [...results],
  };
}

// The JSON report, for scripts: runs, passed, failed, each failure with its
// scenario, seed, violated property ids, trace path and replay command, the
// per-scenario summary, and one row per finished run (so shard reports merge:
// `vsynclab merge-reports`).
import type { SuiteReport } from './suite-report.ts';

export function jsonReport(report: SuiteReport): string {
  const failures = report.failures.map((f) => ({
    scenario: f.scenario,
    seed: f.seed,
    properties: f.properties,
    failure: f.failure,
    trace: f.trace,
    replay: f.replay,
    index: f.index,
    file: f.file,
    detail: f.detail,
  }));
  return `${JSON.stringify({
    runs: report.runs,
    passed: report.passed,
    failed: report.failed,
    failures,
    scenarios: report.scenarios,
    results: report.results,
    ...(report.shard !== undefined ? { shard: report.shard } : {}),
    ...(report.interrupted !== undefined ? { interrupted: report.interrupted } : {}),
  })}\n`;
}

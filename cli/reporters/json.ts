// The JSON report, for scripts: runs, passed, failed, and each failure with
// its scenario, seed, violated property ids, trace path and replay command.
import type { SuiteReport } from './suite-report.ts';

export function jsonReport(report: SuiteReport): string {
  const failures = report.failures.map((f) => ({
    scenario: f.scenario,
    seed: f.seed,
    properties: f.properties,
    failure: f.failure,
    trace: f.trace,
    replay: f.replay,
  }));
  return `${JSON.stringify({ runs: report.runs, passed: report.passed, failed: report.failed, failures, scenarios: report.scenarios })}\n`;
}

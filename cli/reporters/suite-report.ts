// The facts every reporter prints, computed once from a suite's outcomes.
import type { RunOutcome } from '../../sim/suite/execute.ts';
import { replayCommand } from '../describe-run.ts';

export interface FailureReport {
  scenario: string;
  file: string;
  seed: number;
  failure: string;
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

export interface SuiteReport {
  runs: number;
  passed: number;
  failed: number;
  failures: FailureReport[];
  scenarios: ScenarioSummary[];
}

export function buildReport(outcomes: readonly RunOutcome[]): SuiteReport {
  const failures: FailureReport[] = [];
  const byScenario = new Map<string, ScenarioSummary>();
  for (const o of outcomes) {
    const r = o.result;
    let s = byScenario.get(r.scenario);
    if (s === undefined) {
      s = { scenario: r.scenario, runs: 0, failures: 0, simEvents: 0, simulatedSeconds: 0, wallSeconds: 0 };
      byScenario.set(r.scenario, s);
    }
    s.runs++;
    s.simEvents += r.simEvents;
    s.simulatedSeconds += r.simTimeUs / 1e6;
    s.wallSeconds += o.wallSeconds;
    if (r.passed) continue;
    s.failures++;
    failures.push({
      scenario: r.scenario,
      file: o.file,
      seed: o.seed,
      failure: r.failure ?? 'failed',
      properties: [...new Set(r.violations.map((v) => v.property))],
      trace: o.tracePath,
      replay: replayCommand(o.file, r, o.tracePath, o.mutant),
    });
  }
  return {
    runs: outcomes.length,
    passed: outcomes.length - failures.length,
    failed: failures.length,
    failures,
    scenarios: [...byScenario.values()],
  };
}

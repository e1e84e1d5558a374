// Runs a scenario with an ISIS protocol and the full trace checker; shared by
// the scenario-level specs.
import { TraceChecker } from '../../../checkers/index.ts';
import { isisProtocols } from '../../../protocol/isis/index.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { runScenario, type RunResult } from '../../../sim/run.ts';
import { MemoryTraceSink } from '../../../sim/trace-sink.ts';
import { baseScenario } from '../../fixtures/scenario.ts';

export interface IsisRun {
  result: RunResult;
  lines: Record<string, unknown>[];
}

export function runIsis(scenario: Scenario, seed: string, keepTrace = false): IsisRun {
  const factory = isisProtocols[scenario.protocol.name];
  if (factory === undefined) throw new Error(`no ISIS protocol ${scenario.protocol.name}`);
  const sink = keepTrace ? new MemoryTraceSink() : undefined;
  const result = runScenario(scenario, {
    seed,
    protocol: factory(scenario.protocol.options ?? {}),
    checker: new TraceChecker(),
    ...(sink ? { traceSink: sink } : {}),
  });
  const lines = sink ? sink.lines.slice(1).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  return { result, lines };
}

/** A one-line account of a failed run, for assertion messages. */
export function describeFailure(run: IsisRun): string {
  const r = run.result;
  const first = r.violations.slice(0, 3).map((v) => `${v.property}: ${v.message}`);
  return `${r.scenario} seed ${r.seed}: ${r.failure ?? 'ok'} quiescent=${r.quiescent} ${r.error ?? ''} ${first.join(' | ')}`;
}

export function baseIsisScenario(overrides: Partial<Scenario> = {}): Scenario {
  return baseScenario({
    name: 'isis-test',
    processes: 4,
    protocol: { name: 'isis-fbcast-static' },
    network: { delay: { minUs: 200, meanUs: 1000, jitterUs: 800 }, lossProbability: 0, duplicateProbability: 0 },
    workload: { multicastsPerSecond: 400, orders: { fifo: 1, causal: 0, total: 0 } },
    durationUs: 500_000,
    settleUs: 2_000_000,
    ...overrides,
  });
}

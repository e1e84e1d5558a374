// Traces for the inspect specs, recorded in memory: a timed run of a
// scenario and seed, or an explorer counterexample.
import { runScenario } from '../../../sim/run.ts';
import type { TraceSink } from '../../../sim/trace-sink.ts';
import type { Scenario } from '../../../scenarios/types.ts';
import { explore } from '../../../sim/explore/index.ts';
import { loadExploreScenario } from '../../../sim/explore/config.ts';
import { ExploreModel } from '../../../sim/explore/model.ts';
import { pathTraceLines } from '../../../sim/explore/counterexample.ts';
import { resolveProtocol } from '../../../sim/resolve-protocol.ts';

export class MemorySink implements TraceSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  flush(): void {}
  close(): void {}
}

/** The trace lines (header first) of one timed run. */
export function recordRun(scenario: Scenario, seed: string): string[] {
  const sink = new MemorySink();
  runScenario(scenario, { seed, traceSink: sink });
  return sink.lines;
}

/** The trace lines of the counterexample the explorer finds for a scenario file, or a failure. */
export function recordCounterexample(scenarioFile: string): string[] {
  const { scenario, config } = loadExploreScenario(scenarioFile);
  const result = explore(scenario, config);
  if (result.counterexample === null) throw new Error(`${scenarioFile}: the explorer found no counterexample (${result.result})`);
  return result.counterexample.lines;
}

/** The parsed events of trace lines. */
export function eventsOf(lines: readonly string[]): Record<string, unknown>[] {
  return lines.slice(1).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * A counterexample-shaped trace of an explored path that need not fail: from
 * the initial state, `steps` times the enabled action that `pick` chooses
 * among the enabled ones (by their labels).
 */
export function recordExploredPath(scenarioFile: string, steps: number, pick: (labels: string[], step: number) => number): string[] {
  const { scenario, config } = loadExploreScenario(scenarioFile);
  const model = new ExploreModel(resolveProtocol(scenario), scenario, config, false);
  let state = model.initial();
  for (let k = 0; k < steps; k++) {
    const enabled = model.enabled(state);
    if (enabled.length === 0) break;
    const labels = enabled.map((a) => model.label(state, a));
    state = model.step(state, enabled[pick(labels, k) % enabled.length]!);
  }
  return pathTraceLines(model, state, { timeUnit: 'step' });
}

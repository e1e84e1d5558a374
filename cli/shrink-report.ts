// Shrinks one failing scenario and prints the before/after sizes; shared by
// `vsynclab shrink` and `vsynclab run --shrink`.
import chalk from 'chalk';
import type { Scenario } from '../scenarios/types.ts';
import { shrinkScenario, type ScenarioSize } from '../sim/shrink.ts';
import { writeShrinkResult } from '../sim/shrink-files.ts';
import { runScenario } from '../sim/run.ts';
import { mutantRunOptions } from '../sim/mutant-run.ts';

/** Returns false when the scenario does not fail with this seed. */
export function shrinkAndReport(scenario: Scenario, seed: string, base: string, maxAttempts: number, mutant?: string): boolean {
  const extra = mutantRunOptions(scenario, mutant);
  if (runScenario(scenario, { seed, ...extra }).passed) return false;
  const outcome = shrinkScenario(scenario, { seed, maxAttempts, ...extra });
  const files = writeShrinkResult(outcome, base, seed, extra);
  const target = outcome.target.kind === 'property' ? outcome.target.property : outcome.target.failure;
  const row = (label: string, s: ScenarioSize): string =>
    `  ${label.padEnd(7)} ${String(s.processes).padStart(9)} ${String(s.multicasts).padStart(10)} ${String(s.faults).padStart(6)} ${(s.durationUs / 1000).toFixed(0).padStart(11)} ${String(s.traceEvents).padStart(12)}`;
  process.stdout.write(
    [
      `shrunk ${scenario.name} seed ${seed} (still ${chalk.red(target)}) in ${outcome.attempts} attempts${outcome.boundHit ? chalk.yellow(' (attempt bound hit: not minimal)') : ''}`,
      `          processes multicasts faults duration ms trace events`,
      row('before', outcome.before),
      row('after', outcome.after),
      `  scenario: ${files.scenarioPath}`,
      `  trace:    ${files.tracePath}`,
      `  replay:   npx vsynclab replay ${files.tracePath}`,
      '',
    ].join('\n'),
  );
  return true;
}

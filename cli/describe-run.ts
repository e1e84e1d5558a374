// Words for a run's verdict, shared by the commands that print runs.
import type { RunResult } from '../sim/run.ts';

const MAX_VIOLATIONS_SHOWN = 3;

export function describeFailure(result: RunResult): string {
  const parts: string[] = [result.failure ?? 'failed'];
  for (const v of result.violations.slice(0, MAX_VIOLATIONS_SHOWN)) parts.push(`  [${v.property}] ${v.message}`);
  if (result.violations.length > MAX_VIOLATIONS_SHOWN) parts.push(`  ... ${result.violations.length - MAX_VIOLATIONS_SHOWN} more violations`);
  if (result.error !== null) {
    // A protocol handler's error carries the protocol's own stack frames (sim/system/handlers.ts): show them.
    const [first, ...rest] = result.error.split('\n');
    parts.push(`  ${first}`, ...(/ handler threw at trace event /.test(first ?? '') ? rest.map((frame) => `  ${frame}`) : []));
  }
  return parts.join('\n');
}

/** The exact command that reproduces this run. */
export function replayCommand(file: string, result: RunResult, tracePath: string | null, mutant?: string): string {
  if (tracePath !== null) return `npx vsynclab replay ${tracePath}`;
  const withMutant = mutant !== undefined ? ` --mutant ${mutant}` : '';
  return `npx vsynclab replay --scenario ${file} --seed ${result.seed}${withMutant} --trace-out ${result.scenario}-seed${result.seed}.jsonl`;
}

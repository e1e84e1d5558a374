// Words for a run's verdict, and the commands that reproduce a run, shared by
// the commands and reporters that print runs.
import type { RunResult } from '../sim/run.ts';
import { shellCommand } from './shell-quote.ts';
import { escapeControl } from '../core/input-error.ts';

const MAX_VIOLATIONS_SHOWN = 3;

/** What a run was made with besides its scenario and seed: a replay needs the same. */
export interface RunContext {
  /** The --plugin paths, as the user gave them. */
  plugins?: readonly string[];
  mutant?: string;
}

export function describeFailure(result: RunResult): string {
  const parts: string[] = [result.failure ?? 'failed'];
  for (const v of result.violations.slice(0, MAX_VIOLATIONS_SHOWN)) parts.push(`  [${v.property}] ${v.message}`);
  if (result.violations.length > MAX_VIOLATIONS_SHOWN) parts.push(`  ... ${result.violations.length - MAX_VIOLATIONS_SHOWN} more violations`);
  if (result.error !== null) {
    // A protocol handler's error carries the protocol's own stack frames (sim/system/handlers.ts): show them.
    const [first, ...rest] = result.error.split('\n');
    parts.push(`  ${first}`, ...(/ handler threw at trace event /.test(first ?? '') ? rest.map((frame) => `  ${frame}`) : []));
  }
  // A plugin's handler may throw any text (an escape sequence, a NUL): it reaches the terminal escaped.
  return parts.map(escapeControl).join('\n');
}

function pluginWords(context: RunContext): string[] {
  return (context.plugins ?? []).flatMap((p) => ['--plugin', p]);
}

/** Replays a trace file: its header holds scenario, seed and mutant; plugins must be named again. */
export function replayTraceCommand(tracePath: string, context: RunContext = {}): string {
  return shellCommand(['npx', 'vsynclab', 'replay', ...pluginWords(context), tracePath]);
}

/** Runs a scenario file's seed afresh and writes its trace. */
export function replayScenarioCommand(file: string, seed: number | string, traceOut: string, context: RunContext = {}): string {
  const mutant = context.mutant !== undefined ? ['--mutant', context.mutant] : [];
  return shellCommand(['npx', 'vsynclab', 'replay', '--scenario', file, '--seed', String(seed), ...mutant, ...pluginWords(context), '--trace-out', traceOut]);
}

/** Runs a scenario file as a suite of its own seeds. */
export function runScenarioCommand(file: string, context: RunContext = {}): string {
  const mutant = context.mutant !== undefined ? ['--mutant', context.mutant] : [];
  return shellCommand(['npx', 'vsynclab', 'run', file, ...mutant, ...pluginWords(context)]);
}

/** The exact command that reproduces this run. */
export function replayCommand(file: string, result: RunResult, tracePath: string | null, context: RunContext = {}): string {
  if (tracePath !== null) return replayTraceCommand(tracePath, context);
  return replayScenarioCommand(file, result.seed, `${result.scenario}-seed${result.seed}.jsonl`, context);
}

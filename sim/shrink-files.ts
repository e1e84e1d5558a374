// Writing a shrink's result: the minimal scenario file and its trace, side
// by side, so the trace replays and the scenario can join a suite.
import { writeFileSync } from 'node:fs';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';
import { runScenario, type RunResult } from './run.ts';
import type { ShrinkOutcome } from './shrink.ts';
import { FileTraceSink } from './trace-sink.ts';
import { parseSeed, SEED_RULE } from '../scenarios/validate.ts';
import { InputError } from '../traces/input-error.ts';
import type { TraceDetail } from '../traces/schema.ts';

/** The shrunk scenario's `seeds` entry: the run's seed, exactly (never NaN or a rounded neighbour). */
function seedNumber(seed: string): number {
  const n = parseSeed(seed);
  if (n === null) throw new InputError(`seed ${JSON.stringify(seed)}: expected ${SEED_RULE}`);
  return n;
}

export interface ShrinkFiles {
  scenarioPath: string;
  tracePath: string;
  result: RunResult;
}

/**
 * `base` without extension: writes base.json and base.jsonl. `seed` is the
 * original run's seed (the description names it); the shrunk scenario's
 * `seeds` and its trace are the outcome's seed, on which it fails (another
 * one when the shrink went across seeds). `extra.protocol` must be built
 * from `outcome.shrunk` (its `protocol.options` may differ from the original's).
 */
export function writeShrinkResult(
  outcome: ShrinkOutcome,
  base: string,
  seed: string,
  extra: { protocol?: AnyProtocol; headerExtra?: Record<string, unknown>; detail?: TraceDetail } = {},
): ShrinkFiles {
  // What the shrunk run fails (the original's failure, unless the shrink kept any failure and slid to another).
  const failed = outcome.shrunkTarget;
  const what = failed.kind === 'property' ? `violates ${failed.property}` : `fails: ${failed.failure}`;
  // A scenario file has no field for a mutant: its description says which one it needs.
  const mutant = typeof extra.headerExtra?.mutant === 'string' ? ` under mutant ${extra.headerExtra.mutant} (run it with --mutant ${extra.headerExtra.mutant})` : '';
  const scenario: Scenario = {
    ...compact(outcome.shrunk),
    name: outcome.original.name.endsWith('-shrunk') ? outcome.original.name : `${outcome.original.name}-shrunk`,
    description: `Shrunk from ${outcome.original.name} seed ${seed}${outcome.seed !== seed ? ` (fails on seed ${outcome.seed})` : ''}; ${what}${mutant}. ${outcome.original.description}`,
    seeds: [seedNumber(outcome.seed)],
  };
  const scenarioPath = `${base}.json`;
  const tracePath = `${base}.jsonl`;
  writeFileSync(scenarioPath, `${JSON.stringify(scenario, null, 2)}\n`);
  const sink = new FileTraceSink(tracePath);
  let result: RunResult;
  try {
    result = runScenario(scenario, {
      seed: outcome.seed,
      traceSink: sink,
      ...(extra.protocol !== undefined ? { protocol: extra.protocol } : {}),
      ...(extra.headerExtra !== undefined ? { headerExtra: extra.headerExtra } : {}),
      ...(extra.detail !== undefined ? { detail: extra.detail } : {}),
    });
  } finally {
    sink.close();
  }
  return { scenarioPath, tracePath, result };
}

/** Drops the empty lists shrinking leaves behind, for a tidy file. */
function compact(s: Scenario): Scenario {
  const out: Scenario = { ...s, network: { ...s.network }, workload: { ...s.workload } };
  if (out.network.links?.length === 0) delete out.network.links;
  if (out.workload.joins?.length === 0) delete out.workload.joins;
  if (out.workload.leaves?.length === 0) delete out.workload.leaves;
  return out;
}

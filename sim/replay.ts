// Replay: re-run the scenario and seed a trace's header names and compare
// the new trace with the old one, line by line, byte for byte.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describeSeed, parseSeed, SEED_RULE, validateScenario } from '../scenarios/validate.ts';
import { checkedTraceText, traceTextLines } from '../traces/read-lines.ts';
import type { Scenario } from '../scenarios/types.ts';
import { InputError } from '../traces/input-error.ts';
import { TRACE_DETAILS, type TraceDetail } from '../traces/schema.ts';
import { runScenarioSteps, type RunResult } from './run.ts';
import { driveToEnd } from './steps.ts';
import { buildProtocol } from './resolve-protocol.ts';
import { mutantRunOptions } from './mutant-run.ts';
import { isExplorationHeader, replayExploration } from './explore/replay-exploration.ts';
import type { TraceSink } from './trace-sink.ts';

export interface ReplayDifference {
  /** 1-based line number. */
  line: number;
  expected: string | null;
  actual: string | null;
}

export interface ReplayOutcome {
  scenario: Scenario;
  seed: string;
  result: RunResult;
  identical: boolean;
  difference: ReplayDifference | null;
  lines: number;
}


export function readTraceText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new InputError(`${path}: cannot read the trace file (does it exist?)`);
  }
  try {
    bytes = path.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  } catch {
    throw new InputError(`${path}: not a readable gzip file`);
  }
  return checkedTraceText(bytes, path);
}

/** The header's run description: what replay needs to run it again. */
export function runOfHeader(headerLine: string | undefined, path: string): { header: Record<string, unknown>; scenario: Scenario; seed: string } {
  let header: unknown;
  try {
    header = JSON.parse(headerLine ?? '');
  } catch {
    throw new InputError(`${path}:1: expected the trace header (a JSON object), got ${JSON.stringify((headerLine ?? '').slice(0, 60))}`);
  }
  const h = header as Record<string, unknown>;
  if (typeof h !== 'object' || h === null || h.type !== 'header' || h.format !== 'vsynclab-trace') {
    throw new InputError(`${path}:1: expected a header with "type":"header" and "format":"vsynclab-trace"`);
  }
  if (h.scenarioSpec === undefined) {
    throw new InputError(`${path}:1: scenarioSpec: the header holds no scenario to replay (was it written by vsynclab run?)`);
  }
  if (h.seed === undefined && Array.isArray(h.exploreChoices)) {
    // An explorer counterexample is a path of choices, not a seeded run: nothing here can run it again on a seed.
    throw new InputError(`${path}:1: seed: this is a counterexample of vsynclab explore (its header has exploreChoices, not a seed); ` +
      '`vsynclab replay` re-runs it step by step; shrinking needs a failing timed run (`vsynclab run`)');
  }
  if (typeof h.seed !== 'string' || parseSeed(h.seed) === null) throw new InputError(`${path}:1: seed: expected a seed (${SEED_RULE}, as a string), got ${describeSeed(h.seed)}`);
  // Messages name the trace, its line 1 and the field's whole path (`FILE:1: scenarioSpec.durationUs: ...`).
  const scenario = validateScenario(h.scenarioSpec, `${path}:1`, 'scenarioSpec');
  buildProtocol(scenario.protocol, `${path}:1`, 'scenarioSpec.protocol'); // an unknown protocol names the trace
  return { header: h, scenario, seed: h.seed };
}

export function replayTrace(path: string): ReplayOutcome {
  return driveToEnd(replayTraceSteps(path));
}

/**
 * The replay as steps (the simulated time every few thousand events, as
 * runScenarioSteps), so the CLI can show progress and stop on Ctrl-C
 * (`shouldStop`: the result is then marked interrupted); the outcome is
 * the same however it is driven. `handlerTimeoutMs`: RunOptions'.
 */
export function* replayTraceSteps(path: string, shouldStop?: () => boolean, handlerTimeoutMs?: number): Generator<number, ReplayOutcome, void> {
  const expected = traceTextLines(readTraceText(path));
  if (isExplorationHeader(expected[0])) return replayExploration(expected, path, handlerTimeoutMs !== undefined ? { handlerTimeoutMs } : {});
  const { header, scenario, seed } = runOfHeader(expected[0], path);
  const comparing = new ComparingSink(expected);
  const mutant = mutantOfHeader(header, path);
  const result = yield* runScenarioSteps(scenario, {
    seed,
    traceSink: comparing,
    detail: detailOfHeader(header, path),
    headerDetail: header.detail !== undefined,
    ...headerExtraOf(header),
    ...mutantRunOptions(scenario, mutant, `${path}:1: mutant`),
    ...(shouldStop !== undefined ? { shouldStop } : {}),
    ...(handlerTimeoutMs !== undefined ? { handlerTimeoutMs } : {}),
  });
  const difference = comparing.finish();
  return { scenario, seed, result, identical: difference === null, difference, lines: comparing.count };
}

/** The mutant a header names, if any. */
export function mutantOfHeader(header: Record<string, unknown>, path: string): string | undefined {
  if (header.mutant === undefined) return undefined;
  if (typeof header.mutant !== 'string') throw new InputError(`${path}:1: mutant: expected a mutant name (a string)`);
  return header.mutant;
}

/**
 * The detail a header names; a trace from before detail levels has none and
 * was recorded at `app` (its scenario cannot name one either).
 */
export function detailOfHeader(header: Record<string, unknown>, path: string): TraceDetail {
  if (header.detail === undefined) return 'app';
  if (typeof header.detail === 'string' && (TRACE_DETAILS as readonly string[]).includes(header.detail)) return header.detail as TraceDetail;
  throw new InputError(`${path}:1: detail: expected one of ${TRACE_DETAILS.map((d) => JSON.stringify(d)).join(', ')}, got ${JSON.stringify(header.detail)}`);
}

/** Header fields other than the standard ones are written again as they were. */
function headerExtraOf(header: Record<string, unknown>): { headerExtra?: Record<string, unknown> } {
  const standard = new Set(['type', 'format', 'version', 'protocol', 'scenario', 'seed', 'detail', 'scenarioSpec']);
  const extra = Object.fromEntries(Object.entries(header).filter(([k]) => !standard.has(k)));
  return Object.keys(extra).length > 0 ? { headerExtra: extra } : {};
}

/** Compares every line written with the recorded trace (inspect extends it to visit states). */
export class ComparingSink implements TraceSink {
  count = 0;
  private difference: ReplayDifference | null = null;

  constructor(private readonly expected: readonly string[]) {}

  write(line: string): void {
    const want = this.expected[this.count] ?? null;
    this.count++;
    if (this.difference === null && want !== line) this.difference = { line: this.count, expected: want, actual: line };
  }
  flush(): void {}
  close(): void {}

  finish(): ReplayDifference | null {
    if (this.difference === null && this.count < this.expected.length) {
      return { line: this.count + 1, expected: this.expected[this.count] ?? null, actual: null };
    }
    return this.difference;
  }
}

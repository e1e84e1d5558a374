// Replay of a counterexample: re-execute the header's `exploreChoices` from
// the initial state of its `scenarioSpec` and `exploreConfig`, rebuild the
// trace, and compare it with the recorded one line by line, byte for byte.
// sim/replay.ts dispatches here when a header has `exploreChoices`.
import { checkEvents, type PropertyId } from '../../checkers/index.ts';
import type { AnyProtocol } from '../../protocol/types.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { InputError } from '../../traces/input-error.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import type { ReplayDifference, ReplayOutcome } from '../replay.ts';
import { resolveProtocol } from '../resolve-protocol.ts';
import type { RunResult } from '../run.ts';
import { checkExplorable, parseExploreConfig } from './config.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS, runWithin, SliceTimeout } from '../handler-watchdog.ts';
import { pathTraceLines, replayChoices, type ChoicesOutcome } from './counterexample.ts';
import { hangInModel, hangSiteOf, type ExploreHang } from './hang.ts';
import { ExploreModel } from './model.ts';

// `exploreConfig` is kept as recorded (not rebuilt from the parsed config), so a
// counterexample written with the older separate budget fields (`crashes: 1`)
// still replays byte for byte.
const STANDARD_FIELDS = new Set(['type', 'format', 'version', 'protocol', 'scenario', 'scenarioSpec', 'exploreChoices']);

/** True when line 1 of a trace is a counterexample header (it has `exploreChoices`). */
export function isExplorationHeader(headerLine: string | undefined): boolean {
  if (headerLine === undefined || !headerLine.includes('"exploreChoices"')) return false;
  try {
    const h = JSON.parse(headerLine) as Record<string, unknown>;
    return typeof h === 'object' && h !== null && h.type === 'header' && 'exploreChoices' in h;
  } catch {
    return false;
  }
}

export interface ExplorationReplayOptions {
  protocolFor?: (header: Record<string, unknown>) => AnyProtocol | undefined;
  /** Wall-clock bound (ms) on re-executing the path, as on a run's slices; null: none. Default 10 s. */
  handlerTimeoutMs?: number | null;
}

/** `expected`: the recorded trace's lines (no trailing empty line); `path` names it in messages. */
export function replayExploration(expected: readonly string[], path: string, options: ExplorationReplayOptions = {}): ReplayOutcome {
  const header = JSON.parse(expected[0] ?? '') as Record<string, unknown>;
  if (header.scenarioSpec === undefined) throw new InputError(`${path}:1: scenarioSpec: the header holds no scenario to replay`);
  const scenario = validateScenario(header.scenarioSpec, `${path} (header scenarioSpec)`);
  const config = parseExploreConfig(header.exploreConfig, `${path}:1`, 'exploreConfig');
  checkExplorable(scenario, `${path} (header scenarioSpec)`, config, 'exploreConfig');
  const choices = header.exploreChoices;
  if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string')) {
    throw new InputError(`${path}:1: exploreChoices: expected an array of strings (one choice label per step)`);
  }
  const extra = Object.fromEntries(Object.entries(header).filter(([k]) => !STANDARD_FIELDS.has(k)));
  const protocol = options.protocolFor?.(header) ?? resolveProtocol(scenario);
  const model = new ExploreModel(protocol, scenario, config, false);
  const timeoutMs = options.handlerTimeoutMs === undefined ? DEFAULT_HANDLER_TIMEOUT_MS : options.handlerTimeoutMs;
  const outcome = timeoutMs === null ? replayChoices(model, choices as string[]) : replayWithin(timeoutMs, model, choices as string[]);
  let actual: string[];
  let difference: ReplayDifference | null = null;
  if (outcome.stuck !== null) {
    actual = [];
    difference = { line: 1, expected: expected[0] ?? null, actual: `(cannot re-execute: ${outcome.stuck})` };
  } else {
    actual = pathTraceLines(model, outcome.state, extra, header.detail === undefined ? 'app' : 'full');
    difference = firstDifference(expected, actual);
  }
  const events = actual.slice(1).map((line) => JSON.parse(line) as TraceEvent);
  return { scenario, seed: 'explore', result: runResultOf(scenario.name, protocol.name, events, choices.length, model.promised), identical: difference === null, difference, lines: actual.length };
}

/**
 * The path re-executed within the wall-clock bound: a handler that never
 * returns ends the replay with ExploreHang (a ProtocolHandlerError: one line,
 * exit 1), naming the process, the handler and the step of the path.
 */
function replayWithin(timeoutMs: number, model: ExploreModel, choices: readonly string[]): ChoicesOutcome {
  try {
    return runWithin(timeoutMs, () => replayChoices(model, choices));
  } catch (caught) {
    if (!(caught instanceof SliceTimeout)) throw caught;
    const hang: ExploreHang = hangInModel(model, hangSiteOf(caught), { states: 0, transitions: 0, depth: 0 });
    hang.message = `replay: ${hang.message.slice(0, hang.message.lastIndexOf(';'))} (the path's own steps before it re-executed)`;
    throw hang;
  }
}

/** The first line where two traces differ (1-based), or null. */
export function firstDifference(expected: readonly string[], actual: readonly string[]): ReplayDifference | null {
  const n = Math.max(expected.length, actual.length);
  for (let k = 0; k < n; k++) {
    const want = expected[k] ?? null;
    const got = actual[k] ?? null;
    if (want !== got) return { line: k + 1, expected: want, actual: got };
  }
  return null;
}

/** The replayed path's verdict on the promised properties (as the search judged it), in the shape `vsynclab replay` prints. */
function runResultOf(scenario: string, protocol: string, events: TraceEvent[], steps: number, promised: readonly PropertyId[] | undefined): RunResult {
  const verdict = checkEvents(events, promised === undefined ? {} : { properties: promised });
  const end = events[events.length - 1];
  const quiescent = end?.type === 'end' && (end as { quiescent?: unknown }).quiescent === true;
  const properties = [...new Set(verdict.violations.map((v) => v.property))];
  const count = (type: string): number => events.filter((e) => e.type === type).length;
  return {
    scenario,
    seed: 'explore',
    protocol,
    passed: verdict.ok,
    failure: verdict.ok ? null : `violated: ${properties.join(', ')}`,
    violations: verdict.violations.map(({ property, message, events: at }) => ({ property, message, events: at })),
    checked: verdict.checked,
    skipped: verdict.skipped,
    warnings: verdict.warnings,
    quiescent,
    boundHit: null,
    error: null,
    replicasAgree: null,
    traceEvents: events.length,
    simEvents: steps,
    simTimeUs: end?.t ?? 0,
    multicasts: count('bcast'),
    deliveries: count('deliver'),
    messagesSent: 0,
    randomFaults: [],
  };
}

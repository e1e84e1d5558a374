// Exhaustive exploration (model checking) of a small configuration: the
// public entry point. See docs/explore.md.
import { isNetworkEvent } from '../../traces/schema.ts';
import type { AnyProtocol } from '../../protocol/types.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { resolveProtocol } from '../resolve-protocol.ts';
import type { PathViolation } from './check-path.ts';
import type { ExploreConfig } from './config.ts';
import { pathTraceLines } from './counterexample.ts';
import { ExploreModel } from './model.ts';
import { ProtocolHandlerError } from '../system/handlers.ts';
import { driveToEnd } from '../steps.ts';
import { InputError } from '../../core/input-error.ts';
import { parallelSearchSteps } from './parallel/coordinator.ts';
import { searchSteps, type SearchOptions, type SearchOutcome, type SearchProgress, type Strategy } from './search.ts';

export type { ExploreConfig } from './config.ts';
export { loadExploreScenario, parseExploreScenario, parseExploreConfig, parseBudgetFlag, legacyBudgetFlags, withBudgets, DEFAULT_EXPLORE_CONFIG, FAULT_KINDS, NO_BUDGETS } from './config.ts';
export type { Budgets, FaultKind } from './config.ts';
export type { SearchOutcome, SearchProgress, Strategy, Verdict } from './search.ts';
export type { PathViolation } from './check-path.ts';
export { replayExploration, isExplorationHeader } from './replay-exploration.ts';
export { porInapplicable } from './por.ts';
export { ExploreHang, type Explored, type HangSite } from './hang.ts';

export const DEFAULT_MAX_STATES = 5_000_000;
export const DEFAULT_MAX_DEPTH = 1_000;
export const DEFAULT_MAX_MEMORY_BYTES = 6 * 1024 * 1024 * 1024;

export interface ExploreOptions {
  strategy?: Strategy;
  maxStates?: number;
  maxDepth?: number;
  maxMemoryBytes?: number;
  /** Wall-clock limit (a bound: the result is then `unknown`, and no longer deterministic). */
  maxSeconds?: number;
  por?: boolean;
  /** Sleep sets (sleep-sets.ts): fewer transitions, the same states and verdict; not with por, symmetry or workers. */
  sleepSets?: boolean;
  symmetry?: boolean;
  /** Use this protocol instead of the scenario's (tests, mutants). */
  protocol?: AnyProtocol;
  onProgress?: (progress: SearchProgress) => void;
  /** Seconds between two onProgress calls (default 3). */
  progressEverySeconds?: number;
  /** Polled during the search: true stops it with `unknown`, bound `interrupted`. */
  shouldStop?: () => boolean;
  /** The wall clock, in milliseconds (default performance.now; search-types.ts): a test seam for the time bound. */
  clockMs?: () => number;
  /** BFS frontier as (parent, action) pairs (default true; search.ts). */
  compactFrontier?: boolean;
  /** Worker threads for a parallel breadth-first search (default 1: this thread; parallel/coordinator.ts). */
  workers?: number;
  /** With `workers`: plugin module URLs each worker loads first, to register the scenario's protocol (sim/plugins.ts). */
  plugins?: readonly string[];
  /**
   * The wall-clock bound, in milliseconds, past which a protocol handler
   * that has not returned ends the exploration with ExploreHang (hang.ts;
   * `--handler-timeout-s`). Default DEFAULT_HANDLER_TIMEOUT_MS
   * (sim/handler-watchdog.ts); null: no bound.
   */
  handlerTimeoutMs?: number | null;
}

export interface Counterexample {
  violation: PathViolation;
  /** One label per step. */
  choices: string[];
  /** The trace: header, events, end. */
  lines: string[];
}

export interface ExploreResult extends SearchOutcome {
  scenario: string;
  protocol: string;
  strategy: Strategy;
  por: boolean;
  sleepSets: boolean;
  symmetry: boolean;
  counterexample: Counterexample | null;
}

/** A protocol handler that throws stays a ProtocolHandlerError (with the path search.ts adds to its message). */
function* searchNamingProtocolErrors(model: ExploreModel, options: SearchOptions, parallel?: { workers: number; plugins: readonly string[] }): Generator<void, SearchOutcome, void> {
  try {
    return yield* parallel === undefined ? searchSteps(model, options) : parallelSearchSteps(model, { ...options, ...parallel });
  } catch (caught) {
    const cause = caught instanceof Error ? caught.cause : undefined;
    if (cause instanceof ProtocolHandlerError && caught instanceof Error && caught.message.startsWith(cause.message)) {
      throw cause.withContext(caught.message.slice(cause.message.length));
    }
    throw caught;
  }
}

/** The whole exploration at once (tests, mutants, library callers). */
export function explore(scenario: Scenario, config: ExploreConfig, options: ExploreOptions = {}): ExploreResult {
  return driveToEnd(exploreSteps(scenario, config, options));
}

/**
 * The same exploration as a generator that yields every few tens of
 * milliseconds of search (search.ts), so that the CLI can drive it with
 * `driveYielding` and see Ctrl-C through `shouldStop`. Both searches (the
 * first and the shortest-counterexample one) stop on `shouldStop`.
 */
export function* exploreSteps(scenario: Scenario, config: ExploreConfig, options: ExploreOptions = {}): Generator<void, ExploreResult, void> {
  const protocol = options.protocol ?? resolveProtocol(scenario);
  const strategy = options.strategy ?? 'bfs';
  const por = options.por ?? false;
  const symmetry = options.symmetry ?? false;
  const sleepSets = options.sleepSets ?? false;
  if (sleepSets) refuseSleepSetsWith(por, symmetry, options.workers ?? 1);
  const model = new ExploreModel(protocol, scenario, config, symmetry);
  const searchOptions: SearchOptions = {
    strategy,
    maxStates: options.maxStates ?? DEFAULT_MAX_STATES,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    maxMemoryBytes: options.maxMemoryBytes ?? DEFAULT_MAX_MEMORY_BYTES,
    por,
    ...(sleepSets ? { sleepSets } : {}),
    ...(options.maxSeconds !== undefined ? { maxSeconds: options.maxSeconds } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.progressEverySeconds !== undefined ? { progressEverySeconds: options.progressEverySeconds } : {}),
    ...(options.shouldStop !== undefined ? { shouldStop: options.shouldStop } : {}),
    ...(options.clockMs !== undefined ? { clockMs: options.clockMs } : {}),
    ...(options.compactFrontier !== undefined ? { compactFrontier: options.compactFrontier } : {}),
    ...(options.handlerTimeoutMs !== undefined ? { handlerTimeoutMs: options.handlerTimeoutMs } : {}),
  };
  const workers = options.workers ?? 1;
  if (workers > 1 && options.protocol !== undefined) throw new InputError('workers: a parallel search builds the protocol in each worker from the scenario (and options.plugins); it cannot take options.protocol');
  const parallel = workers > 1 ? { workers, plugins: options.plugins ?? [] } : undefined;
  const outcome = yield* searchNamingProtocolErrors(model, searchOptions, parallel);
  let violation = outcome.violation;
  let trail = outcome.violationTrail;
  if (violation !== null && strategy === 'bfs') {
    // Leaf checking found a violation, maybe deeper than the shallowest one:
    // judge every state up to that depth, breadth first, for a shortest path
    // (one level deeper, so that a terminal state at that depth is judged as
    // terminal too: the path found is then the first violation in breadth-first
    // order whatever depth the first search found it at, which makes it the same
    // with any number of workers).
    // (Within what is left of the time bound: the violation found stands if it runs out.)
    const left = options.maxSeconds === undefined ? {} : { maxSeconds: Math.max(0.001, options.maxSeconds - outcome.seconds) };
    // A stop request ends it too (bound `interrupted`): the violation found stands.
    // Without sleep sets: every state is judged when first reached, so the path is the breadth-first one, as without them.
    const { onProgress: _unused, sleepSets: _full, ...quiet } = searchOptions;
    const shortest = yield* searchNamingProtocolErrors(model, { ...quiet, ...left, maxDepth: Math.min(violation.step + 1, searchOptions.maxDepth), checkEveryState: true });
    if (shortest.violation !== null && shortest.violation.step <= violation.step) {
      violation = shortest.violation;
      trail = shortest.violationTrail;
    }
  }
  let counterexample: ExploreResult['counterexample'] = null;
  if (violation !== null && trail !== null) {
    // `timeUnit`: the events' `t` is a step count, not microseconds. Replay keeps header fields it does
    // not know as they were, so counterexamples written before this field replay unchanged.
    // `properties`: the profile judged, as a run's header carries it (docs/trace-format.md), so that
    // `check` tests what the search tested; only when fewer than all, as a run writes it.
    const profile = model.promised === undefined ? {} : { properties: [...model.promised] };
    const lines = pathTraceLines(model, trail, { timeUnit: 'step', ...profile });
    // The checker numbered the path's app events; the file also holds the choice and network events.
    violation = { ...violation, events: violation.events.map((k) => appEventIndex(lines, k)) };
    counterexample = { violation, choices: model.choicesTo(trail), lines };
  }
  return { ...outcome, violation, violationTrail: trail, scenario: scenario.name, protocol: protocol.name, strategy, por, sleepSets, symmetry, counterexample };
}

/** Sleep sets are combined with no other reduction and run in one thread (docs/explore.md, "Sleep sets"). */
function refuseSleepSetsWith(por: boolean, symmetry: boolean, workers: number): void {
  if (por) throw new InputError('--sleep-sets: not combined with --por (each is a partial-order reduction; use one)');
  if (symmetry) throw new InputError('--sleep-sets: not combined with --symmetry (a sleeping action would have to be renamed with the state)');
  if (workers > 1) throw new InputError(`--sleep-sets: the parallel search does not keep sleep sets; use --workers 1 (not ${workers})`);
}

/** The `i`, in a counterexample's lines, of its `k`-th event that is not a network event. */
function appEventIndex(lines: readonly string[], k: number): number {
  let seen = 0;
  for (let n = 1; n < lines.length; n++) {
    const event = JSON.parse(lines[n] as string) as { type: string; i: number };
    if (isNetworkEvent(event)) continue;
    if (seen === k) return event.i;
    seen++;
  }
  return k;
}

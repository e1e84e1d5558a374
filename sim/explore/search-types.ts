// The search's options, progress reports and outcome: the types the CLI,
// explore() and the search's pacer share, apart from the search itself.
import type { PathViolation } from './check-path.ts';
import type { Trail } from './state.ts';

export type Strategy = 'bfs' | 'dfs';

export interface SearchOptions {
  strategy: Strategy;
  maxStates: number;
  maxDepth: number;
  /** Resident memory (RSS) beyond which the search stops with `unknown`. */
  maxMemoryBytes: number;
  /** Wall-clock seconds beyond which the search stops with `unknown` (default: none). */
  maxSeconds?: number;
  por: boolean;
  /**
   * Sleep sets (sleep-sets.ts): skip the transitions another interleaving
   * covers; the same states and verdict, fewer transitions. Not with `por`.
   */
  sleepSets?: boolean;
  checkEveryState?: boolean;
  /**
   * BFS keeps the next level as (parent, action) pairs and steps each child
   * again when its turn comes, instead of keeping every child state and its
   * trail (default true; false is the old frontier, for bench/explore-frontier.ts).
   */
  compactFrontier?: boolean;
  /** Called every `progressEverySeconds` of wall-clock time with the counts so far. */
  onProgress?: (progress: SearchProgress) => void;
  /** Default 3. */
  progressEverySeconds?: number;
  /** Polled as often as the clock; true stops the search with `unknown`, bound `interrupted` (e.g. on SIGINT). */
  shouldStop?: () => boolean;
  /**
   * The wall clock the time bound, progress and yields are read from, in
   * milliseconds (default `performance.now`). Tests give a simulated clock,
   * so that "stops within a second of --max-seconds" is checked exactly and
   * not at the mercy of a loaded machine's scheduler.
   */
  clockMs?: () => number;
  /**
   * The wall-clock bound, in milliseconds, on each stretch of search between
   * two yields (some 25 ms of work), past which a handler that has not
   * returned ends the search with ExploreHang (hang.ts). Default
   * DEFAULT_HANDLER_TIMEOUT_MS (sim/handler-watchdog.ts); null: no bound.
   */
  handlerTimeoutMs?: number | null;
}

export interface SearchProgress {
  states: number;
  transitions: number;
  /** The deepest state reached so far. */
  depth: number;
  seconds: number;
  /** New states per second since the previous report (since the start for the first). */
  statesPerSecond: number;
  /** Resident memory now. */
  memoryBytes: number;
  /** States reached and not yet expanded (the BFS queue, or the DFS stack). */
  queued: number;
}

export type Verdict = 'ok' | 'violated' | 'unknown';

export interface SearchOutcome {
  result: Verdict;
  /** The bound that was hit (`unknown` only): maxStates, maxDepth, maxMemory, maxSeconds, maxInFlight, or interrupted (shouldStop). */
  bound: string | null;
  states: number;
  transitions: number;
  /** The deepest state reached (steps from the initial state). */
  depth: number;
  seconds: number;
  statesPerSecond: number;
  peakMemoryBytes: number;
  /** States with nothing enabled. */
  terminalStates: number;
  /** Paths judged by the checkers. */
  pathsChecked: number;
  violation: PathViolation | null;
  /** The path to the violating state (ends at the violation's step). */
  violationTrail: Trail | null;
}

// The options of the worker-parallel search (coordinator.ts) and what it
// reports of where its time went (bench/explore/parallel.ts --diagnose).
import type { SearchOptions } from '../search-types.ts';
import type { KeepOptions } from './level-expander.ts';
import type { WorkerLevelStats } from './messages.ts';

export interface ParallelSearchOptions extends SearchOptions {
  /** Worker threads (2 or more). */
  workers: number;
  /** Plugin module URLs each worker loads before building its model (they register the scenario's protocol). */
  plugins: readonly string[];
  /** Entries of the level at which the coordinator hands out the work (default 64 per worker; tests use 1). */
  prefixStates?: number;
  /** When the workers keep their next levels' states rather than paths (default: defaultKeep; tests force both ways). */
  keep?: KeepOptions;
  /** Called once at the end (not after an error) with where the time went (bench/explore/parallel.ts --diagnose). */
  onDiagnostics?: (diagnostics: ParallelDiagnostics) => void;
}

/** Where the wall time of a parallel search went, level by level. */
export interface ParallelDiagnostics {
  /** Milliseconds the coordinator spent expanding the first levels alone, and how many levels. */
  prefixMs: number;
  prefixLevels: number;
  /** Per level the workers shared: the coordinator's hand-out (from the last worker's report to the last `go`), in milliseconds. */
  handOutMs: number[];
  /** Per worker, per level (the same levels as handOutMs, plus the last one). */
  workers: WorkerLevelStats[][];
}

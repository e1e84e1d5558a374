// How many states each worker of the parallel search may keep for its next
// levels (kept-states.ts) rather than as paths: a share of the memory bound.
import { KEEP_ABOVE_STEPS_PER_ENTRY } from './kept-states.ts';
import type { KeepOptions } from './level-expander.ts';

/** The states the workers keep for their next levels may take at most this share of --max-memory-mb, */
const KEPT_MEMORY_SHARE = 0.25;
/** counting this many bytes a kept state (measured: BENCHMARKS.md, "Session 8: the deep levels"), */
const KEPT_STATE_BYTES = 4096;
/** and a worker keeps at most this many. */
const MAX_KEPT_STATES_PER_WORKER = 250_000;

/** Each worker's cap on kept states: its share of KEPT_MEMORY_SHARE of the memory bound, at most MAX_KEPT_STATES_PER_WORKER. */
export function defaultKeep(maxMemoryBytes: number, workers: number): KeepOptions {
  const fits = Math.floor((maxMemoryBytes * KEPT_MEMORY_SHARE) / (workers * KEPT_STATE_BYTES));
  return { statesCap: Math.max(0, Math.min(MAX_KEPT_STATES_PER_WORKER, fits)), aboveStepsPerEntry: KEEP_ABOVE_STEPS_PER_ENTRY };
}

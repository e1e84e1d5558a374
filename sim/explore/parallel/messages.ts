// What the coordinator and the workers of the parallel search say to each
// other (structured-cloned), and what a worker is started with.
import type { Scenario } from '../../../scenarios/types.ts';
import type { Action } from '../actions.ts';
import type { PathViolation } from '../check-path.ts';
import type { ExploreConfig } from '../config.ts';
import type { KeepOptions, LevelCounters } from './level-expander.ts';
import type { SharedVisitedBuffers } from './shared-visited.ts';
import type { FrontierBatch } from './transfer.ts';
import type { MessagePort } from 'node:worker_threads';
import type { HandlerKind } from '../../system/handlers.ts';

export interface WorkerSetup {
  index: number;
  workers: number;
  /** Plugin module URLs to load first (they register the protocols a scenario may name). */
  plugins: readonly string[];
  scenario: Scenario;
  config: ExploreConfig;
  symmetry: boolean;
  maxDepth: number;
  por: boolean;
  /** The wall-clock bound on each slice of a level (worker.ts), null: none (SearchOptions.handlerTimeoutMs). */
  handlerTimeoutMs: number | null;
  /** After a stop, at most this many frontier states judged by this worker. */
  frontierChecks: number;
  /** When this worker keeps its next levels' states rather than their paths (kept-states.ts). */
  keep: KeepOptions;
  visited: SharedVisitedBuffers;
  /** Int32: mailbox.ts's layout. */
  control: SharedArrayBuffer;
  /** Float64, PROGRESS_WORDS per worker: what progress lines read. */
  progress: SharedArrayBuffer;
  port: MessagePort;
}

/** Levels whose statistics a worker keeps (a search deeper than this keeps the first ones). */
export const MAX_LEVEL_STATS = 10_000;

/** Per worker in the progress array: transitions, deepest state, entries waiting. */
export const PROGRESS_WORDS = 3;
export const PROGRESS_TRANSITIONS = 0;
export const PROGRESS_DEPTH = 1;
export const PROGRESS_QUEUED = 2;

export type ToWorker =
  /** Expand the level in hand (level `depth`), with these entries added, over this table (it may have grown since). */
  | { kind: 'go'; depth: number; gifts: FrontierBatch[]; visited: SharedVisitedBuffers }
  /** The table grew while this worker was parked in `full`: go on with this one. */
  | { kind: 'grown'; visited: SharedVisitedBuffers }
  /** Before the next `go`: hand `count` entries of the level in hand to worker `to` (through the coordinator). */
  | { kind: 'give'; to: number; count: number }
  /** The search is over: report. */
  | { kind: 'finish' }
  /** Stop: judge some of the states in hand (control[STOP] says how hurried), then report. */
  | { kind: 'stop' };

/** A failure while stepping, for the coordinator to reproduce in its own thread (same error, same message). */
export interface WorkerFailure {
  /** The path to the state being stepped or expanded. */
  path: Action[];
  /** The action that failed, or null when listing the enabled actions did. */
  action: Action | null;
  message: string;
  /**
   * A slice passed the wall-clock bound (sim/handler-watchdog.ts): the
   * handler that was running (process null: none), and whether the worker
   * was parked for the table to grow (then no handler is to blame).
   */
  hang?: { process: string | null; handler: HandlerKind; timeoutMs: number; parked: boolean };
}

/** Where one worker's time went in one level (coordinator.ts's diagnostics; a few clock reads a level). */
export interface WorkerLevelStats {
  /** Entries expanded (its own and those given to it). */
  entries: number;
  /** Milliseconds expanding them (stepping, keying, judging). */
  busyMs: number;
  /** Milliseconds from reporting the previous level done to starting this one: the barrier and the hand-out. */
  waitMs: number;
  /** Entries received from other workers, the steps of their batches (added to the lineage, stepped with the level: transfer.ts), and the milliseconds adding them took (part of busyMs). */
  receivedEntries: number;
  replayedSteps: number;
  replayMs: number;
  /** Entries given away at the start of this level, the steps of their batches, their bytes as structured clone writes them, and the milliseconds encoding them (part of waitMs). */
  givenEntries: number;
  givenSteps: number;
  givenBytes: number;
  giveMs: number;
  /** After the level: this worker's V8 heap in use (live objects and garbage not yet collected), and the bytes of its lineage's arrays (frontier.ts). */
  heapUsedBytes: number;
  lineageBytes: number;
  /** Steps taken again to reach the states of this level's entries (level-expander.ts's pathSteps). */
  pathSteps: number;
  /** Entries of this level expanded from a kept state (no step taken again), and the states kept after it for the next. */
  keptEntries: number;
  keptStates: number;
  /** Transitions taken expanding this level's entries. */
  transitions: number;
  /** CPU milliseconds of this worker's thread on this level, from the `go` to the report (thread-cpu.ts; NaN off Linux). */
  cpuMs: number;
}

export type FromWorker =
  | { kind: 'levelDone'; next: number }
  /** The visited table is half full: parked until `grown` (or `stop`). */
  | { kind: 'full' }
  | { kind: 'gift'; to: number; batch: FrontierBatch }
  | {
      kind: 'final';
      counters: LevelCounters;
      found: { violation: PathViolation; path: Action[] } | null;
      bound: string | null;
      failure: WorkerFailure | null;
      /** One entry per level this worker expanded (at most MAX_LEVEL_STATS). */
      levels: WorkerLevelStats[];
    }
  /** Setting up failed (a plugin that does not load, an unknown protocol). */
  | { kind: 'fatal'; message: string; name: string };

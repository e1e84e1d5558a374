// What the coordinator and the workers of the parallel search say to each
// other (structured-cloned), and what a worker is started with.
import type { Scenario } from '../../../scenarios/types.ts';
import type { Action } from '../actions.ts';
import type { PathViolation } from '../check-path.ts';
import type { ExploreConfig } from '../config.ts';
import type { LevelCounters } from './level-expander.ts';
import type { SharedVisitedBuffers } from './shared-visited.ts';
import type { FrontierBatch } from './transfer.ts';
import type { MessagePort } from 'node:worker_threads';

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
  /** After a stop, at most this many frontier states judged by this worker. */
  frontierChecks: number;
  visited: SharedVisitedBuffers;
  /** Int32: mailbox.ts's layout. */
  control: SharedArrayBuffer;
  /** Float64, PROGRESS_WORDS per worker: what progress lines read. */
  progress: SharedArrayBuffer;
  port: MessagePort;
}

/** Per worker in the progress array: transitions, deepest state, entries waiting. */
export const PROGRESS_WORDS = 3;
export const PROGRESS_TRANSITIONS = 0;
export const PROGRESS_DEPTH = 1;
export const PROGRESS_QUEUED = 2;

export type ToWorker =
  /** Expand the level in hand, with these entries added, over this table (it may have grown since). */
  | { kind: 'go'; gifts: FrontierBatch[]; visited: SharedVisitedBuffers }
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
    }
  /** Setting up failed (a plugin that does not load, an unknown protocol). */
  | { kind: 'fatal'; message: string; name: string };

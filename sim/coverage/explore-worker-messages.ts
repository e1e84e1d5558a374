// What the explore coverage worker (explore-worker.ts) and the thread that
// started it (explore-jobs.ts) say to each other. Everything here survives
// structured cloning: plain data, no functions, no class instances (a thrown
// error crosses as its fields and is rebuilt on this side).
import type { Scenario } from '../../scenarios/types.ts';
import type { ExploreConfig } from '../explore/config.ts';
import type { ExploreResult, SearchProgress } from '../explore/index.ts';
import type { SearchOptions } from '../explore/search-types.ts';
import type { HandlerKind } from '../system/handlers.ts';
import type { ProcessId } from '../../traces/schema.ts';
import type { PointRecord } from './branch-coverage.ts';

/** The exploration's options that are data (the callbacks stay in the thread that asked). */
export type ExploreCoverageOptions = Pick<SearchOptions, 'strategy' | 'maxStates' | 'maxDepth' | 'maxMemoryBytes' | 'maxSeconds' | 'por' | 'sleepSets'> & {
  symmetry: boolean;
  /** Post progress lines back (the CLI prints them unless --json). */
  progress: boolean;
};

export interface ExploreWorkerData {
  scenario: Scenario;
  config: ExploreConfig;
  options: ExploreCoverageOptions;
  /** With por, sleep sets or symmetry: explore again without them (explore --compare). */
  compare: boolean;
  /** `--plugin` module URLs, loaded first, to register the scenario's protocol. */
  pluginUrls: readonly string[];
  /** `--plugin` paths: the worker builds the same scope (scope.ts) from them. */
  pluginPaths: readonly string[];
}

/** A protocol handler's throw (sim/system/handlers.ts ProtocolHandlerError), as its fields. */
export interface ProtocolHandlerErrorFields {
  process: ProcessId;
  handler: HandlerKind;
  traceEventIndex: number;
  time: number;
  timeUnit: 'us' | 'step';
  reason: string;
  protocolFrames: string[];
  message: string;
}

export type ExploreWorkerFailure =
  | { kind: 'input'; message: string }
  | { kind: 'protocol'; error: ProtocolHandlerErrorFields }
  | { kind: 'internal'; message: string; stack: string };

export type FromExploreWorker =
  | { kind: 'progress'; progress: SearchProgress }
  /** The exploration (and the --compare one) with every branch point of the protocol's scripts and its count. */
  | { kind: 'done'; result: ExploreResult; baseline: ExploreResult | null; points: PointRecord[]; contents: [file: string, text: string][] }
  | { kind: 'failed'; failure: ExploreWorkerFailure };

export type ToExploreWorker = { kind: 'stop' };

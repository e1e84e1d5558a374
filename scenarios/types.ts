// A scenario: everything a run needs besides its seed. Scenario files are
// JSON with exactly these fields (validated by scenarios/validate.ts); all
// times are integer microseconds, all probabilities in [0, 1].

import type { PropertyId } from '../core/property-ids.ts';

/** Hosts are named p1..pN; a restarted host's process is `p3#2`, `p3#3`, ... */
export type HostName = string;

export interface DelaySpec {
  /** No message arrives sooner than this. */
  minUs: number;
  /** Mean of the delay distribution (min + an exponential tail). */
  meanUs: number;
  /** Extra uniform noise in [0, jitterUs) added to each message; this is what reorders. */
  jitterUs: number;
}

export interface LinkSpec {
  delay?: DelaySpec;
  lossProbability?: number;
  duplicateProbability?: number;
}

export interface LinkOverride extends LinkSpec {
  from: HostName;
  to: HostName;
  /** Apply to both directions (default true). */
  bidirectional?: boolean;
}

export interface NetworkSpec {
  delay: DelaySpec;
  lossProbability: number;
  duplicateProbability: number;
  links?: LinkOverride[];
}

export interface OrderMix {
  fifo: number;
  causal: number;
  total: number;
}

export interface JoinSpec {
  atUs: number;
  /** How many new hosts join at that moment (default 1). */
  count?: number;
}

export interface LeaveSpec {
  atUs: number;
  host: HostName;
}

export interface WorkloadSpec {
  /** Multicasts per simulated second across the whole group, Poisson arrivals. */
  multicastsPerSecond: number;
  /** Relative weights of the three orders. */
  orders: OrderMix;
  /** Stop issuing multicasts after this many (a bound on the run). */
  maxMulticasts?: number;
  /**
   * Issue multicasts only from this time on (default 0). The arrivals before
   * it are drawn and dropped, so those after it are the same as without it.
   */
  startUs?: number;
  /** Keys of the replicated map that writes go to (default 8). */
  keys?: number;
  joins?: JoinSpec[];
  leaves?: LeaveSpec[];
}

/**
 * Protocol roles a fault can target instead of a host, resolved by the
 * simulator when the fault fires (or, for a note trigger's `node`, when the
 * note is emitted). Read from the views the processes install (sim/roles.ts):
 * - `coordinator`: the first live member of the newest view (rank 0 unless it died);
 * - `sequencer`: the rank-0 member of the newest view (the ISIS ABCAST sequencer);
 * - `joiner`: the newest process still joining, else the newest admitted one still in its first view;
 * - `provider`: the state-transfer provider: the coordinator while a joiner waits, else the
 *   coordinator of the last view that admitted a joiner;
 * - `leaver`: a process whose host's leave (`workload.leaves`) has been requested and that has not exited.
 */
export type ProcessRole = 'coordinator' | 'sequencer' | 'joiner' | 'provider' | 'leaver';
export const PROCESS_ROLES: readonly ProcessRole[] = ['coordinator', 'sequencer', 'joiner', 'provider', 'leaver'];

/** A host name (`p3`) or a role that names one when the fault fires. */
export type HostOrRole = HostName | ProcessRole;

/** When a scheduled fault fires: at a time, or when a process emits a note. */
export interface NoteTrigger {
  /** Host whose current process must emit the note. */
  host: HostName;
  /** Exact note text, e.g. `flush-begin`. */
  text: string;
  /** Fire at the n-th such note (default 1). */
  occurrence?: number;
  /** Extra delay after the note (default 0). */
  delayUs?: number;
}

/**
 * A note trigger that may name a role (BUGGIFY-style: the fault lands at the
 * protocol moment that matters, e.g. the coordinator mid-flush).
 */
export interface NoteAt {
  /** Exact note text, e.g. `flush-begin`, `sequencer-order`, `view-change-begin`. */
  note: string;
  /** Who must emit it: a host, a role (held when the note is emitted), or `any` process. */
  node: HostOrRole | 'any';
  /** Fire at the n-th such note counted from `afterUs` (default 1). */
  occurrence?: number;
  /** Extra delay after the note (default 0). */
  delayUs?: number;
  /** Only notes at or after this time count (default 0). */
  afterUs?: number;
}

interface ScheduledBase {
  /** Fire at this time, unless `onNote` or `at` is given. */
  atUs?: number;
  onNote?: NoteTrigger;
  at?: NoteAt;
}

export type ScheduledFault =
  | (ScheduledBase & { type: 'crash'; host: HostOrRole })
  | (ScheduledBase & { type: 'restart'; host: HostOrRole })
  | (ScheduledBase & { type: 'partition'; groups: HostName[][] })
  /** Cuts one host off from every other (added to a partition already in force); `heal` ends it. */
  | (ScheduledBase & { type: 'isolate'; host: HostOrRole })
  | (ScheduledBase & { type: 'heal' })
  | (ScheduledBase & { type: 'link'; from: HostOrRole; to: HostOrRole; bidirectional?: boolean } & LinkSpec)
  | (ScheduledBase & { type: 'link-reset' });

export type ScheduledFaultType = ScheduledFault['type'];

/** Settings of the random fault generator (fault phase only). */
export interface RandomFaultSpec {
  /** Mean time between random faults (exponential). */
  meanIntervalUs: number;
  /** Relative weights; a missing kind never happens. */
  kinds: {
    crash?: number;
    restart?: number;
    partition?: number;
    heal?: number;
    slowLink?: number;
    lossyLink?: number;
  };
  /** Never crash a process when this many hosts are already down (default: keep a majority up). */
  maxDown?: number;
  /** A slow link's extra delay (default 50 ms). */
  slowLinkDelayUs?: number;
}

export interface FaultSpec {
  schedule?: ScheduledFault[];
  random?: RandomFaultSpec;
  /**
   * Restart a host this long after its process exits with `excluded` (false
   * suspicion, minority side), so it joins again as a new process. Off when absent.
   */
  rejoinExcludedAfterUs?: number;
}

export interface LimitSpec {
  /** Stop after this many simulator events (default 5 million). */
  maxEvents?: number;
  /** Messages in flight at once across the network (default 1 million). */
  maxInFlight?: number;
  /** Trace events written (default 10 million). */
  maxTraceEvents?: number;
}

export interface Scenario {
  name: string;
  description: string;
  /** Initial group size: hosts p1..pN start as members of the first view. */
  processes: number;
  protocol: { name: string; options?: Record<string, unknown> };
  network: NetworkSpec;
  /** Per-host clock drift in parts per million; scales that host's timers. */
  clockDriftPpm?: Record<HostName, number>;
  workload: WorkloadSpec;
  faults?: FaultSpec;
  /** Length of the fault phase: workload and faults happen only before it ends. */
  durationUs: number;
  /** Upper bound on the settle phase (healed, no faults, no new work). */
  settleUs: number;
  /**
   * The settle phase ends early once every live process reports quiet at two
   * checks this far apart (default 500 ms). Keep it above the protocol's
   * failure-detection time, so an undetected crash cannot look quiet.
   */
  quietWindowUs?: number;
  /** Seeds a plain `vsynclab run` uses for this scenario. */
  seeds: number[];
  limits?: LimitSpec;
  /** The properties the scenario promises (its profile); the others are `not promised`, not checked. Default: all. */
  properties?: PropertyId[];
  /** What its traces record (`app`, `net`, `full`; traces/schema.ts); default `app`. `--detail` overrides it. */
  detail?: 'app' | 'net' | 'full';
}

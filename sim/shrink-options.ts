// What a shrink is asked to do (sim/shrink.ts): the seed, the protocol each
// candidate runs, the attempt bound, and which passes and rewrites it may
// take. Every option has a default that the CLI, the hunt and the benches
// share.
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';

// Every run counts, on any seed: the last round, which shows that no smaller candidate fails on any
// of the 9 seeds, alone costs up to 8 runs a candidate (300 stopped 17 of 26 mutant failures, most of
// them there), and the second phase (a later start, crashes as leaves, earlier notes, 32 seeds for a
// cheap failure) repeats it: abcast-unstable-order reached 3 hosts and 4 multicasts at 1811. A host
// fewer at the original's load (sim/shrink-rewrites.ts) comes after all that: flush-early-install
// reaches 3 hosts and 1 multicast at 3570 (4 hosts, 6 multicasts at 2000).
export const DEFAULT_MAX_ATTEMPTS = 4000;

export interface ShrinkOptions {
  seed: string;
  protocol?: AnyProtocol;
  headerExtra?: Record<string, unknown>;
  /**
   * Builds each candidate's protocol from the candidate (for a mutant: its
   * factory with the candidate's `protocol.options`). Without it, `protocol`
   * (or the registry's protocol of each candidate, when `protocol` is not
   * given either) runs every candidate. Only candidates whose protocol is
   * built from their own options may change `protocol.options` (the faster
   * failure detector pass, sim/shrink-timers.ts).
   */
  protocolFor?: (scenario: Scenario) => AnyProtocol;
  /** Bound on candidate runs, on any seed (default DEFAULT_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** Called after every candidate run, with whether it was kept. */
  onAttempt?: (attempt: number, kept: boolean, what: string) => void;
  /** Polled between and during candidate runs: true ends the search with the smallest scenario so far. */
  shouldStop?: () => boolean;
  /**
   * Try the faults, joins and leaves sooner, all by the same whole number of
   * microseconds (default true): fewer multicasts before them. False keeps
   * every kept event at its original microsecond.
   */
  moveEvents?: boolean;
  /**
   * Try a later workload start (default true): the first multicasts dropped,
   * the last ones kept at their times. False never sets `workload.startUs`.
   */
  laterStart?: boolean;
  /** Try each timed crash rewritten as a leave of its host (default true: sim/shrink-rewrites.ts). */
  crashesAsLeaves?: boolean;
  /** Try each note-triggered fault at an earlier occurrence of its note (default true). */
  earlierNotes?: boolean;
  /**
   * Try each timed crash or leave as a join, the departing host and another
   * dropped, and as everything its host sends one other host lost (default
   * true: sim/shrink-rewrites.ts, departuresAsJoins, departuresSeenByOne),
   * in a third phase.
   */
  departureRewrites?: boolean;
  /**
   * Try each host dropped with the original scenario's multicast rate and
   * cap, where the shrunk workload is quieter (default true:
   * sim/shrink-rewrites.ts, busierHostDrops).
   */
  busierHostDrops?: boolean;
  /**
   * How many other seeds a candidate that does not fail on the current seed
   * is tried on (default 8, see sim/shrink-seeds.ts); 0 keeps the seed.
   * In the second phase, a safety failure whose run is cheap
   * (CHEAP_TRACE_EVENTS) has its candidates tried on 4 times as many.
   */
  otherSeeds?: number;
  /**
   * Keep any failing candidate (default false): the shrink may slide from
   * the original's property to another one (`ShrinkOutcome.shrunkTarget`
   * says which). By default only the original's failure is kept.
   */
  anyFailure?: boolean;
  /**
   * A protocol known to be correct for the candidate (for a mutant: the
   * real protocol). When given, a candidate of a liveness failure is kept
   * only if this protocol passes it on the same seed: a scenario can fail
   * view-convergence by itself (two of three members leaving, on some
   * seeds), and such a candidate would not show the bug. It lets a
   * liveness failure's candidates change what the group does (a crash as a
   * leave, an added leave; sim/shrink-rewrites.ts).
   */
  referenceFor?: (scenario: Scenario) => AnyProtocol;
  /**
   * The wall-clock bound (ms) on each slice of the original run
   * (RunOptions.handlerTimeoutMs; default DEFAULT_HANDLER_TIMEOUT_MS), and
   * the ceiling of the candidates' bound.
   */
  handlerTimeoutMs?: number;
  /**
   * The wall-clock bound (ms) on each slice of a candidate run (and of its
   * reference run). Default: 20 times the original run's wall-clock time, at
   * least 1 s, at most `handlerTimeoutMs` (sim/shrink-handler-bound.ts).
   */
  candidateTimeoutMs?: number;
  /**
   * Whether a shorter settle phase is kept only if the reference passes it
   * ('each'), or only the shrunk scenario's settle phase is made one it
   * passes ('at-end', sim/shrink-settle.ts). Default 'portfolio': 'at-end',
   * then, if that converges with attempts left, 'each' from
   * the original within them, the smaller kept (sim/shrink-portfolio.ts).
   */
  settleChecks?: 'each' | 'at-end' | 'portfolio';
  /**
   * Whether a candidate of a safety failure runs only until the target's first violation where the
   * search only asks if it fails the same way (default true: sim/shrink-stop.ts). False runs every
   * candidate in full, as before.
   */
  stopAtViolation?: boolean;
}

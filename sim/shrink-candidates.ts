// The shrinker's candidates: smaller variants of the current failing
// scenario, grouped in passes, biggest expected win first. Each candidate
// says which pass it belongs to, so the search (sim/shrink.ts) can start a
// round with the pass that last made progress.
import type { RunResult } from './run.ts';
import type { Scenario } from '../scenarios/types.ts';
import { withoutHost, withoutJoiner } from './shrink-hosts.ts';
import { addedLeaves, busierHostDrops, crashesAsLeaves, departuresAsJoins, departuresSeenByOne } from './shrink-rewrites.ts';
import { fasterFailureDetectors } from './shrink-timers.ts';
import { firstTimedEventUs, lastTimedEventUs, MIN_PHASE_US, shorterPhases, withDuration, withEarlierNotes, withEventsSooner, withStart } from './shrink-time.ts';
import { isLivenessTarget, type ShrinkTarget } from './shrink-target.ts';

/** The passes, in their first-round order. */
export const PASS = {
  phase: 0, sooner: 1, multicasts: 2, start: 3, hosts: 4, faults: 5, workloadEvents: 6, network: 7, rate: 8, settle: 9, together: 10, timers: 11, leaves: 12, notes: 13, busier: 14,
} as const;
export const PASSES = 15;

/**
 * The passes tried on other seeds: those that make the failure smaller by
 * the aim's measures (fewer hosts, multicasts, faults, joins, leaves), and
 * those that leave fewer multicasts before the moment that matters (a faster
 * failure detector, a lower rate, a later start), and a crash as a leave
 * (which opens the way to fewer hosts: a rewrite that keeps the race is as
 * rare on the same seed as a smaller workload; so do the departure
 * rewrites, in the same pass), and a host fewer at the original's load.
 * The others (the fault phase,
 * moving events, the network, the settle phase) only simplify what is kept.
 */
export const ACROSS_SEEDS: ReadonlySet<number> = new Set([
  PASS.multicasts, PASS.start, PASS.hosts, PASS.leaves, PASS.notes, PASS.faults, PASS.workloadEvents, PASS.timers, PASS.rate, PASS.together,
  PASS.busier,
]);

export interface Candidate {
  pass: number;
  what: string;
  scenario: Scenario;
  /** The multicast cap a multicasts-pass candidate tries. */
  cap?: number;
  /** How many of the last multicasts a start-pass candidate keeps. */
  keep?: number;
}

/** What the search knows of the current scenario's run. */
export interface CurrentRun {
  result: RunResult;
  /** When the run first showed the target violation, online (safety); undefined: only at the end. */
  violationAtUs: number | undefined;
  /** The largest multicast cap that lost the failure since another pass last made progress (-1: none). */
  multicastFloor: number;
  /** When each multicast of the run was issued (its `bcast`), in order; none: the start pass is not tried. */
  multicastTimesUs?: readonly number[];
  /** The most last multicasts a later start kept and lost the failure with, since another pass made progress (-1: none). */
  startFloor?: number;
  /** When each view after the first was first installed by any process, in order (the departures-as-joins rewrite). */
  viewTimesUs?: readonly number[];
}

/** The multicast aim: a failure small enough to read whole. */
const AIM_MULTICASTS = 10;
/** The process aim (hosts and joiners). */
const AIM_PROCESSES = 3;

export interface CandidateOptions {
  /** Try the timed events sooner (default true); false keeps every kept event at its original microsecond. */
  moveEvents?: boolean;
  /** Try a later workload start (default true); false never sets `workload.startUs`. */
  laterStart?: boolean;
  /** Try each timed crash as a leave of its host (default true: sim/shrink-rewrites.ts). */
  crashesAsLeaves?: boolean;
  /** Try each note-triggered fault at an earlier occurrence of its note (default true). */
  earlierNotes?: boolean;
  /**
   * Try each timed crash or leave as a join with two hosts fewer, and as
   * everything its host sends one other host lost (default true:
   * sim/shrink-rewrites.ts).
   */
  departureRewrites?: boolean;
  /**
   * The scenario the shrink started from: when given, each host is also
   * tried dropped with its multicast rate and cap (sim/shrink-rewrites.ts,
   * busierHostDrops), where the current workload is quieter.
   */
  busierFrom?: Scenario;
  /**
   * Try a faster failure detector (default false): only when each candidate
   * runs a protocol built from its own `protocol.options`.
   */
  protocolOptions?: boolean;
  /**
   * A reference protocol must pass every kept candidate of a liveness
   * failure (default false): only then may a liveness failure's candidates
   * change what the group does (a crash as a leave, an added leave), since
   * a failure of the scenario's own making is then refused.
   */
  reference?: boolean;
}

/** Smaller variants of the scenario, in pass order. */
export function* candidates(s: Scenario, current: CurrentRun, target: ShrinkTarget, options: CandidateOptions = {}): Generator<Candidate> {
  const multicasts = current.result.multicasts;
  let pass: number = PASS.phase;
  const c = (what: string, scenario: Scenario): Candidate => ({ pass, what, scenario });

  // Nothing after the violation can matter to it: the run up to it is the same run, so this one never misses.
  const cutUs = current.violationAtUs === undefined ? undefined : current.violationAtUs + 1;
  if (cutUs !== undefined && cutUs >= MIN_PHASE_US && cutUs < s.durationUs) {
    yield c(`fault phase cut just after the violation (${cutUs} us)`, withDuration(s, cutUs));
  }
  for (const durationUs of shorterPhases(s.durationUs, lastTimedEventUs(s))) {
    if (durationUs !== cutUs) yield c(`fault phase ${durationUs} us`, withDuration(s, durationUs));
  }

  // The same faults, joins and leaves, sooner: fewer multicasts come before them.
  pass = PASS.sooner;
  const firstUs = firstTimedEventUs(s);
  if (options.moveEvents !== false && firstUs !== undefined && firstUs > MIN_PHASE_US) {
    for (const part of [0.9, 0.75, 0.5]) {
      const deltaUs = Math.floor(firstUs * part);
      yield c(`timed events ${deltaUs} us sooner`, withEventsSooner(s, deltaUs));
    }
  }

  pass = PASS.multicasts;
  for (const fewer of fewerMulticasts(multicasts, s.workload.maxMulticasts, current.multicastFloor)) {
    yield { ...c(`at most ${fewer} multicasts`, withMaxMulticasts(s, fewer)), cap: fewer };
  }

  // A later start: the first multicasts go and the last ones (those at the view change a race
  // needs) stay, at the same times, to the same processes (sim/workload.ts draws the dropped arrivals).
  pass = PASS.start;
  for (const later of options.laterStart === false ? [] : laterStarts(s, current)) {
    yield { ...c(`multicasts from ${later.startUs} us (the last ${later.keep})`, withStart(s, later.startUs)), keep: later.keep };
  }

  pass = PASS.hosts;
  // Every host, the highest first: a crash-only failure ends at the two or three hosts it needs.
  for (let k = s.processes; k >= 1 && s.processes > 1; k--) yield c(`drop host p${k}${renumbered(s, k)}`, withoutHost(s, k));

  // A host fewer with the original's load: a smaller group may show the race only as busy as the original was.
  // Its own pass (last in a round's order) but made right after the host pass, so that on other seeds,
  // where the candidates are tried in the order made, fewer hosts come before the rest.
  pass = PASS.busier;
  if (options.busierFrom !== undefined) {
    // A crash as a leave is a safety failure's rewrite only (the leaves pass, below).
    const withLeaves = options.crashesAsLeaves !== false && !isLivenessTarget(target);
    for (const rewrite of busierHostDrops(s, options.busierFrom, withLeaves)) yield c(rewrite.what, rewrite.scenario);
  }

  pass = PASS.faults;
  const schedule = s.faults?.schedule ?? [];
  for (let k = 0; k < schedule.length; k++) {
    yield c(`drop fault ${k} (${schedule[k]?.type})`, { ...s, faults: { ...s.faults, schedule: schedule.filter((_, j) => j !== k) } });
  }

  pass = PASS.workloadEvents;
  const joins = s.workload.joins ?? [];
  const droppedJoins = new Set<string>();
  for (let k = 0; k < joins.length; k++) {
    const without: Scenario = { ...s, workload: { ...s.workload, joins: joins.filter((_, j) => j !== k) } };
    droppedJoins.add(JSON.stringify(without));
    yield c(`drop join ${k}`, without);
  }
  // One joiner fewer (the last first), its references rewritten: a join of two may be needed for one joiner
  // only, and a dropped join leaves a fault naming its joiner invalid. Those equal to an earlier candidate (a
  // dropped join, or another joiner of the same join when nothing names either) are left out.
  const joiners = joins.reduce((n, j) => n + (j.count ?? 1), 0);
  for (let m = s.processes + joiners; m > s.processes; m--) {
    const fewer = withoutJoiner(s, m);
    const key = JSON.stringify(fewer);
    if (fewer === null || droppedJoins.has(key)) continue;
    droppedJoins.add(key);
    yield c(`drop joiner p${m}`, fewer);
  }
  const leaves = s.workload.leaves ?? [];
  for (let k = 0; k < leaves.length; k++) {
    yield c(`drop leave ${k}`, { ...s, workload: { ...s.workload, leaves: leaves.filter((_, j) => j !== k) } });
  }

  pass = PASS.network;
  const n = s.network;
  if (n.lossProbability > 0) yield c('no loss', { ...s, network: { ...n, lossProbability: 0 } });
  if (n.duplicateProbability > 0) yield c('no duplication', { ...s, network: { ...n, duplicateProbability: 0 } });
  if (n.delay.jitterUs > 0) yield c('no jitter', { ...s, network: { ...n, delay: { ...n.delay, jitterUs: 0 } } });
  // Every message as slow as the fastest: the network then draws nothing, and a later pass that
  // removes a multicast no longer reshuffles every delay after it.
  if (n.delay.meanUs > n.delay.minUs) yield c('fixed delays', { ...s, network: { ...n, delay: { ...n.delay, meanUs: n.delay.minUs } } });
  if ((n.links?.length ?? 0) > 0) yield c('no per-link settings', { ...s, network: { ...n, links: [] } });
  if (s.clockDriftPpm !== undefined) {
    const { clockDriftPpm: _drift, ...rest } = s;
    yield c('no clock drift', rest);
  }

  // A lower rate: the same fault phase with the multicasts further apart.
  pass = PASS.rate;
  const rate = s.workload.multicastsPerSecond;
  for (const part of [0.25, 0.5]) {
    const lower = Math.floor(rate * part);
    if (lower > 0 && lower < rate) yield c(`${lower} multicasts a second`, { ...s, workload: { ...s.workload, multicastsPerSecond: lower } });
  }

  // A shorter settle phase could turn "did not converge in time" into a liveness failure of its
  // own making (a joiner still joining, a view change cut short; "quiet" runs are no proof: a
  // joiner waiting for its retry timer is quiet): only safety failures shorten it.
  pass = PASS.settle;
  if (!isLivenessTarget(target)) {
    for (const settleUs of shorterPhases(s.settleUs, 0)) yield c(`settle phase ${settleUs} us`, { ...s, settleUs });
  }

  // Two changes at once, where each alone lost the failure. Two hosts fewer: a group of four may
  // lose what five and three show (a majority of four is three, as of five).
  pass = PASS.together;
  for (let i = s.processes; i >= 2 && s.processes > 3; i--) {
    for (let j = i - 1; j >= 1; j--) yield c(`drop hosts p${j} and p${i} (the later ones renumbered)`, withoutHost(withoutHost(s, i), j));
  }
  // A host fewer and a workload at the aim (each draws the workload's targets differently; together
  // they can land on the race again).
  const aim = Math.min(AIM_MULTICASTS, multicasts - 1);
  if (aim >= 0 && s.processes > 1 && aim < (s.workload.maxMulticasts ?? Number.POSITIVE_INFINITY)) {
    for (let k = s.processes; k >= 1; k--) {
      yield c(`drop host p${k}${renumbered(s, k)} and at most ${aim} multicasts`, withMaxMulticasts(withoutHost(s, k), aim));
    }
  }
  // A host fewer and only the last multicasts at the aim: the arrivals keep their times.
  const lastAim = options.laterStart === false ? undefined : laterStarts(s, { ...current, startFloor: -1 }).find((l) => l.keep === AIM_MULTICASTS);
  if (lastAim !== undefined && s.processes > 1) {
    for (let k = s.processes; k >= 1; k--) {
      yield c(`drop host p${k}${renumbered(s, k)} and multicasts from ${lastAim.startUs} us`, withStart(withoutHost(s, k), lastAim.startUs));
    }
  }

  // A faster failure detector: the view change after a crash sooner, fewer multicasts before it. Like
  // a shorter settle phase it could manufacture a liveness failure (members suspected while slow):
  // only safety failures try it. Last: it changes the protocol's timing, and taken early it leads the
  // greedy search away from moving the faults sooner (flush-early-install ended at 68 multicasts
  // instead of 24 with it tried after the network).
  pass = PASS.timers;
  if (options.protocolOptions === true && !isLivenessTarget(target)) {
    for (const faster of fasterFailureDetectors(s)) yield c(faster.what, faster.scenario);
  }

  // A crash as a leave: not smaller, but a leaver leaves the majority arithmetic, so a later host pass may
  // find the hosts that only made up the majority. Only safety failures, or a liveness failure with a
  // reference protocol: a leave that never completes (a leaver's lost acceptance) is a liveness failure of
  // its own. With a reference, a liveness failure also gets a leave added (and a host fewer): two leavers of
  // three may show what one leaver of four did (leave-relies-on-lost-ack).
  pass = PASS.leaves;
  if (options.crashesAsLeaves !== false && (!isLivenessTarget(target) || options.reference === true)) {
    for (const rewrite of crashesAsLeaves(s)) yield c(rewrite.what, rewrite.scenario);
  }
  if (options.crashesAsLeaves !== false && isLivenessTarget(target) && options.reference === true) {
    for (const rewrite of addedLeaves(s)) yield c(rewrite.what, rewrite.scenario);
  }
  // A departure as one host's false suspicion and a host fewer (the departed still votes), or as a join
  // with two hosts fewer (the same size of new view from one process fewer). The first goes first: a
  // join kept takes the departure away (takeover-ignores-accepted ended at 3 hosts and a joiner so). The same rule as a crash as a leave: they change
  // what the group does.
  // Only above the aim's 3 processes: they are there to reach it, and below it each costs a sweep of
  // every seed (198 more attempts on each of 7 pinned failures already at 3 hosts, none smaller for it).
  const processes = s.processes + (s.workload.joins ?? []).reduce((n, j) => n + (j.count ?? 1), 0);
  if (options.departureRewrites !== false && processes > AIM_PROCESSES && (!isLivenessTarget(target) || options.reference === true)) {
    for (const rewrite of departuresSeenByOne(s, options.busierFrom)) yield c(rewrite.what, rewrite.scenario);
    for (const rewrite of departuresAsJoins(s, current.viewTimesUs, options.busierFrom)) yield c(rewrite.what, rewrite.scenario);
  }

  // A note-triggered fault at an earlier note: fewer multicasts before it (and then a lower cap).
  pass = PASS.notes;
  if (options.earlierNotes !== false) {
    for (const earlier of withEarlierNotes(s)) yield c(earlier.what, earlier.scenario);
  }
}

function renumbered(s: Scenario, k: number): string {
  return k < s.processes ? ` (p${k + 1}.. renumbered)` : '';
}

function withMaxMulticasts(s: Scenario, maxMulticasts: number): Scenario {
  return { ...s, workload: { ...s.workload, maxMulticasts } };
}

/**
 * Caps to try below `multicasts` (the current run's count), smallest first:
 * the aim's steps (0, 2, 5, 10), a quarter, a half, three quarters, halfway
 * from the floor and one fewer; only caps above `floor` (a cap that already
 * lost the failure), so after the first round it is a binary search between
 * the floor and the count rather than the same misses again.
 */
export function fewerMulticasts(multicasts: number, maxMulticasts: number | undefined, floor = -1): number[] {
  const cap = Math.min(multicasts, maxMulticasts ?? Number.POSITIVE_INFINITY);
  const tries = [
    0, 2, 5, AIM_MULTICASTS, Math.floor(multicasts / 4), Math.floor(multicasts / 2), Math.floor((multicasts * 3) / 4),
    floor + Math.ceil((multicasts - floor) / 2), multicasts - 1,
  ];
  return [...new Set(tries)].filter((k) => k > floor && k >= 0 && k < cap).sort((a, b) => a - b);
}

/**
 * Later starts of the workload, keeping the last k multicasts issued before
 * the violation (or the end of the fault phase) for the counts k that
 * fewerMulticasts gives above `startFloor` (at least 1: keeping none is the
 * multicasts pass's cap of 0), fewest first; each starts at the time the
 * first kept multicast was issued.
 */
export function laterStarts(s: Scenario, current: CurrentRun): { startUs: number; keep: number }[] {
  const times = current.multicastTimesUs;
  if (times === undefined) return [];
  const endUs = current.violationAtUs ?? s.durationUs;
  const before = times.filter((t) => t <= endUs);
  const fromUs = s.workload.startUs ?? 0;
  const out: { startUs: number; keep: number }[] = [];
  for (const keep of fewerMulticasts(before.length, undefined, current.startFloor ?? -1)) {
    const startUs = before[before.length - keep];
    if (keep < 1 || startUs === undefined || startUs <= fromUs || startUs > s.durationUs) continue;
    if (!out.some((o) => o.startUs === startUs)) out.push({ startUs, keep });
  }
  return out;
}


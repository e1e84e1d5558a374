// Shrinking: from a failing run, search for a smaller scenario that still
// fails the same way (the same violated property, or the same kind of
// failure), so the user debugs the smallest counterexample we can find.
//
// Greedy and deterministic, in the spirit of delta debugging: first the
// random fault generator's faults are written out as an explicit schedule
// (so they can be removed one by one, each at the exact microsecond it
// struck), then passes try, in turn: a shorter fault phase (`durationUs`),
// fewer multicasts, dropping any one host (the hosts after it renumbered,
// every reference rewritten: sim/shrink-hosts.ts), dropping a fault,
// dropping a join or leave, a calmer network, a shorter settle phase
// (`settleUs`). Each round starts with the pass that last made progress.
// Any candidate that still fails becomes the current scenario and the passes
// start over; it ends when no pass makes progress or the attempt bound is
// hit, and says which (`boundHit`).
import { isValidScenario } from '../scenarios/validate.ts';
import type { AnyProtocol } from '../protocol/types.ts';
import type { Scenario } from '../scenarios/types.ts';
import { runScenarioSteps, type RunResult } from './run.ts';
import { withoutHost } from './shrink-hosts.ts';
import { driveToEnd } from './steps.ts';

export const DEFAULT_MAX_ATTEMPTS = 300;

/** What "fails the same way" means for this shrink. */
export type ShrinkTarget = { kind: 'property'; property: string } | { kind: 'failure'; failure: string };

export interface ShrinkOptions {
  seed: string;
  protocol?: AnyProtocol;
  headerExtra?: Record<string, unknown>;
  /** Bound on candidate runs (default 300). */
  maxAttempts?: number;
  /** Called after every candidate run, with whether it was kept. */
  onAttempt?: (attempt: number, kept: boolean, what: string) => void;
  /** Polled between and during candidate runs: true ends the search with the smallest scenario so far. */
  shouldStop?: () => boolean;
}

export interface ScenarioSize {
  processes: number;
  multicasts: number;
  faults: number;
  durationUs: number;
  traceEvents: number;
}

export interface ShrinkOutcome {
  target: ShrinkTarget;
  original: Scenario;
  shrunk: Scenario;
  before: ScenarioSize;
  after: ScenarioSize;
  result: RunResult;
  attempts: number;
  /** True when the search stopped at the attempt bound with candidates still untried (it did not converge). */
  boundHit: boolean;
  /** True when `shouldStop` ended the search early: `shrunk` still fails the same way, but may not be minimal. */
  interrupted: boolean;
}

export function targetOf(result: RunResult): ShrinkTarget | null {
  if (result.passed) return null;
  const first = result.violations[0];
  if (first !== undefined) return { kind: 'property', property: first.property };
  return { kind: 'failure', failure: (result.failure ?? 'failed').split(':')[0] ?? 'failed' };
}

export function failsSameWay(result: RunResult, target: ShrinkTarget): boolean {
  if (result.passed) return false;
  if (target.kind === 'property') return result.violations.some((v) => v.property === target.property);
  return (result.failure ?? '').startsWith(target.failure);
}

export function shrinkScenario(scenario: Scenario, options: ShrinkOptions): ShrinkOutcome {
  return driveToEnd(shrinkSteps(scenario, options));
}

/** The search as steps (see sim/steps.ts): it yields inside every candidate run. */
export function* shrinkSteps(scenario: Scenario, options: ShrinkOptions): Generator<unknown, ShrinkOutcome, void> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const stop = options.shouldStop;
  const run = (s: Scenario, interruptible: boolean): Generator<number, RunResult, void> =>
    runScenarioSteps(s, {
      seed: options.seed,
      stopOnViolation: false,
      ...(options.protocol !== undefined ? { protocol: options.protocol } : {}),
      ...(interruptible && stop !== undefined ? { shouldStop: stop } : {}),
    });
  // The original run always finishes: without it there is no target.
  const first = yield* run(scenario, false);
  const target = targetOf(first);
  if (target === null) throw new Error('shrinkScenario: the run passes; there is nothing to shrink');

  let current = scenario;
  let currentResult = first;
  let attempts = 0;
  let interrupted = false;
  const attempt = function* (candidate: Scenario, what: string): Generator<number, boolean, void> {
    if (stop?.() === true) {
      interrupted = true;
      return false;
    }
    if (!isValidScenario(candidate)) return false; // e.g. a fault still naming a joiner whose join was dropped
    attempts++;
    const result = yield* run(candidate, true);
    // A run cut short proves nothing about the candidate.
    if (result.interrupted === true) {
      interrupted = true;
      return false;
    }
    const kept = failsSameWay(result, target);
    options.onAttempt?.(attempts, kept, what);
    if (kept) {
      current = candidate;
      currentResult = result;
    }
    return kept;
  };

  let boundHit = false;
  const materialized = materializeRandomFaults(current, currentResult);
  if (materialized !== null) yield* attempt(materialized, 'random faults written out as a schedule');

  let progress = true;
  // Each round starts with the pass that made the last progress (then the later passes, then the
  // earlier ones): a pass that just worked (dropping a host) tends to work again, and the passes that
  // just failed are retried last instead of first.
  let firstPass = 0;
  while (progress && !interrupted) {
    progress = false;
    const all = [...candidates(current, currentResult, target)];
    const order = (c: Candidate): number => (c.pass - firstPass + PASSES) % PASSES;
    const round = all.map((c, k) => ({ c, k })).sort((a, b) => order(a.c) - order(b.c) || a.k - b.k).map(({ c }) => c);
    for (const { what, scenario: candidate, pass } of round) {
      // A candidate is left untried: the search did not converge, whatever the last attempt did.
      if (attempts >= maxAttempts) {
        boundHit = true;
        break;
      }
      if (yield* attempt(candidate, what)) {
        progress = true;
        firstPass = pass;
        break;
      }
      if (interrupted) break;
    }
  }
  return {
    target,
    original: scenario,
    shrunk: current,
    before: sizeOf(scenario, first),
    after: sizeOf(current, currentResult),
    result: currentResult,
    attempts,
    boundHit,
    interrupted,
  };
}

export function sizeOf(scenario: Scenario, result: RunResult): ScenarioSize {
  const scheduled = scenario.faults?.schedule?.length ?? 0;
  return {
    processes: scenario.processes,
    multicasts: result.multicasts,
    faults: scheduled + result.randomFaults.length,
    durationUs: scenario.durationUs,
    traceEvents: result.traceEvents,
  };
}

function materializeRandomFaults(scenario: Scenario, result: RunResult): Scenario | null {
  if (scenario.faults?.random === undefined) return null;
  const { random: _random, ...rest } = scenario.faults;
  const schedule = [...(rest.schedule ?? []), ...result.randomFaults];
  return { ...scenario, faults: { ...rest, schedule } };
}

/** The passes, in their first-round order: each candidate says which it belongs to. */
const PASSES = 7;
const PASS = { phase: 0, multicasts: 1, hosts: 2, faults: 3, workloadEvents: 4, network: 5, settle: 6 } as const;

interface Candidate {
  pass: number;
  what: string;
  scenario: Scenario;
}

/** The shortest fault phase and settle phase tried. */
const MIN_PHASE_US = 1000;

/** Smaller variants of the scenario, biggest expected win first. */
function* candidates(s: Scenario, result: RunResult, target: ShrinkTarget): Generator<Candidate> {
  let pass: number = PASS.phase;
  const c = (what: string, scenario: Scenario): Candidate => ({ pass, what, scenario });
  for (const durationUs of shorterPhases(s.durationUs, lastTimedEventUs(s))) {
    yield c(`fault phase ${durationUs} us`, withDuration(s, durationUs));
  }
  pass = PASS.multicasts;
  const multicasts = result.multicasts;
  for (const fewer of [...new Set([Math.min(10, multicasts - 1), Math.floor(multicasts / 2), Math.floor((multicasts * 3) / 4), multicasts - 1])]) {
    if (fewer >= 0 && fewer < multicasts && fewer < (s.workload.maxMulticasts ?? Number.POSITIVE_INFINITY)) {
      yield c(`at most ${fewer} multicasts`, { ...s, workload: { ...s.workload, maxMulticasts: fewer } });
    }
  }
  pass = PASS.hosts;
  // Every host, the highest first: a crash-only failure ends at the two or three hosts it needs.
  for (let k = s.processes; k >= 1 && s.processes > 1; k--) {
    yield c(`drop host p${k}${k < s.processes ? ` (p${k + 1}.. renumbered)` : ''}`, withoutHost(s, k));
  }
  pass = PASS.faults;
  const schedule = s.faults?.schedule ?? [];
  for (let k = 0; k < schedule.length; k++) {
    yield c(`drop fault ${k} (${schedule[k]?.type})`, { ...s, faults: { ...s.faults, schedule: schedule.filter((_, j) => j !== k) } });
  }
  pass = PASS.workloadEvents;
  const joins = s.workload.joins ?? [];
  for (let k = 0; k < joins.length; k++) {
    yield c(`drop join ${k}`, { ...s, workload: { ...s.workload, joins: joins.filter((_, j) => j !== k) } });
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
  if ((n.links?.length ?? 0) > 0) yield c('no per-link settings', { ...s, network: { ...n, links: [] } });
  if (s.clockDriftPpm !== undefined) {
    const { clockDriftPpm: _drift, ...rest } = s;
    yield c('no clock drift', rest);
  }
  // A shorter settle phase could turn "did not converge in time" into a liveness failure of its
  // own making (a joiner still joining, a view change cut short; "quiet" runs are no proof: a
  // joiner waiting for its retry timer is quiet): only safety failures shorten it.
  pass = PASS.settle;
  if (!isLivenessTarget(target)) {
    for (const settleUs of shorterPhases(s.settleUs, 0)) yield c(`settle phase ${settleUs} us`, { ...s, settleUs });
  }
}

/**
 * Shorter phase lengths to try, shortest first: just after the last event
 * the phase must hold (`floorUs`), then a quarter, a half and three quarters
 * of the current length (never below MIN_PHASE_US).
 */
function shorterPhases(currentUs: number, floorUs: number): number[] {
  const out: number[] = [];
  const add = (us: number): void => {
    const v = Math.max(MIN_PHASE_US, Math.floor(us));
    if (v < currentUs && !out.includes(v)) out.push(v);
  };
  if (floorUs > 0) add(floorUs + 1);
  for (const part of [0.25, 0.5, 0.75]) if (currentUs * part > floorUs) add(currentUs * part);
  return out;
}

/** The time of the last timed fault, join or leave (0: none). */
function lastTimedEventUs(s: Scenario): number {
  let last = 0;
  for (const f of s.faults?.schedule ?? []) if (f.atUs !== undefined && f.onNote === undefined) last = Math.max(last, f.atUs);
  for (const j of s.workload.joins ?? []) last = Math.max(last, j.atUs);
  for (const l of s.workload.leaves ?? []) last = Math.max(last, l.atUs);
  return last;
}


const LIVENESS = new Set(['view-convergence', 'delivery-liveness']);

function isLivenessTarget(target: ShrinkTarget): boolean {
  return target.kind === 'property' ? LIVENESS.has(target.property) : target.failure.startsWith('replicas');
}

function withDuration(s: Scenario, durationUs: number): Scenario {
  const before = (atUs: number | undefined): boolean => atUs === undefined || atUs < durationUs;
  return {
    ...s,
    durationUs,
    faults: { ...s.faults, schedule: (s.faults?.schedule ?? []).filter((f) => before(f.atUs)) },
    workload: {
      ...s.workload,
      joins: (s.workload.joins ?? []).filter((j) => j.atUs < durationUs),
      leaves: (s.workload.leaves ?? []).filter((l) => l.atUs < durationUs),
    },
  };
}

// The shrinker as it was before issue 14 (main at 84e2855), kept as the
// baseline bench/shrink/mutants.ts compares the current one against. Not used
// by the product.
// Shrinking: from a failing run, search for a smaller scenario that still
// fails the same way (the same violated property, or the same kind of
// failure), so the user debugs the smallest counterexample we can find.
//
// Greedy and deterministic, in the spirit of delta debugging: first the
// random fault generator's faults are written out as an explicit schedule
// (so they can be removed one by one), then passes try, in turn: a shorter
// fault phase, dropping a fault, dropping a join or leave, dropping the
// highest host, fewer multicasts, a calmer network, a shorter settle phase.
// Any candidate that still fails becomes the current scenario and the passes
// start over; it ends when no pass makes progress or the attempt bound is hit.
import { isValidScenario } from '../../scenarios/validate.ts';
import type { AnyProtocol } from '../../protocol/types.ts';
import type { Scenario, ScheduledFault } from '../../scenarios/types.ts';
import { runScenarioSteps, type RunResult } from '../../sim/run.ts';
import { driveToEnd } from '../../sim/steps.ts';

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
  /** True when the attempt bound stopped the search before it converged. */
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

  const materialized = materializeRandomFaults(current, currentResult);
  if (materialized !== null) yield* attempt(materialized, 'random faults written out as a schedule');

  let progress = true;
  while (progress && attempts < maxAttempts && !interrupted) {
    progress = false;
    for (const [what, candidate] of candidates(current, currentResult, target)) {
      if (attempts >= maxAttempts) break;
      if (yield* attempt(candidate, what)) {
        progress = true;
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
    boundHit: progress && attempts >= maxAttempts,
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

/** Smaller variants of the scenario, biggest expected win first. */
function* candidates(s: Scenario, result: RunResult, target: ShrinkTarget): Generator<[string, Scenario]> {
  if (s.durationUs > 1000) yield ['halve the fault phase', withDuration(s, Math.floor(s.durationUs / 2))];
  const schedule = s.faults?.schedule ?? [];
  for (let k = 0; k < schedule.length; k++) {
    yield [`drop fault ${k} (${schedule[k]?.type})`, { ...s, faults: { ...s.faults, schedule: schedule.filter((_, j) => j !== k) } }];
  }
  const joins = s.workload.joins ?? [];
  for (let k = 0; k < joins.length; k++) {
    yield [`drop join ${k}`, { ...s, workload: { ...s.workload, joins: joins.filter((_, j) => j !== k) } }];
  }
  const leaves = s.workload.leaves ?? [];
  for (let k = 0; k < leaves.length; k++) {
    yield [`drop leave ${k}`, { ...s, workload: { ...s.workload, leaves: leaves.filter((_, j) => j !== k) } }];
  }
  if (s.processes > 1) yield [`drop host p${s.processes}`, withoutLastHost(s)];
  const multicasts = result.multicasts;
  for (const fewer of [Math.floor(multicasts / 2), Math.floor((multicasts * 3) / 4), multicasts - 1]) {
    if (fewer >= 0 && fewer < multicasts && fewer < (s.workload.maxMulticasts ?? Number.POSITIVE_INFINITY)) {
      yield [`at most ${fewer} multicasts`, { ...s, workload: { ...s.workload, maxMulticasts: fewer } }];
    }
  }
  const n = s.network;
  if (n.lossProbability > 0) yield ['no loss', { ...s, network: { ...n, lossProbability: 0 } }];
  if (n.duplicateProbability > 0) yield ['no duplication', { ...s, network: { ...n, duplicateProbability: 0 } }];
  if (n.delay.jitterUs > 0) yield ['no jitter', { ...s, network: { ...n, delay: { ...n.delay, jitterUs: 0 } } }];
  if ((n.links?.length ?? 0) > 0) yield ['no per-link settings', { ...s, network: { ...n, links: [] } }];
  if (s.clockDriftPpm !== undefined) {
    const { clockDriftPpm: _drift, ...rest } = s;
    yield ['no clock drift', rest];
  }
  // A shorter settle phase could turn "did not converge in time" into a
  // liveness failure of its own making: only safety failures shrink it.
  if (s.settleUs > 1000 && !isLivenessTarget(target)) {
    yield ['halve the settle phase', { ...s, settleUs: Math.floor(s.settleUs / 2) }];
  }
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

function withoutLastHost(s: Scenario): Scenario {
  const gone = `p${s.processes}`;
  const keeps = (f: ScheduledFault): boolean => {
    if (f.onNote?.host === gone || f.at?.node === gone) return false;
    switch (f.type) {
      case 'crash':
      case 'restart':
      case 'isolate':
        return f.host !== gone;
      case 'link':
        return f.from !== gone && f.to !== gone;
      case 'partition':
      case 'heal':
      case 'link-reset':
        return true;
    }
  };
  const schedule = (s.faults?.schedule ?? [])
    .filter(keeps)
    .map((f) => (f.type === 'partition' ? { ...f, groups: f.groups.map((g) => g.filter((h) => h !== gone)) } : f));
  const shrunk: Scenario = {
    ...s,
    processes: s.processes - 1,
    faults: { ...s.faults, schedule },
    network: { ...s.network, links: (s.network.links ?? []).filter((l) => l.from !== gone && l.to !== gone) },
    workload: { ...s.workload, leaves: (s.workload.leaves ?? []).filter((l) => l.host !== gone) },
  };
  if (s.clockDriftPpm !== undefined) {
    shrunk.clockDriftPpm = Object.fromEntries(Object.entries(s.clockDriftPpm).filter(([h]) => h !== gone));
  }
  return shrunk;
}

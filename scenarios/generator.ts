// Generator files: instead of one fixed scenario, a file may describe a
// family, and each seed picks a concrete member of it (the trace header
// stores the concrete scenario, so replay needs no generator).
//
// - mode "uniform": every fault kind, every order, fixed moderate network
//   trouble: the classic random test.
// - both modes also draw membership events and their overlaps
//   (membership-plan.ts): join, leave, crash, restart, false suspicion and a
//   partition of the coordinator, each aimed at a protocol role, two at a
//   time within a flush of each other, some fired at a protocol note.
// - mode "swarm" (Groce et al., "Swarm Testing", ISSTA 2012): each seed
//   switches each fault kind, each order and each network trouble on or off
//   at random and draws its parameters, so some runs hammer one mechanism
//   without the others masking it.
import type { Scenario, ScheduledFault } from './types.ts';
import { RANDOM_FAULT_KEYS, RANDOM_FAULTS } from '../sim/faults/index.ts';
import {
  buildOverlap,
  DEFAULT_SUSPECT_TIMEOUT_US,
  MEMBERSHIP_EVENTS,
  targetsOf,
  type MembershipEvent,
  type MembershipEventKind,
  type MembershipPlan,
} from './membership-plan.ts';
import { applyStrikes, DEFAULT_STRIKE_WEIGHTS, drawStrike, LATE_STRIKES, STRIKES, type Strike, type StrikeKind } from './strikes.ts';

export type GeneratorMode = 'uniform' | 'swarm';

export interface GeneratorSpec {
  mode: GeneratorMode;
  processes: number;
  protocol: { name: string; options?: Record<string, unknown> };
  durationUs: number;
  settleUs: number;
  quietWindowUs?: number;
  /** Average multicasts per simulated second (swarm draws up to twice this). */
  multicastsPerSecond: number;
  /** Relative weights of the membership events (default 1 each; 0 never draws one). Swarm switches each on or off per seed. */
  membership?: Partial<Record<MembershipEventKind, number>>;
  /** Overlapping pairs of membership events per scenario (default 1; 0 for none). */
  overlaps?: number;
  /** Relative weights of the strikes (strikes.ts; default DEFAULT_STRIKE_WEIGHTS; 0 never draws one). Swarm switches each on or off per seed. */
  strikes?: Partial<Record<StrikeKind, number>>;
  /** At most this many strikes per scenario (default 2; a quarter of the seeds draws none, the rest 1 to this many; one that does not fit the majority budget is left out). */
  strikesPerSeed?: number;
}

/** At most this many strikes per scenario (each gets its own stretch of the fault phase). */
export const MAX_STRIKES = 3;

/** The share of seeds that draw no strike (the rest draw 1 to `strikesPerSeed`). */
export const NO_STRIKE_SHARE = 0.25;

/** At most this many overlapping pairs per scenario (a bound; the majority budget allows fewer anyway). */
export const MAX_OVERLAPS = 4;

/** A uniform [0, 1) source; the simulator's seeded Rng fits. */
export interface UnitRandom {
  float(): number;
}


export function generateScenario(name: string, description: string, spec: GeneratorSpec, random: UnitRandom): Scenario {
  return generateWithPlans(name, description, spec, random).scenario;
}

/** The scenario and the membership plans drawn into it (what tests and coverage count). */
export function generateWithPlans(
  name: string,
  description: string,
  spec: GeneratorSpec,
  random: UnitRandom,
): { scenario: Scenario; plans: MembershipPlan[]; strikes: Strike[] } {
  const base: Scenario = {
    name,
    description,
    processes: spec.processes,
    protocol: spec.protocol,
    network: { delay: { minUs: 200, meanUs: 1500, jitterUs: 1000 }, lossProbability: 0.02, duplicateProbability: 0.02 },
    workload: { multicastsPerSecond: spec.multicastsPerSecond, orders: { fifo: 1, causal: 1, total: 1 }, keys: 8 },
    faults: {
      random: { meanIntervalUs: Math.max(1, Math.round(spec.durationUs / 8)), kinds: Object.fromEntries(RANDOM_FAULT_KEYS.map((k) => [k, RANDOM_FAULTS[k].uniformWeight])) },
      rejoinExcludedAfterUs: 50_000,
    },
    durationUs: spec.durationUs,
    settleUs: spec.settleUs,
    seeds: [],
  };
  if (spec.quietWindowUs !== undefined) base.quietWindowUs = spec.quietWindowUs;
  const drawn = spec.mode === 'uniform' ? base : swarm(base, spec, random);
  const strikes = drawStrikes(spec, drawn, strikeWeights(spec, random), random);
  const weights = membershipWeights(spec, random);
  const budget = Math.floor((spec.processes - 1) / 2) - strikes.reduce((n, s) => n + s.takeOuts, 0);
  const drawnPlans = membershipPlans(spec, weights, random, budget, strikes.flatMap((s) => s.hostsUsed));
  // A strike whose race is timed in steps keeps the stage to itself (drawn all the same: the next draws stay put).
  const plans = strikes.some((s) => s.quiet === true) ? [] : drawnPlans;
  const late = drawLateStrikes(spec, drawn, strikes, plans, random);
  const all = [...strikes, ...late];
  return { scenario: withPlans(applyStrikes(drawn, all, spec.multicastsPerSecond), plans), plans, strikes: all };
}

function suspectTimeoutOf(spec: GeneratorSpec): number {
  const option = spec.protocol.options?.suspectTimeoutUs;
  return typeof option === 'number' && option > 0 ? option : DEFAULT_SUSPECT_TIMEOUT_US;
}

/** A kind's weight in this file (its `strikes`, else the default). */
function weightOf(spec: GeneratorSpec, kind: StrikeKind): number {
  return spec.strikes?.[kind] ?? DEFAULT_STRIKE_WEIGHTS[kind];
}

/** The kinds of the main draw: every kind but the late ones (drawn last, on their own coins). */
const MAIN_STRIKES = STRIKES.filter((k) => !LATE_STRIKES.includes(k));

/** The strike weights of this seed's main draw: uniform keeps the spec's; swarm switches each kind on or off (possibly all off). */
function strikeWeights(spec: GeneratorSpec, random: UnitRandom): Record<StrikeKind, number> {
  const weights = Object.fromEntries(STRIKES.map((k) => [k, MAIN_STRIKES.includes(k) ? weightOf(spec, k) : 0])) as Record<StrikeKind, number>;
  if (spec.mode === 'uniform') return weights;
  for (const k of MAIN_STRIKES) if (random.float() >= 0.5) weights[k] = 0;
  return weights;
}

/**
 * The late strikes (strikes.ts `LATE_STRIKES`), drawn after everything
 * else so the seed's other draws stay what they were: each kind comes with
 * the probability of its share of the main kinds' weights and its own (the
 * late join, 3 of 17.5 by default: about one seed in six), switched on or off first by
 * a swarm coin, within what the seed's strikes and membership pairs left
 * of the majority budget (the late join takes nobody out). Its times count from the end of the
 * fault phase as the other strikes left it (a long isolation lengthens it).
 */
function drawLateStrikes(spec: GeneratorSpec, s: Scenario, earlier: readonly Strike[], plans: readonly MembershipPlan[], random: UnitRandom): Strike[] {
  // Each late kind's share is taken against the main draw's weights and its own, not the other late kinds': a
  // late kind added later changes no earlier kind's coin, so seeds keep what they drew (session 8).
  const mainTotal = MAIN_STRIKES.reduce((n, k) => n + weightOf(spec, k), 0);
  const flightUs = s.network.delay.meanUs + s.network.delay.jitterUs / 2;
  const durationUs = Math.max(spec.durationUs, ...earlier.map((x) => x.minDurationUs ?? 0));
  let budget = Math.floor((spec.processes - 1) / 2) - earlier.reduce((n, x) => n + x.takeOuts, 0) - plans.reduce((n, p) => n + p.takeOuts.length, 0);
  const late: Strike[] = [];
  if (spec.strikesPerSeed === 0) return late;
  for (const kind of LATE_STRIKES) {
    const on = spec.mode === 'uniform' || random.float() < 0.5;
    const total = mainTotal + weightOf(spec, kind);
    const drawn = random.float() < (total > 0 ? weightOf(spec, kind) / total : 0);
    if (!on || !drawn) continue;
    const ctx = { processes: spec.processes, durationUs, suspectTimeoutUs: suspectTimeoutOf(spec), flightUs, budget, window: [0.05, 0.85] as const,
      takenHosts: [...earlier, ...late].flatMap((x) => x.hostsUsed) };
    const strike = drawStrike(kind, ctx, random);
    if (strike === null) continue;
    budget -= strike.takeOuts;
    late.push(strike);
  }
  return late;
}

/**
 * The seed's strikes, each in its own stretch of the fault phase, while the
 * majority budget lasts. A quarter of the seeds draws none, so those leave
 * the membership pairs the whole budget (two events that each take a host
 * out need it all in a group of five); the others draw 1 to the most.
 */
function drawStrikes(spec: GeneratorSpec, s: Scenario, weights: Record<StrikeKind, number>, random: UnitRandom): Strike[] {
  const most = Math.min(MAX_STRIKES, spec.strikesPerSeed ?? 2);
  const none = random.float() < NO_STRIKE_SHARE;
  const count = none || most === 0 ? 0 : 1 + Math.min(most - 1, Math.floor(random.float() * most));
  const flightUs = s.network.delay.meanUs + s.network.delay.jitterUs / 2;
  let budget = Math.floor((spec.processes - 1) / 2);
  const strikes: Strike[] = [];
  for (let k = 0; k < count; k++) {
    const kind = pickWeighted(weights, STRIKES, random);
    if (kind === undefined) break;
    const window: [number, number] = [0.05 + (0.8 * k) / count, 0.05 + (0.8 * (k + 0.8)) / count];
    const ctx = { processes: spec.processes, durationUs: spec.durationUs, suspectTimeoutUs: suspectTimeoutOf(spec), flightUs, budget, window,
      takenHosts: strikes.flatMap((x) => x.hostsUsed) };
    const strike = drawStrike(kind, ctx, random);
    if (strike === null) continue;
    budget -= strike.takeOuts;
    strikes.push(strike);
  }
  return strikes;
}

/** The membership weights of this seed: uniform keeps the spec's; swarm switches each kind on or off (at least one on). */
function membershipWeights(spec: GeneratorSpec, random: UnitRandom): Record<MembershipEventKind, number> {
  const weights = Object.fromEntries(MEMBERSHIP_EVENTS.map((k) => [k, spec.membership?.[k] ?? 1])) as Record<MembershipEventKind, number>;
  if (spec.mode === 'uniform') return weights;
  const on = MEMBERSHIP_EVENTS.filter((k) => weights[k] > 0);
  const kept = on.filter(() => random.float() < 0.5);
  const one = on[Math.floor(random.float() * on.length)];
  const keep = kept.length > 0 || one === undefined ? kept : [one];
  for (const k of MEMBERSHIP_EVENTS) if (!keep.includes(k)) weights[k] = 0;
  return weights;
}

function pickWeighted<T extends string>(weights: Record<T, number>, keys: readonly T[], random: UnitRandom): T | undefined {
  const total = keys.reduce((sum, k) => sum + weights[k], 0);
  if (total <= 0) return undefined;
  let x = random.float() * total;
  for (const k of keys) {
    x -= weights[k];
    if (x < 0 && weights[k] > 0) return k;
  }
  return keys.filter((k) => weights[k] > 0).pop();
}

function drawEvent(weights: Record<MembershipEventKind, number>, random: UnitRandom): MembershipEvent | undefined {
  const kind = pickWeighted(weights, MEMBERSHIP_EVENTS, random);
  if (kind === undefined) return undefined;
  const targets = targetsOf(kind);
  return { kind, target: targets[Math.floor(random.float() * targets.length)] ?? targets[0]! };
}

/** The seed's overlapping pairs, each within what is left of the majority budget. */
function membershipPlans(
  spec: GeneratorSpec,
  weights: Record<MembershipEventKind, number>,
  random: UnitRandom,
  startBudget: number,
  strikeHosts: readonly string[],
): MembershipPlan[] {
  const overlaps = Math.min(MAX_OVERLAPS, spec.overlaps ?? 1);
  const suspectTimeoutUs = suspectTimeoutOf(spec);
  let budget = startBudget;
  const takenHosts: string[] = [...strikeHosts];
  const plans: MembershipPlan[] = [];
  for (let k = 0; k < overlaps; k++) {
    const first = drawEvent(weights, random);
    const second = drawEvent(weights, random);
    if (first === undefined || second === undefined) break;
    const plan = buildOverlap(
      {
        first,
        second,
        anchor: random.float(),
        skew: random.float(),
        onNote: random.float() < 0.5,
        note: Math.floor(random.float() * 16),
        node: Math.floor(random.float() * 16),
        hold: random.float(),
        slowLink: random.float() < 0.5,
      },
      { processes: spec.processes, durationUs: spec.durationUs, suspectTimeoutUs, budget, takenHosts },
    );
    budget -= plan.takeOuts.length;
    takenHosts.push(...plan.hostsUsed);
    plans.push(plan);
  }
  return plans;
}

/** The scenario with the plans' joins, leaves and faults added. */
export function withPlans(s: Scenario, plans: readonly MembershipPlan[]): Scenario {
  const joins = [...(s.workload.joins ?? []), ...plans.flatMap((p) => p.joins)];
  const leaves = [...(s.workload.leaves ?? []), ...plans.flatMap((p) => p.leaves)];
  const schedule: ScheduledFault[] = [...(s.faults?.schedule ?? []), ...plans.flatMap((p) => p.schedule)];
  const workload = { ...s.workload };
  if (joins.length > 0) workload.joins = joins;
  if (leaves.length > 0) workload.leaves = leaves;
  const faults = { ...s.faults };
  if (schedule.length > 0) faults.schedule = schedule;
  return { ...s, workload, faults };
}

function swarm(base: Scenario, spec: GeneratorSpec, random: UnitRandom): Scenario {
  const coin = (): boolean => random.float() < 0.5;
  const between = (lo: number, hi: number): number => Math.round(lo + random.float() * (hi - lo));
  const kinds: Record<string, number> = {};
  // Each kind's file in sim/faults/ says whether swarm switches it; one coin per switched kind, in table order.
  for (const kind of RANDOM_FAULT_KEYS) {
    const part = RANDOM_FAULTS[kind];
    if (!part.swarm) kinds[kind] = part.uniformWeight;
    else if (coin()) kinds[kind] = between(1, 3);
  }
  const orders = { fifo: coin() ? between(1, 3) : 0, causal: coin() ? between(1, 3) : 0, total: coin() ? between(1, 3) : 0 };
  if (orders.fifo + orders.causal + orders.total === 0) orders.total = 1;
  const minUs = between(50, 1000);
  return {
    ...base,
    network: {
      delay: { minUs, meanUs: minUs + between(0, 4000), jitterUs: between(0, 3000) },
      lossProbability: coin() ? between(1, 100) / 1000 : 0,
      duplicateProbability: coin() ? between(1, 100) / 1000 : 0,
    },
    workload: {
      multicastsPerSecond: between(Math.ceil(spec.multicastsPerSecond / 4), spec.multicastsPerSecond * 2),
      orders,
      keys: between(1, 8),
      ...(coin() ? { joins: [{ atUs: between(0, spec.durationUs - 1), count: between(1, 2) }] } : {}),
    },
    faults: {
      random: { meanIntervalUs: between(Math.round(spec.durationUs / 20), Math.round(spec.durationUs / 4)), kinds },
      rejoinExcludedAfterUs: 50_000,
    },
  };
}

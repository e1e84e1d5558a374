// Generator files: instead of one fixed scenario, a file may describe a
// family, and each seed picks a concrete member of it (the trace header
// stores the concrete scenario, so replay needs no generator).
//
// - mode "uniform": every fault kind, every order, fixed moderate network
//   trouble: the classic random test.
// - mode "swarm" (Groce et al., "Swarm Testing", ISSTA 2012): each seed
//   switches each fault kind, each order and each network trouble on or off
//   at random and draws its parameters, so some runs hammer one mechanism
//   without the others masking it.
import type { Scenario } from './types.ts';

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
}

/** A uniform [0, 1) source; the simulator's seeded Rng fits. */
export interface UnitRandom {
  float(): number;
}

const FAULT_KINDS = ['crash', 'restart', 'partition', 'heal', 'slowLink', 'lossyLink'] as const;

export function generateScenario(name: string, description: string, spec: GeneratorSpec, random: UnitRandom): Scenario {
  const base: Scenario = {
    name,
    description,
    processes: spec.processes,
    protocol: spec.protocol,
    network: { delay: { minUs: 200, meanUs: 1500, jitterUs: 1000 }, lossProbability: 0.02, duplicateProbability: 0.02 },
    workload: { multicastsPerSecond: spec.multicastsPerSecond, orders: { fifo: 1, causal: 1, total: 1 }, keys: 8 },
    faults: {
      random: { meanIntervalUs: Math.max(1, Math.round(spec.durationUs / 8)), kinds: Object.fromEntries(FAULT_KINDS.map((k) => [k, 1])) },
      rejoinExcludedAfterUs: 50_000,
    },
    durationUs: spec.durationUs,
    settleUs: spec.settleUs,
    seeds: [],
  };
  if (spec.quietWindowUs !== undefined) base.quietWindowUs = spec.quietWindowUs;
  return spec.mode === 'uniform' ? base : swarm(base, spec, random);
}

function swarm(base: Scenario, spec: GeneratorSpec, random: UnitRandom): Scenario {
  const coin = (): boolean => random.float() < 0.5;
  const between = (lo: number, hi: number): number => Math.round(lo + random.float() * (hi - lo));
  const kinds: Record<string, number> = {};
  for (const kind of FAULT_KINDS) if (coin()) kinds[kind] = between(1, 3);
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

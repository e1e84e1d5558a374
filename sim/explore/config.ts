// The exploration settings of a scenario: its `explore` field (read from the
// raw JSON here, because scenarios/validate.ts rejects fields it does not
// know) and the command line's fault budgets. Untimed: the timed workload
// and network of the scenario are ignored; each initial process issues
// `multicastsPerProcess` multicasts, one enabled action at a time, in order.
import type { DeliveryOrder } from '../../traces/schema.ts';
import { DELIVERY_ORDERS } from '../../traces/schema.ts';
import { InputError } from '../../traces/input-error.ts';
import type { Scenario } from '../../scenarios/types.ts';
import { validateScenario } from '../../scenarios/validate.ts';
import { parseScenarioJson, readScenarioText } from '../scenario-json.ts';

export type FailureDetectorMode = 'perfect' | 'unreliable';

/** Written to a counterexample's header (`exploreConfig`); replay reads it back. */
export interface ExploreConfig {
  /** Multicasts each initial process issues, in order. */
  multicastsPerProcess: number;
  order: DeliveryOrder;
  /**
   * `perfect`: p may suspect q only after q crashed. `unreliable`: also any
   * live process, counted against `suspicions`.
   */
  failureDetector: FailureDetectorMode;
  /** Fault budgets: how many of each the explorer may inject on one path. */
  crashes: number;
  partitions: number;
  drops: number;
  suspicions: number;
  /**
   * Duplications of an in-flight message per path. Optional, and absent
   * unless set, so that counterexamples written before it replay byte for
   * byte (their `exploreConfig` has no such field).
   */
  duplicates?: number;
  /** Voluntary leaves (a `leave` request to a live process) per path; optional like `duplicates`. */
  leaves?: number;
  /**
   * New processes that may join (p4, p5, ... after p1..p3) per path, each
   * at any point, asking the live processes to let it in (with state
   * transfer where the protocol does it). Joiners issue no workload
   * multicasts and are on no side of a cut. Optional like `duplicates`.
   */
  joins?: number;
  /**
   * False declares that handling a message never sends one (only requests,
   * timers and suspicions do). Partial-order reduction relies on it; every
   * explored receipt is checked against it.
   */
  receiptsSend: boolean;
  /** Messages in flight at once; more stops the search with `unknown`. */
  maxInFlight: number;
}

export const DEFAULT_EXPLORE_CONFIG: ExploreConfig = {
  multicastsPerProcess: 1,
  order: 'causal',
  failureDetector: 'perfect',
  crashes: 0,
  partitions: 0,
  drops: 0,
  suspicions: 0,
  receiptsSend: true,
  maxInFlight: 256,
};

/** Upper bounds that keep a configuration "small" (and arithmetic trivial). */
const MAX_MULTICASTS = 64;
const MAX_BUDGET = 16;
const MAX_IN_FLIGHT = 100_000;
/** Exploration is for small groups. */
export const MAX_EXPLORE_PROCESSES = 8;

const FIELDS: readonly (keyof ExploreConfig)[] = [
  'multicastsPerProcess',
  'order',
  'failureDetector',
  'crashes',
  'partitions',
  'drops',
  'suspicions',
  'duplicates',
  'leaves',
  'joins',
  'receiptsSend',
  'maxInFlight',
];

function intField(raw: unknown, where: string, max: number): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > max) {
    throw new InputError(`${where}: expected an integer from 0 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** Parses an `explore` object (from a scenario file or a trace header); `file` names it in errors. */
export function parseExploreConfig(raw: unknown, file: string, field = 'explore'): ExploreConfig {
  const at = (name: string): string => `${file}: ${field}.${name}`;
  if (raw === undefined) return { ...DEFAULT_EXPLORE_CONFIG };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`${file}: ${field}: expected an object, got ${JSON.stringify(raw)}`);
  }
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(FIELDS as readonly string[]).includes(key)) throw new InputError(`${at(key)}: unknown field, expected one of ${FIELDS.join(', ')}`);
  }
  const out: ExploreConfig = { ...DEFAULT_EXPLORE_CONFIG };
  if (o.multicastsPerProcess !== undefined) out.multicastsPerProcess = intField(o.multicastsPerProcess, at('multicastsPerProcess'), MAX_MULTICASTS);
  if (o.order !== undefined) {
    if (!DELIVERY_ORDERS.includes(o.order as DeliveryOrder)) {
      throw new InputError(`${at('order')}: expected one of ${DELIVERY_ORDERS.join(', ')}, got ${JSON.stringify(o.order)}`);
    }
    out.order = o.order as DeliveryOrder;
  }
  if (o.failureDetector !== undefined) {
    if (o.failureDetector !== 'perfect' && o.failureDetector !== 'unreliable') {
      throw new InputError(`${at('failureDetector')}: expected "perfect" or "unreliable", got ${JSON.stringify(o.failureDetector)}`);
    }
    out.failureDetector = o.failureDetector;
  }
  for (const budget of ['crashes', 'partitions', 'drops', 'suspicions'] as const) {
    if (o[budget] !== undefined) out[budget] = intField(o[budget], at(budget), MAX_BUDGET);
  }
  if (o.duplicates !== undefined) out.duplicates = intField(o.duplicates, at('duplicates'), MAX_BUDGET);
  if (o.leaves !== undefined) out.leaves = intField(o.leaves, at('leaves'), MAX_BUDGET);
  if (o.joins !== undefined) out.joins = intField(o.joins, at('joins'), MAX_BUDGET);
  if (o.receiptsSend !== undefined) {
    if (typeof o.receiptsSend !== 'boolean') throw new InputError(`${at('receiptsSend')}: expected true or false, got ${JSON.stringify(o.receiptsSend)}`);
    out.receiptsSend = o.receiptsSend;
  }
  if (o.maxInFlight !== undefined) {
    const n = intField(o.maxInFlight, at('maxInFlight'), MAX_IN_FLIGHT);
    if (n < 1) throw new InputError(`${at('maxInFlight')}: expected an integer from 1 to ${MAX_IN_FLIGHT}, got 0`);
    out.maxInFlight = n;
  }
  return out;
}

/** Budgets given on the command line replace the scenario's. */
export interface BudgetOverrides {
  crashes?: number | undefined;
  partitions?: number | undefined;
  drops?: number | undefined;
  suspicions?: number | undefined;
  duplicates?: number | undefined;
  leaves?: number | undefined;
  joins?: number | undefined;
}

export function withBudgets(config: ExploreConfig, overrides: BudgetOverrides): ExploreConfig {
  const out = { ...config };
  for (const budget of ['crashes', 'partitions', 'drops', 'suspicions'] as const) {
    const v = overrides[budget];
    if (v !== undefined) out[budget] = intField(v, `--${budget}`, MAX_BUDGET);
  }
  if (overrides.duplicates !== undefined) out.duplicates = intField(overrides.duplicates, '--duplicates', MAX_BUDGET);
  if (overrides.leaves !== undefined) out.leaves = intField(overrides.leaves, '--leaves', MAX_BUDGET);
  if (overrides.joins !== undefined) out.joins = intField(overrides.joins, '--joins', MAX_BUDGET);
  return out;
}

export interface ExploreScenario {
  scenario: Scenario;
  config: ExploreConfig;
}

/** A scenario file with an optional `explore` field. */
export function parseExploreScenario(text: string, file: string): ExploreScenario {
  const value = parseScenarioJson(text, file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${file}: expected a scenario object`);
  }
  if ('generate' in value) throw new InputError(`${file}: generate: exploration needs a fixed scenario, not a generator`);
  const { explore, ...rest } = value as Record<string, unknown>;
  const config = parseExploreConfig(explore, file);
  const scenario = validateScenario(rest, file);
  checkExplorable(scenario, file);
  return { scenario, config };
}

export function loadExploreScenario(path: string): ExploreScenario {
  return parseExploreScenario(readScenarioText(path), path);
}

export function checkExplorable(scenario: Scenario, file: string): void {
  if (scenario.processes > MAX_EXPLORE_PROCESSES) {
    throw new InputError(`${file}: processes: exploration supports at most ${MAX_EXPLORE_PROCESSES} processes, got ${scenario.processes}`);
  }
}

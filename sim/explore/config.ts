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
import { checkScenarioFileKind, parseScenarioJson, readScenarioText } from '../scenario-json.ts';
import { EXPLORE_BUDGETS, type BudgetKey } from '../faults/index.ts';

export type FailureDetectorMode = 'perfect' | 'unreliable';

/**
 * The faults the explorer injects within a budget, one per kind, in the
 * order a counterexample's header writes them: the budget parts of the
 * fault kinds (sim/faults/). `drop` is a loss for good: the message leaves
 * the in-flight multiset and is never delivered (there is no clock, so a
 * delay is just a later delivery, which the explorer tries anyway).
 * `restart` brings a crashed process's host back as a new incarnation
 * (`p3#2`) that joins with state transfer.
 */
export const FAULT_KINDS = Object.keys(EXPLORE_BUDGETS) as readonly BudgetKey[];
export type FaultKind = BudgetKey;

/** How many faults of each kind one path may hold (config), or holds so far (state). */
export type Budgets = Readonly<Record<FaultKind, number>>;

export const NO_BUDGETS: Budgets = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;

/**
 * The separate budget fields of earlier scenarios and counterexample headers,
 * still read (a scenario may not mix them with the same kind in `budgets`).
 */
const BUDGET_ALIASES: Readonly<Record<string, FaultKind>> = Object.fromEntries(
  FAULT_KINDS.flatMap((k) => {
    const legacy = EXPLORE_BUDGETS[k].legacyField;
    return legacy === null ? [] : [[legacy, k]];
  }),
);

/** Other names a kind answers to in `budgets` and `--budget` (`loss`: what a drop is). */
const KIND_SYNONYMS: Readonly<Record<string, FaultKind>> = Object.fromEntries(
  FAULT_KINDS.flatMap((k) => EXPLORE_BUDGETS[k].synonyms.map((name) => [name, k])),
);

/** Written to a counterexample's header (`exploreConfig`); replay reads it back. */
export interface ExploreConfig {
  /** Multicasts each initial process issues, in order. */
  multicastsPerProcess: number;
  /**
   * The initial processes that issue the workload (`["p2"]`); absent: all of
   * them. Optional and written only when set, so that older counterexamples
   * keep their header.
   */
  senders?: string[];
  order: DeliveryOrder;
  /**
   * `perfect`: p may suspect q only after q crashed. `unreliable`: also any
   * live process, counted against the `suspicion` budget.
   */
  failureDetector: FailureDetectorMode;
  /** Fault budgets: how many of each kind the explorer may inject on one path. */
  budgets: Budgets;
  /**
   * True: a crash is offered only while the live members of the newest view
   * installed, without the one crashed, still hold a majority of it (what
   * the timed random generator keeps by default). A primary-partition
   * protocol blocks for good without a majority, which the liveness
   * properties would report. Optional and written only when set, so that
   * older counterexamples keep their header.
   */
  keepMajority?: boolean;
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
  budgets: NO_BUDGETS,
  receiptsSend: true,
  maxInFlight: 256,
};

/** Upper bounds that keep a configuration "small" (and arithmetic trivial). */
const MAX_MULTICASTS = 64;
/** A budget fits in 8 bits of the state key (state.ts). */
export const MAX_BUDGET = 16;
const MAX_IN_FLIGHT = 100_000;
/** Exploration is for small groups. */
export const MAX_EXPLORE_PROCESSES = 8;

const FIELDS: readonly string[] = ['multicastsPerProcess', 'senders', 'order', 'failureDetector', 'budgets', 'keepMajority', 'receiptsSend', 'maxInFlight', ...Object.keys(BUDGET_ALIASES)];

function intField(raw: unknown, where: string, max: number): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > max) {
    throw new InputError(`${where}: expected an integer from 0 to ${max}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** The fault kind a budget key names, or null. */
export function faultKindOf(key: string): FaultKind | null {
  if ((FAULT_KINDS as readonly string[]).includes(key)) return key as FaultKind;
  return KIND_SYNONYMS[key] ?? null;
}

function unknownKind(where: string, key: string): InputError {
  return new InputError(`${where}: unknown fault kind ${JSON.stringify(key)}, expected one of ${FAULT_KINDS.join(', ')}`);
}

/** Parses a `budgets` record (`{crash: 1, drop: 2}`); kinds left out stay 0. */
export function parseBudgets(raw: unknown, where: string): Budgets {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`${where}: expected an object of fault kind to count (${FAULT_KINDS.join(', ')}), got ${JSON.stringify(raw)}`);
  }
  const out: Record<FaultKind, number> = { ...NO_BUDGETS };
  const seen = new Set<FaultKind>();
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const kind = faultKindOf(key);
    if (kind === null) throw unknownKind(where, key);
    if (seen.has(kind)) throw new InputError(`${where}.${key}: the ${kind} budget is given twice`);
    seen.add(kind);
    out[kind] = intField(value, `${where}.${key}`, MAX_BUDGET);
  }
  return out;
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
    if (!FIELDS.includes(key)) throw new InputError(`${at(key)}: unknown field, expected one of ${FIELDS.join(', ')}`);
  }
  const out: ExploreConfig = { ...DEFAULT_EXPLORE_CONFIG };
  if (o.multicastsPerProcess !== undefined) out.multicastsPerProcess = intField(o.multicastsPerProcess, at('multicastsPerProcess'), MAX_MULTICASTS);
  if (o.senders !== undefined) {
    const ok = Array.isArray(o.senders) && o.senders.every((p) => typeof p === 'string' && /^p[1-9]\d*$/.test(p)) && new Set(o.senders).size === o.senders.length;
    if (!ok) throw new InputError(`${at('senders')}: expected a list of distinct initial processes such as ["p1", "p2"], got ${JSON.stringify(o.senders)}`);
    out.senders = [...(o.senders as string[])];
  }
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
  const budgets: Record<FaultKind, number> = o.budgets === undefined ? { ...NO_BUDGETS } : { ...parseBudgets(o.budgets, `${file}: ${field}.budgets`) };
  const given = o.budgets === undefined ? new Set<string>() : new Set(Object.keys(o.budgets as object).map((k) => faultKindOf(k)));
  for (const [alias, kind] of Object.entries(BUDGET_ALIASES)) {
    if (o[alias] === undefined) continue;
    if (given.has(kind)) throw new InputError(`${at(alias)}: the ${kind} budget is also in ${field}.budgets; keep one`);
    budgets[kind] = intField(o[alias], at(alias), MAX_BUDGET);
  }
  out.budgets = budgets;
  if (o.keepMajority !== undefined) {
    if (typeof o.keepMajority !== 'boolean') throw new InputError(`${at('keepMajority')}: expected true or false, got ${JSON.stringify(o.keepMajority)}`);
    if (o.keepMajority) out.keepMajority = true;
  }
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

/**
 * Parses the command line's `--budget crash=1,drop=2` (one or more such
 * lists); `option` names the flag in errors.
 */
export function parseBudgetFlag(texts: readonly string[], option = '--budget'): Partial<Budgets> {
  const out: Partial<Record<FaultKind, number>> = {};
  for (const text of texts) {
    for (const item of text.split(',')) {
      const trimmed = item.trim();
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      if (eq < 0) throw new InputError(`${option} ${trimmed}: expected kind=count, for example crash=1, with kind one of ${FAULT_KINDS.join(', ')}`);
      const key = trimmed.slice(0, eq).trim();
      const kind = faultKindOf(key);
      if (kind === null) throw unknownKind(option, key);
      const count = trimmed.slice(eq + 1).trim();
      out[kind] = intField(/^\d+$/.test(count) ? Number(count) : count, `${option} ${key}`, MAX_BUDGET);
    }
  }
  return out;
}

/** Budgets given on the command line (or by a caller) replace the scenario's, kind by kind. */
export function withBudgets(config: ExploreConfig, overrides: Partial<Budgets>, option = '--budget'): ExploreConfig {
  const budgets: Record<FaultKind, number> = { ...config.budgets };
  for (const kind of FAULT_KINDS) {
    const v = overrides[kind];
    if (v !== undefined) budgets[kind] = intField(v, `${option} ${kind}`, MAX_BUDGET);
  }
  return { ...config, budgets };
}

/** The old per-kind flags (`--crashes 1`), still accepted: their values by kind. */
export function legacyBudgetFlags(flags: Readonly<Record<string, number | undefined>>): Partial<Budgets> {
  const out: Partial<Record<FaultKind, number>> = {};
  for (const [alias, kind] of Object.entries(BUDGET_ALIASES)) {
    const v = flags[alias];
    if (v !== undefined) out[kind] = intField(v, `--${alias}`, MAX_BUDGET);
  }
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
  checkExplorable(scenario, file, config);
  return { scenario, config };
}

export function loadExploreScenario(path: string): ExploreScenario {
  checkScenarioFileKind(path, true);
  return parseExploreScenario(readScenarioText(path), path);
}

export function checkExplorable(scenario: Scenario, file: string, config?: ExploreConfig, field = 'explore'): void {
  if (scenario.processes > MAX_EXPLORE_PROCESSES) {
    throw new InputError(`${file}: processes: exploration supports at most ${MAX_EXPLORE_PROCESSES} processes, got ${scenario.processes}`);
  }
  for (const p of config?.senders ?? []) {
    if (Number(p.slice(1)) > scenario.processes) throw new InputError(`${file}: ${field}.senders: ${p} is not one of the ${scenario.processes} initial processes`);
  }
}

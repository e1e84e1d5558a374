// The fault vocabulary: one file per kind, and here the tables every reader
// uses: the scenario validator (scenarios/validate.ts), the random
// generator (scenarios/generator.ts) and its timed draws (driver.ts), the
// fast-check arbitraries (scenarios/arbitraries/), the timed fault driver
// (driver.ts) and the explorer's budgets and choices (sim/explore/config.ts,
// actions.ts). Each table is a mapped type over its keys, so a kind, a
// schedule entry type, a random kind or a budget added without its parts
// does not compile. The order of each table is part of the format: it is
// the order of messages, of the random generator's draws and of the budgets
// in a counterexample's header.
import type { ScheduledFault, ScheduledFaultType } from '../../scenarios/types.ts';
import { crash } from './crash.ts';
import { duplication } from './duplication.ts';
import { heal } from './heal.ts';
import { isolate } from './isolate.ts';
import { join } from './join.ts';
import { leave } from './leave.ts';
import { link } from './link.ts';
import { linkReset } from './link-reset.ts';
import { loss } from './loss.ts';
import { partition } from './partition.ts';
import { restart } from './restart.ts';
import { suspicion } from './suspicion.ts';
import type { BudgetKey, BudgetPart, FaultId, FaultKind, FaultTarget, MinorityContext, RandomKey, RandomPart, ScheduledPart } from './types.ts';

export type * from './types.ts';
export { FAULT_IDS } from './types.ts';

/** Every kind, keyed by its id. */
export const FAULTS: { readonly [K in FaultId]: FaultKind } = {
  crash,
  restart,
  partition,
  isolate,
  heal,
  link,
  'link-reset': linkReset,
  loss,
  suspicion,
  duplication,
  leave,
  join,
};

/** The `faults.schedule` entry types, in the order messages list them. */
export const SCHEDULED_FAULTS: { readonly [T in ScheduledFaultType]: ScheduledPart<T> } = {
  crash: crash.scheduled,
  restart: restart.scheduled,
  partition: partition.scheduled,
  isolate: isolate.scheduled,
  heal: heal.scheduled,
  link: link.scheduled,
  'link-reset': linkReset.scheduled,
};

export const SCHEDULED_FAULT_TYPES = Object.keys(SCHEDULED_FAULTS) as ScheduledFaultType[];

/** The schedule entry's part (typed for any entry). */
export function scheduledPart(fault: ScheduledFault): ScheduledPart<ScheduledFaultType> {
  return SCHEDULED_FAULTS[fault.type] as ScheduledPart<ScheduledFaultType>;
}

export function applyScheduled(fault: ScheduledFault, target: FaultTarget): void {
  scheduledPart(fault).apply(fault, target);
}

export function takesHostOut(fault: ScheduledFault): boolean {
  return scheduledPart(fault).takesHostOut(fault);
}

export function hostsOut(fault: ScheduledFault, c: MinorityContext): string[] | null {
  return scheduledPart(fault).hostsOut(fault, c);
}

/** The random generator's kinds (`faults.random.kinds`), in draw order. */
export const RANDOM_FAULTS: { readonly [K in RandomKey]-?: RandomPart<K> } = {
  crash: crash.random,
  restart: restart.random,
  partition: partition.random,
  heal: heal.random,
  slowLink: link.random,
  lossyLink: loss.random,
};

export const RANDOM_FAULT_KEYS = Object.keys(RANDOM_FAULTS) as RandomKey[];

/** The explorer's budgets (`explore.budgets`), in the order a counterexample's header writes them. */
export const EXPLORE_BUDGETS: { readonly [B in BudgetKey]: BudgetPart<B> } = {
  crash: crash.explore.budget,
  restart: restart.explore.budget,
  partition: partition.explore.budget,
  drop: loss.explore.budget,
  suspicion: suspicion.explore.budget,
  duplicate: duplication.explore.budget,
  leave: leave.explore.budget,
  join: join.explore.budget,
};

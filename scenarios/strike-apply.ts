// How strikes change a scenario (strikes.ts draws them): their joins,
// leaves and scheduled faults added, the workload they need, the random
// faults that would undo them turned off, the fault phase they need.
import type { Scenario, ScheduledFault } from './types.ts';
import type { Strike } from './strike-shape.ts';

/** Bound on a strike's load (multicasts per second), unless the scenario's own rate is higher. */
export const MAX_STRIKE_RATE = 1_500;

/** The scenario with the strikes' joins, leaves, faults and workload (`baseRate` caps the load a strike raises). */
export function applyStrikes(s: Scenario, strikes: readonly Strike[], baseRate: number): Scenario {
  if (strikes.length === 0) return s;
  const joins = [...(s.workload.joins ?? []), ...strikes.flatMap((x) => x.joins)];
  const leaves = [...(s.workload.leaves ?? []), ...strikes.flatMap((x) => x.leaves)];
  const schedule: ScheduledFault[] = [...(s.faults?.schedule ?? []), ...strikes.flatMap((x) => x.schedule)];
  const workload = { ...s.workload };
  const orders = strikes.find((x) => x.orders !== undefined)?.orders;
  if (orders !== undefined) workload.orders = { ...orders };
  const factor = Math.max(1, ...strikes.map((x) => x.rateFactor ?? 1));
  if (factor > 1) workload.multicastsPerSecond = Math.min(Math.max(MAX_STRIKE_RATE, baseRate), Math.round(workload.multicastsPerSecond * factor));
  const maxRate = Math.min(...strikes.map((x) => x.maxRate ?? Number.POSITIVE_INFINITY));
  if (workload.multicastsPerSecond > maxRate) workload.multicastsPerSecond = maxRate;
  if (joins.length > 0) workload.joins = joins;
  if (leaves.length > 0) workload.leaves = leaves;
  const faults = { ...s.faults };
  if (schedule.length > 0) faults.schedule = schedule;
  const off = new Set(strikes.flatMap((x) => x.offRandomKinds ?? []));
  if (strikes.some((x) => x.quiet === true)) delete faults.random;
  else if (off.size > 0 && faults.random !== undefined) {
    faults.random = { ...faults.random, kinds: Object.fromEntries(Object.entries(faults.random.kinds).filter(([k]) => !off.has(k))) };
  }
  const durationUs = Math.max(s.durationUs, ...strikes.map((x) => x.minDurationUs ?? 0));
  return { ...s, workload, faults, durationUs };
}

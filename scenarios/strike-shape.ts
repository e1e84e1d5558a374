// What a strike is (scenarios/strikes.ts draws one): the context it is
// drawn in, what it adds to a scenario, what it costs the majority budget,
// and the draw's shared state and link shapes that every kind's module
// (strike-cut-at-note.ts, strike-coordinators.ts, strike-network.ts,
// strike-membership.ts) builds on.
import type { HostName, JoinSpec, LeaveSpec, OrderMix, ScheduledFault } from './types.ts';
import type { StrikeKind, UnitRandom } from './strike-variants.ts';

export interface StrikeContext {
  processes: number;
  durationUs: number;
  suspectTimeoutUs: number;
  /** The protocol's view-change timeout, when the caller knows it (the hunt does; a generator leaves it to the default). */
  viewChangeTimeoutUs?: number;
  /** One message flight on this scenario's network, roughly (its mean delay plus half its jitter). */
  flightUs: number;
  /** Hosts the strike may still take out of the group. */
  budget: number;
  /** Initial hosts already named by earlier strikes (not used again). */
  takenHosts: readonly HostName[];
  /** The strike starts in this part of the fault phase (fractions of it). */
  window: readonly [number, number];
}

/** What a strike adds to the scenario. */
export interface Strike {
  kind: StrikeKind;
  /** Which of its kind's variants (STRIKE_VARIANTS). */
  variant: string;
  /** For `cutAtNote`: which protocol moment, and what was done there. */
  detail: string;
  joins: JoinSpec[];
  leaves: LeaveSpec[];
  schedule: ScheduledFault[];
  /** Hosts (or role slots) it takes out, counted against the majority budget. */
  takeOuts: number;
  hostsUsed: HostName[];
  /** The workload it needs: a total-order mix, a higher rate (a factor). */
  orders?: OrderMix;
  rateFactor?: number;
  /** A bound on the load (multicasts per second) the strike needs low. */
  maxRate?: number;
  /** The fault phase must last at least this long. */
  minDurationUs?: number;
  /** Random fault kinds that would undo the strike, turned off. */
  offRandomKinds?: string[];
  /**
   * Its race is timed in steps of steady links (a phase lands between two others): random faults
   * and the scenario's other membership events would shift those steps, so they are left out of a
   * scenario that has it (the random faults here; the generator's membership pairs and the hunt's
   * other faults by their callers).
   */
  quiet?: boolean;
}

/** One draw in progress: its context, the variant, the start, the group's hosts, and the strike being built. */
export interface StrikeDraw {
  ctx: StrikeContext;
  random: UnitRandom;
  variant: string;
  /** A uniform draw in [lo, hi). */
  between: (lo: number, hi: number) => number;
  /** A time rounded into the fault phase. */
  clamp: (t: number) => number;
  startUs: number;
  /** Every initial host, oldest first. */
  hosts: HostName[];
  /** Those no earlier strike named. */
  free: HostName[];
  /** The suspicion timeout. */
  timeout: number;
  strike: Strike;
}

/** What each strike takes out of the group (a split or the leaves take the whole group's budget: they come alone; a join takes nobody out). */
export function strikeCost(kind: StrikeKind, processes: number): number {
  switch (kind) {
    case 'joinAtLastWrites':
      return 0;
    case 'cutAtNote':
    case 'competingCoordinators':
    case 'slowLinkUnderLoad':
    case 'longIsolation':
      return 1;
    case 'lagAcrossViewChange':
      return 2;
    case 'noMajoritySplit':
    case 'leaveUnderSuspicion':
    case 'leavesMeetCrash':
      return Math.max(1, Math.floor((processes - 1) / 2));
  }
}

/** The steady links' delay: a fraction of the network's mean flight, within these bounds. */
const STEADY_MIN_US = 300;
const STEADY_MAX_US = 2_000;

/** One step of a view change on steady links: half the network's mean flight, within bounds. */
export function steadyStepUs(flightUs: number): number {
  return Math.min(STEADY_MAX_US, Math.max(STEADY_MIN_US, Math.round(flightUs / 2)));
}

/** A clean link of a nearly constant delay: a protocol's phases over it take known steps. */
export function steadyLink(delayUs: number): { delay: { minUs: number; meanUs: number; jitterUs: number }; lossProbability: number; duplicateProbability: number } {
  const us = Math.round(delayUs);
  return { delay: { minUs: us, meanUs: us, jitterUs: Math.round(us / 20) }, lossProbability: 0, duplicateProbability: 0 };
}

/** A link slowed to a nearly constant delay (loss and duplication left as they are). */
export function slowDelay(delayUs: number): { delay: { minUs: number; meanUs: number; jitterUs: number } } {
  return { delay: { minUs: Math.round(delayUs), meanUs: Math.round(delayUs), jitterUs: Math.round(delayUs / 50) } };
}

// fast-check arbitraries for membership events and their overlaps: the
// same choices the random generator draws (scenarios/membership-plan.ts),
// so a property test, a shrink or `hunt` explores the same space: every
// kind, every role as a target, two at a time within a flush, some fired at
// a protocol note.
import fc from 'fast-check';
import {
  buildOverlap,
  DEFAULT_SUSPECT_TIMEOUT_US,
  MEMBERSHIP_EVENTS,
  targetsOf,
  type MembershipEvent,
  type MembershipEventKind,
  type MembershipPlan,
  type OverlapChoice,
} from '../membership-plan.ts';

/** One membership event: a kind (of `kinds`, default all) and a target its kind allows. */
export function membershipEventArb(kinds: readonly MembershipEventKind[] = MEMBERSHIP_EVENTS): fc.Arbitrary<MembershipEvent> {
  return fc.constantFrom(...kinds).chain((kind) => fc.constantFrom(...targetsOf(kind)).map((target) => ({ kind, target })));
}

const fraction = fc.integer({ min: 0, max: 999 }).map((n) => n / 1000);

/** Everything drawn for one overlapping pair. */
export function overlapChoiceArb(kinds?: readonly MembershipEventKind[]): fc.Arbitrary<OverlapChoice> {
  const event = membershipEventArb(kinds);
  return fc.record({
    first: event,
    second: event,
    anchor: fraction,
    skew: fraction,
    onNote: fc.boolean(),
    note: fc.nat(15),
    node: fc.nat(15),
    hold: fraction,
    slowLink: fc.boolean(),
  });
}

export interface MembershipPlanArbOptions {
  processes: number;
  durationUs: number;
  /** The protocol's suspicion timeout (default ISIS's, 60 ms): crashes and cuts are timed by it. */
  suspectTimeoutUs?: number;
  /** Kinds to draw (default all six). */
  kinds?: readonly MembershipEventKind[];
  /** Hosts the plan may take out (default: a minority of `processes`). */
  budget?: number;
}

/** One overlapping pair as joins, leaves and scheduled faults (a second event beyond the budget is left out). */
export function membershipPlanArb(options: MembershipPlanArbOptions): fc.Arbitrary<MembershipPlan> {
  return overlapChoiceArb(options.kinds).map((choice) =>
    buildOverlap(choice, {
      processes: options.processes,
      durationUs: options.durationUs,
      suspectTimeoutUs: options.suspectTimeoutUs ?? DEFAULT_SUSPECT_TIMEOUT_US,
      budget: options.budget ?? Math.floor((options.processes - 1) / 2),
      takenHosts: [],
    }),
  );
}

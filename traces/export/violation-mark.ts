// What the exporters need to know about a checker violation. The checkers'
// result has the same shape (and more); exporters depend on this small type
// instead of on checkers/, so they can be tested with hand-made violations.
export interface ViolationMark {
  property: string;
  message: string;
  /** The `i` of the events that show the violation. */
  events: readonly number[];
  /** The fault it follows from, when the checkers know one ("p3 never received p4:1"). */
  cause?: string;
}

/**
 * Violations of one cause, as the checkers' report groups them
 * (checkers/report.ts `groupByCause`; the command line converts). A
 * violation with no shared cause is a group of its own.
 */
export interface ViolationGroupMark {
  cause: string | null;
  /** Violations of this cause, listed or not. */
  count: number;
  /** Positions in the violation list, the first shown first. */
  members: number[];
}

/** One group per violation: what a caller that has no grouping gets. */
export function ungrouped(violations: readonly ViolationMark[]): ViolationGroupMark[] {
  return violations.map((_, position) => ({ cause: null, count: 1, members: [position] }));
}

/** Event index -> positions (in `violations`) of the violations naming it. */
export function violationsByEvent(violations: readonly ViolationMark[]): Map<number, number[]> {
  const byEvent = new Map<number, number[]>();
  violations.forEach((violation, position) => {
    for (const i of violation.events) {
      const list = byEvent.get(i);
      if (list === undefined) byEvent.set(i, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  });
  return byEvent;
}

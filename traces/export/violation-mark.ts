// What the exporters need to know about a checker violation. The checkers'
// result has the same shape (and more); exporters depend on this small type
// instead of on checkers/, so they can be tested with hand-made violations.
export interface ViolationMark {
  property: string;
  message: string;
  /** The `i` of the events that show the violation. */
  events: readonly number[];
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

// The checker a run feeds event by event: by default every property of the
// trace contract (checkers/), so `vsynclab run` and `vsynclab check` judge
// a trace the same way. A scenario or a protocol may promise fewer (its
// property profile); the run then checks only those, and writes them to the
// trace header (`properties`) so an offline check agrees.
import { ALL_PROPERTIES, TraceChecker } from '../checkers/index.ts';
import type { PropertyId } from '../checkers/index.ts';
import type { TraceEvent } from '../traces/schema.ts';

export interface RunViolation {
  property: string;
  message: string;
  events: number[];
}

export interface OnlineChecker {
  /** Feeds the next event; returns the violations it revealed. */
  push(event: TraceEvent): RunViolation[];
  /** After the last event: every violation (liveness is judged only here), and what was checked. */
  finish(): { violations: RunViolation[]; checked: string[]; skipped: string[]; warnings: string[] };
}

/** A checker of the promised properties (default: all). */
export function defaultChecker(properties?: readonly PropertyId[]): OnlineChecker {
  return new TraceChecker(properties === undefined ? {} : { properties });
}

/**
 * What a run promises: the properties both the scenario and the protocol
 * promise, in contract order; undefined when both promise all (the header
 * then says nothing).
 */
export function promisedProperties(
  scenario: readonly PropertyId[] | undefined,
  protocol: readonly PropertyId[] | undefined,
): PropertyId[] | undefined {
  if (scenario === undefined && protocol === undefined) return undefined;
  const promised = ALL_PROPERTIES.filter(
    (id) => (scenario === undefined || scenario.includes(id)) && (protocol === undefined || protocol.includes(id)),
  );
  return promised.length === ALL_PROPERTIES.length ? undefined : promised;
}

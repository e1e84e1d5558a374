// The checker a run feeds event by event: by default every property of the
// trace contract (checkers/), so `vsynclab run` and `vsynclab check` judge
// a trace the same way.
import { TraceChecker } from '../checkers/index.ts';
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

export function defaultChecker(): OnlineChecker {
  return new TraceChecker();
}

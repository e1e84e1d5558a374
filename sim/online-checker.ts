// The checker a run feeds event by event.
import type { TraceEvent } from '../traces/schema.ts';

export interface RunViolation {
  property: string;
  message: string;
  events: number[];
}

export interface OnlineChecker {
  /** Feeds the next event; returns the violations it revealed. */
  push(event: TraceEvent): RunViolation[];
  finish(): { checked: string[]; skipped: string[]; warnings: string[] };
}

export function defaultChecker(): OnlineChecker | null {
  return null;
}

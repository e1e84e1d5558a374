// Judges the path to a state with the trace checkers (checkers/): the
// path's events are fed, in order, to a fresh TraceChecker, and the first
// violation it reveals is returned with the step that revealed it. At a
// terminal state (nothing enabled) the path ends as if with `end
// {quiescent: true}`, so the liveness properties are judged too.
//
// The explorer does not judge every state's path: a safety violation found
// on a path stays visible on every longer path through it (the checker is
// online and reports a violation at the event that reveals it), so judging
// the path of each leaf of the search tree judges every state on it.
import { LIVENESS_PROPERTIES, TraceChecker } from '../../checkers/index.ts';
import type { PropertyId } from '../../checkers/index.ts';
import type { TraceEvent, UnnumberedEvent } from '../../traces/schema.ts';
import { isKnownEvent } from '../../traces/schema.ts';
import { numberEvent } from '../../traces/serialize.ts';
import type { Trail } from './state.ts';

export interface PathViolation {
  /** A contract property, or `replicas` (replica disagreement at a terminal state: replicas.ts). */
  property: PropertyId | 'replicas';
  message: string;
  /** The `i` of the events that show it, in the path's trace. */
  events: number[];
  /** The step whose events revealed it (its trail depth); the counterexample ends there. */
  step: number;
  /** A liveness violation at a terminal state. */
  liveness: boolean;
}

/** The trail's nodes, the initial state first. */
export function trailNodes(trail: Trail): Trail[] {
  const out: Trail[] = new Array<Trail>(trail.depth + 1);
  let at: Trail | null = trail;
  for (let k = trail.depth; k >= 0 && at !== null; k--, at = at.prev) out[k] = at;
  return out;
}

/** The path's trace events, numbered, with an `end` line when `end` is given. */
export function pathEvents(trail: Trail, end: { quiescent: boolean } | null): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const node of trailNodes(trail)) for (const event of node.events) out.push(event);
  if (end !== null) out.push(numberEvent({ type: 'end', t: trail.depth, quiescent: end.quiescent } as UnnumberedEvent, out.length));
  return out;
}

/**
 * True when the path to `trail` was already judged clean: a path through an
 * ancestor was, and the steps since wrote nothing the checkers read.
 */
export function alreadyJudged(trail: Trail): boolean {
  for (let at: Trail | null = trail; at !== null; at = at.prev) {
    if (at.judged === true) return true;
    const events = at.events;
    for (let k = 0; k < events.length; k++) if (isKnownEvent(events[k] as TraceEvent)) return false;
  }
  return false;
}

/**
 * The first violation on the path to `trail` of the `promised` properties
 * (undefined: all; the model's `promised`); at a terminal state, liveness too.
 */
export function checkPath(trail: Trail, terminal: boolean, promised: readonly PropertyId[] | undefined): PathViolation | null {
  if (!terminal && alreadyJudged(trail)) return null;
  const checker = new TraceChecker(promised === undefined ? { maxViolations: 16 } : { maxViolations: 16, properties: promised });
  const nodes = trailNodes(trail);
  // Indexed loops: a for-of allocated an iterator result per event (checkPath runs once per leaf).
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n] as Trail;
    const events = node.events;
    for (let k = 0; k < events.length; k++) {
      const found = checker.push(events[k] as TraceEvent);
      if (found.length > 0) {
        const v = found[0]!;
        return { property: v.property, message: v.message, events: v.events, step: node.depth, liveness: false };
      }
    }
  }
  for (let n = 0; n < nodes.length; n++) (nodes[n] as Trail).judged = true;
  if (!terminal) return null;
  checker.push(numberEvent({ type: 'end', t: trail.depth, quiescent: true } as UnnumberedEvent, trail.eventCount));
  const result = checker.finish();
  const v = result.violations.find((x) => LIVENESS_PROPERTIES.includes(x.property));
  return v === undefined ? null : { property: v.property, message: v.message, events: v.events, step: trail.depth, liveness: true };
}

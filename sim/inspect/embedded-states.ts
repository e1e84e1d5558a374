// The process states of a whole trace, for the HTML viewer's state panel:
// for every event, each process whose state changed gets a step with the
// changes (state-diff.ts), the first step of a process holding its whole
// state. The viewer rebuilds the state of `node` after event `i` by applying
// that node's steps with index <= i, in order. A page holds only so much: past
// `maxJsonChars` of steps, embedding stops and the result says where.
import type { ProcessId } from '../../core/ids.ts';
import type { ReplayDifference } from '../replay.ts';
import { replayStates } from './replay-states.ts';
import { applyChanges, diffState, type StateChange } from './state-diff.ts';

export interface EmbeddedStateStep {
  /** The event after which the changes hold. */
  i: number;
  node: ProcessId;
  changes: StateChange[];
}

export interface EmbeddedStates {
  steps: EmbeddedStateStep[];
  /**
   * Null when every event's states are embedded; else the first event whose
   * states are not (they, and every later event's, are left out) and why.
   */
  truncated: { fromEvent: number; reason: string } | null;
  /** The replay differs from the recorded trace here: no step at or after it is embedded. */
  difference: ReplayDifference | null;
}

/** About 8 MB of JSON: what a browser page opens without pain. */
export const DEFAULT_MAX_STATE_JSON_CHARS = 8_000_000;

export interface EmbeddedStatesOptions {
  /** Stop before the steps' JSON would grow past this many characters. */
  maxJsonChars?: number;
  /** Embed no step after this event (a viewer window's last event); the replay still checks every line. */
  lastEvent?: number;
  /** Hears each replayed event's index: a long trace's progress. */
  onEvent?: (index: number) => void;
}

/** The embedded-states structure of the trace `lines` (`path` names it in messages). */
export function embeddedStates(lines: readonly string[], path: string, options: EmbeddedStatesOptions = {}): EmbeddedStates {
  const maxJsonChars = options.maxJsonChars ?? DEFAULT_MAX_STATE_JSON_CHARS;
  const steps: EmbeddedStateStep[] = [];
  const embedded = new Map<ProcessId, unknown>();
  // The steps array's JSON: brackets, then each step and its comma.
  let jsonChars = 2;
  let truncated: EmbeddedStates['truncated'] = null;
  const lastEvent = options.lastEvent ?? Number.MAX_SAFE_INTEGER;
  const replay = replayStates(lines, path, ({ index, states }) => {
    options.onEvent?.(index);
    if (truncated !== null || index > lastEvent) return;
    const found: EmbeddedStateStep[] = [];
    let chars = 0;
    for (const [node, state] of states) {
      const last = embedded.get(node);
      if (state === last) continue;
      const changes = diffState(last, state);
      if (changes.length === 0) continue;
      const step = { i: index, node, changes };
      found.push(step);
      chars += JSON.stringify(step).length + 1;
    }
    if (jsonChars + chars > maxJsonChars) {
      truncated = { fromEvent: index, reason: `the states up to event ${index} would take more than ${maxJsonChars} characters of JSON` };
      return;
    }
    jsonChars += chars;
    for (const step of found) {
      steps.push(step);
      embedded.set(step.node, states.get(step.node));
    }
  });
  const difference = replay.difference;
  if (difference === null) return { steps, truncated, difference };
  // A diverged replay's states are not the recorded run's from the first differing event on.
  const firstBad = difference.line - 2;
  return { steps: steps.filter((s) => s.i < firstBad), truncated, difference };
}

/** The state of `node` after event `i`, rebuilt from embedded steps (what the viewer does). */
export function stateFromSteps(steps: readonly EmbeddedStateStep[], node: ProcessId, i: number): unknown {
  let state: unknown = undefined;
  for (const step of steps) if (step.node === node && step.i <= i) state = applyChanges(state, step.changes);
  return state;
}

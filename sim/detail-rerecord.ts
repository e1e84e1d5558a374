// A failing run's trace comes with its causes: the run is recorded again at
// detail `full` (the seed makes the second run the same run) and the trace
// of that second run is the one written. Recording must never change a run:
// the second run must fail exactly as the first did, with the same
// violations naming the same application events. `sameFailure` checks it;
// the callers fall back to the first run's detail if it ever does not hold.
import { isNetworkEvent, type TraceEvent } from '../traces/schema.ts';
import type { RunResult } from './run.ts';

/** Collects where a detailed trace's network events are, to map its indices back to the `app` numbering. */
export class NetworkEventIndex {
  /** The `i` of every network event, ascending (bounded by the run's trace-event bounds). */
  private readonly indices: number[] = [];

  readonly onEvent = (event: TraceEvent): void => {
    if (isNetworkEvent(event)) this.indices.push(event.i);
  };

  /** The index event `i` of the detailed trace has in the same run's `app` trace. */
  appIndex(i: number): number {
    let lo = 0;
    let hi = this.indices.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.indices[mid] as number) < i) lo = mid + 1;
      else hi = mid;
    }
    return i - lo;
  }
}

/**
 * Null when `detailed` (recorded with `index` listening) failed exactly as
 * `first` did (recorded with `firstIndex` listening, or at `app`): the same
 * failure, the same violations (property, message and events, in `app`
 * numbering); else what differs, in words.
 */
export function sameFailure(first: RunResult, firstIndex: NetworkEventIndex | null, detailed: RunResult, index: NetworkEventIndex): string | null {
  const app = first;
  if (app.failure !== detailed.failure) return `failure ${JSON.stringify(app.failure)} became ${JSON.stringify(detailed.failure)}`;
  if (app.violations.length !== detailed.violations.length) {
    return `${app.violations.length} violations became ${detailed.violations.length}`;
  }
  for (let k = 0; k < app.violations.length; k++) {
    const a = app.violations[k]!;
    const d = detailed.violations[k]!;
    const before = firstIndex === null ? a.events : a.events.map((i) => firstIndex.appIndex(i));
    const events = d.events.map((i) => index.appIndex(i));
    if (a.property !== d.property || a.message !== d.message || events.join(',') !== before.join(',')) {
      return `violation ${k + 1} differs: ${a.property} ${a.message} [${before.join(',')}] became ${d.property} ${d.message} [${events.join(',')}]`;
    }
  }
  return null;
}

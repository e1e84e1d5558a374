// What the search needs to know of each candidate's run besides its
// result, noted by a checker wrapped around the run's own: when each
// property's first violation showed (the cut), when each multicast was
// issued (a later start) and when each view was first installed (a
// departure as a join).
import type { OnlineChecker } from './online-checker.ts';
import { isKnownEvent } from '../traces/schema.ts';

export interface Watched {
  firstAtUs: Map<string, number>;
  multicastTimesUs: number[];
  /** When each view after the first was first installed, by any process, in order of id. */
  viewTimesUs: number[];
}

/**
 * The run's checker, unchanged, noting when each property's first violation
 * showed (the time of the event that revealed it; liveness is judged only
 * at the end: it is never noted), and when each multicast was issued.
 */
export function watchedChecker(inner: OnlineChecker): Watched & { checker: OnlineChecker } {
  const firstAtUs = new Map<string, number>();
  const multicastTimesUs: number[] = [];
  const viewTimesUs: number[] = [];
  let lastViewId = 1;
  const checker: OnlineChecker = {
    push(event) {
      if (event.type === 'bcast') multicastTimesUs.push(event.t);
      if (isKnownEvent(event) && event.type === 'view' && event.view.id > lastViewId) {
        lastViewId = event.view.id;
        viewTimesUs.push(event.t);
      }
      const found = inner.push(event);
      for (const v of found) if (!firstAtUs.has(v.property)) firstAtUs.set(v.property, event.t);
      return found;
    },
    finish: () => inner.finish(),
  };
  return { checker, firstAtUs, multicastTimesUs, viewTimesUs };
}

// suspicion: a process is told another failed. The explorer's perfect
// detector reports real crashes (unbudgeted); an unreliable one also
// suspects live processes, counted against the `suspicion` budget. Timed
// runs get false suspicions from the protocol's own detector, provoked by
// a short isolation or a slow link (the generators' `falseSuspicion`).
import type { ExplorePart, FaultKind } from './types.ts';

export const suspicion: FaultKind<null, null, ExplorePart<'suspicion'>> = {
  id: 'suspicion',
  summary: 'a process is told a live process failed (a false suspicion)',
  scenarioField: 'explore.failureDetector "unreliable" and explore.budgets.suspicion; timed: an isolate or slow link',
  scheduled: null,
  random: null,
  explore: { action: 'suspect', choices: 'each-false-suspicion', keepsMajority: false, budget: { key: 'suspicion', legacyField: 'suspicions', synonyms: [] } },
  membershipEvent: 'falseSuspicion',
  traceEvents: { timed: ['suspect'], explored: ['suspect'] },
};

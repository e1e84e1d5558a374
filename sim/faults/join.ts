// join: a new host (p4 after p1..p3) starts and asks the live processes to
// let it in, with state transfer. A workload entry in timed runs; explored
// as the next joiner while the budget lasts.
import type { ExplorePart, FaultKind } from './types.ts';

export const join: FaultKind<null, null, ExplorePart<'join'>> = {
  id: 'join',
  summary: 'a new host starts and joins the group with state transfer',
  scenarioField: 'workload.joins',
  scheduled: null,
  random: null,
  explore: { action: 'join', choices: 'next-joiner', keepsMajority: false, budget: { key: 'join', legacyField: 'joins', synonyms: [] } },
  membershipEvent: 'join',
  traceEvents: { timed: ['start'], explored: ['start'] },
};

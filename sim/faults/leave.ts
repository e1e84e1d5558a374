// leave: the application asks a live process to leave the group (the
// protocol then writes its `exit` with reason `left`). A workload entry in
// timed runs; explored once per live process while the budget lasts.
import type { ExplorePart, FaultKind } from './types.ts';

export const leave: FaultKind<null, null, ExplorePart<'leave'>> = {
  id: 'leave',
  summary: 'a live process is asked to leave the group',
  scenarioField: 'workload.leaves',
  scheduled: null,
  random: null,
  explore: { action: 'leave', choices: 'each-live-process', keepsMajority: false, budget: { key: 'leave', legacyField: 'leaves', synonyms: [] } },
  membershipEvent: 'leave',
  traceEvents: { timed: [], explored: [] },
};

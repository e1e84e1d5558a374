// heal: the network is whole again. Scheduled, drawn by the random
// generator while cut, applied by the fault driver at the end of the fault
// phase, and explored (unbudgeted) whenever the network is cut.
import { noFieldFault } from './no-field-fault.ts';
import type { ExplorePart, FaultKind } from './types.ts';

export const heal: FaultKind<'heal', 'heal', ExplorePart<null>> = {
  id: 'heal',
  summary: 'the network is whole again',
  scenarioField: 'faults.schedule[].type "heal"; faults.random.kinds.heal',
  scheduled: noFieldFault('heal', (t) => t.heal()),
  random: {
    key: 'heal',
    uniformWeight: 1,
    swarm: true,
    possible: (c) => c.partitioned,
    draw: () => ({ type: 'heal' }),
  },
  explore: { action: 'heal', choices: 'when-cut', keepsMajority: false, budget: null },
  membershipEvent: null,
  traceEvents: { timed: ['heal'], explored: ['heal'] },
};

// crash: a process stops for good (its host may restart later as a new
// incarnation). Scheduled (`{"type": "crash", "host": "p2"}` or a role),
// drawn by the random generator among the hosts the group can spare, and
// explored once per live process while the crash budget lasts.
import { hostFault } from './host-fault.ts';
import type { ExplorePart, FaultKind } from './types.ts';

export const crash: FaultKind<'crash', 'crash', ExplorePart<'crash'>> = {
  id: 'crash',
  summary: 'a process stops for good; its messages in flight to it are lost',
  scenarioField: 'faults.schedule[].type "crash"; faults.random.kinds.crash',
  scheduled: hostFault('crash', (t, host) => t.crashHost(host), true),
  random: {
    key: 'crash',
    uniformWeight: 1,
    swarm: true,
    possible: (c) => c.room > 0 && c.up.length > 1,
    draw: (c) => ({ type: 'crash', host: c.rng.pick(c.up) }),
  },
  explore: { action: 'crash', choices: 'each-live-process', keepsMajority: true, budget: { key: 'crash', legacyField: 'crashes', synonyms: [] } },
  membershipEvent: 'crash',
  traceEvents: { timed: ['crash'], explored: ['crash'] },
};

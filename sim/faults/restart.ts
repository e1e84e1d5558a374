// restart: a host reboots: its process (if live) crashes and the host's next
// incarnation (`p3#2`) starts and joins with state transfer. Scheduled,
// drawn by the random generator for hosts whose process is down, and
// explored for crashed processes while the restart budget lasts.
import { hostFault } from './host-fault.ts';
import type { ExplorePart, FaultKind } from './types.ts';

export const restart: FaultKind<'restart', 'restart', ExplorePart<'restart'>> = {
  id: 'restart',
  summary: "a host reboots: its live process crashes, the host's next incarnation joins with state transfer",
  scenarioField: 'faults.schedule[].type "restart"; faults.random.kinds.restart; faults.rejoinExcludedAfterUs',
  scheduled: hostFault('restart', (t, host) => t.restartHost(host), true),
  random: {
    key: 'restart',
    uniformWeight: 1,
    swarm: true,
    possible: (c) => c.restartable.length > 0,
    draw: (c) => ({ type: 'restart', host: c.rng.pick(c.restartable) }),
  },
  explore: { action: 'restart', choices: 'each-crashed-host', keepsMajority: false, budget: { key: 'restart', legacyField: null, synonyms: [] } },
  membershipEvent: 'restart',
  traceEvents: { timed: ['crash', 'start'], explored: ['start'] },
};

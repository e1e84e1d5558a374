// restart: a host reboots: its process (if live) crashes and the host's next
// incarnation (`p3#2`) starts and joins with state transfer. Scheduled,
// drawn by the random generator for hosts whose process is down, and
// explored for crashed processes while the restart budget lasts.
import fc from 'fast-check';
import { join } from '../../scenarios/fields.ts';
import { hostOrRole } from '../../scenarios/field-readers.ts';
import type { ExplorePart, FaultKind } from './types.ts';

export const restart: FaultKind<'restart', 'restart', ExplorePart<'restart'>> = {
  id: 'restart',
  summary: "a host reboots: its live process crashes, the host's next incarnation joins with state transfer",
  scenarioField: 'faults.schedule[].type "restart"; faults.random.kinds.restart; faults.rejoinExcludedAfterUs',
  scheduled: {
    type: 'restart',
    fields: ['host'],
    read: (f, raw, path) => ({ host: hostOrRole(f, raw.host, join(path, 'host')) }),
    arbitrary: ({ target, when }) => fc.tuple(target, when).map(([h, w]) => ({ type: 'restart' as const, host: h, ...w })),
    keepDrawn: () => true,
    countsAsCrash: true,
    apply: (fault, t) => {
      const host = t.resolve(fault.host);
      if (host !== undefined) t.restartHost(host);
    },
    takesHostOut: () => true,
    hostsOut: (fault, c) => [c.slot(fault.host)],
  },
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

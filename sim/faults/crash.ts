// crash: a process stops for good (its host may restart later as a new
// incarnation). Scheduled (`{"type": "crash", "host": "p2"}` or a role),
// drawn by the random generator among the hosts the group can spare, and
// explored once per live process while the crash budget lasts.
import fc from 'fast-check';
import { join } from '../../scenarios/fields.ts';
import { hostOrRole } from '../../scenarios/field-readers.ts';
import type { ExplorePart, FaultKind } from './types.ts';

export const crash: FaultKind<'crash', 'crash', ExplorePart<'crash'>> = {
  id: 'crash',
  summary: 'a process stops for good; its messages in flight to it are lost',
  scenarioField: 'faults.schedule[].type "crash"; faults.random.kinds.crash',
  scheduled: {
    type: 'crash',
    fields: ['host'],
    read: (f, raw, path) => ({ host: hostOrRole(f, raw.host, join(path, 'host')) }),
    arbitrary: ({ target, when }) => fc.tuple(target, when).map(([h, w]) => ({ type: 'crash' as const, host: h, ...w })),
    keepDrawn: () => true,
    countsAsCrash: true,
    apply: (fault, t) => {
      const host = t.resolve(fault.host);
      if (host !== undefined) t.crashHost(host);
    },
    takesHostOut: () => true,
    hostsOut: (fault, c) => [c.slot(fault.host)],
  },
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

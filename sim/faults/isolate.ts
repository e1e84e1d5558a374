// isolate: one host is cut off from every other, on top of a partition
// already in force; `heal` ends it. Scheduled only (the generators' false
// suspicions and coordinator partitions use it); the explorer's splits
// already include every one-host side.
import fc from 'fast-check';
import { join } from '../../scenarios/fields.ts';
import { hostOrRole } from '../../scenarios/field-readers.ts';
import type { FaultKind } from './types.ts';

export const isolate: FaultKind<'isolate', null, null> = {
  id: 'isolate',
  summary: 'one host is cut off from every other (added to a partition in force)',
  scenarioField: 'faults.schedule[].type "isolate"',
  scheduled: {
    type: 'isolate',
    fields: ['host'],
    read: (f, raw, path) => ({ host: hostOrRole(f, raw.host, join(path, 'host')) }),
    arbitrary: ({ target, when }) => fc.tuple(target, when).map(([h, w]) => ({ type: 'isolate' as const, host: h, ...w })),
    keepDrawn: () => true,
    countsAsCrash: false,
    apply: (fault, t) => {
      const host = t.resolve(fault.host);
      if (host !== undefined) t.isolate(host);
    },
    takesHostOut: () => true,
    hostsOut: (fault, c) => [c.slot(fault.host)],
  },
  random: null,
  explore: null,
  membershipEvent: 'coordinatorPartition',
  traceEvents: { timed: ['partition'], explored: [] },
};

// isolate: one host is cut off from every other, on top of a partition
// already in force; `heal` ends it. Scheduled only (the generators' false
// suspicions and coordinator partitions use it); the explorer's splits
// already include every one-host side.
import { hostFault } from './host-fault.ts';
import type { FaultKind } from './types.ts';

export const isolate: FaultKind<'isolate', null, null> = {
  id: 'isolate',
  summary: 'one host is cut off from every other (added to a partition in force)',
  scenarioField: 'faults.schedule[].type "isolate"',
  scheduled: hostFault('isolate', (t, host) => t.isolate(host), false),
  random: null,
  explore: null,
  membershipEvent: 'coordinatorPartition',
  traceEvents: { timed: ['partition'], explored: [] },
};

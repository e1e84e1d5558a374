// link-reset: every link fault ends; links return to the scenario's
// settings. Scheduled only (the end of the fault phase does it too).
import { noFieldFault } from './no-field-fault.ts';
import type { FaultKind } from './types.ts';

export const linkReset: FaultKind<'link-reset', null, null> = {
  id: 'link-reset',
  summary: "every link fault ends; links return to the scenario's settings",
  scenarioField: 'faults.schedule[].type "link-reset"',
  scheduled: noFieldFault('link-reset', (t) => t.resetLinks()),
  random: null,
  explore: null,
  membershipEvent: null,
  traceEvents: { timed: ['link'], explored: [] },
};

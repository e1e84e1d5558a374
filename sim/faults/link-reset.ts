// link-reset: every link fault ends; links return to the scenario's
// settings. Scheduled only (the end of the fault phase does it too).
import type { FaultKind } from './types.ts';

export const linkReset: FaultKind<'link-reset', null, null> = {
  id: 'link-reset',
  summary: "every link fault ends; links return to the scenario's settings",
  scenarioField: 'faults.schedule[].type "link-reset"',
  scheduled: {
    type: 'link-reset',
    fields: [],
    read: () => ({}),
    arbitrary: ({ when }) => when.map((w) => ({ type: 'link-reset' as const, ...w })),
    keepDrawn: () => true,
    countsAsCrash: false,
    apply: (_fault, t) => t.resetLinks(),
    takesHostOut: () => false,
    hostsOut: () => null,
  },
  random: null,
  explore: null,
  membershipEvent: null,
  traceEvents: { timed: ['link'], explored: [] },
};

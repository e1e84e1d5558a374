// duplication: the network delivers a message twice. In timed runs a
// probability (the network's `duplicateProbability` or a `link` entry's);
// the explorer adds a second copy of an in-flight message while the
// `duplicate` budget lasts.
import type { ExplorePart, FaultKind } from './types.ts';

export const duplication: FaultKind<null, null, ExplorePart<'duplicate'>> = {
  id: 'duplication',
  summary: 'the network delivers a message twice',
  scenarioField: 'network.duplicateProbability; faults.schedule[] link duplicateProbability',
  scheduled: null,
  random: null,
  explore: { action: 'duplicate', choices: 'each-message', keepsMajority: false, budget: { key: 'duplicate', legacyField: 'duplicates', synonyms: [] } },
  membershipEvent: null,
  traceEvents: { timed: ['dup'], explored: ['duplicate'] },
};

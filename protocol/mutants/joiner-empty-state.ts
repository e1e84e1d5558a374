// Mutant joiner-empty-state (protocol/isis/install.ts, installProposal).
//
// A joiner must start from the application state the install message
// carries (the state transfer): the map as of its first view. This mutant
// has the joiner install the view but keep its own, empty, map: every write
// made before it joined is missing from its replica for good.
//
// The change: `app: snapshot` becomes `app: {}` (IsisLayers.joinerTakesTransferredState = false).
//
// Imitates: ZOOKEEPER-4352 (apache/zookeeper PR #1745): a server joining the
// ensemble after a leader change synced only part of the data from the new
// leader: a joiner whose state transfer misses writes.
// Should break: replicas.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const joinerEmptyState: Mutant = {
  name: 'joiner-empty-state',
  summary: 'a joiner installs its first view but ignores the state transfer: it starts from an empty map',
  imitates: 'ZOOKEEPER-4352: a joining server synced from a new leader gets only part of the data',
  breaks: ['replicas'],
  file: 'protocol/isis/install.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, joinerTakesTransferredState: false }),
};

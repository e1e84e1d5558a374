// Mutant stale-state-transfer (protocol/isis/install.ts, installProposal).
//
// A joiner must start from the application state as of its first view:
// the map after every delivery of the old view, the flush's included. This
// mutant captures the state transferred to joiners before the flush
// deliveries are applied (when the view change began), so the joiner
// misses the writes the flush delivered and its replica differs for good
// wherever those keys are not written again.
//
// The change: the install message's snapshot is the map before `applyFlush`
// instead of after (IsisLayers.transferStateAfterFlush = false).
//
// Imitates: state transfer taken at the wrong moment (the join reply
// captured when the view change starts, before the last messages of the
// old view are delivered): the joiner starts with a stale map.
// Real bug: ZOOKEEPER-4785 "Txn loss due to race condition in
// Learner.syncWithLeader() during DIFF sync" (apache/zookeeper PR #2111):
// state transferred to a learner at the wrong moment misses transactions.
// Should break: replicas (the replicated maps differ at the end).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const staleStateTransfer: Mutant = {
  name: 'stale-state-transfer',
  summary: 'state transfer captured before the flush deliveries: the joiner starts with a stale map',
  imitates: 'a join reply built when the view change starts, not after the old view\'s last deliveries',
  breaks: ['replicas'],
  file: 'protocol/isis/install.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, transferStateAfterFlush: false }),
};

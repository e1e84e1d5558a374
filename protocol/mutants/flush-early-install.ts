// Mutant flush-early-install (protocol/isis/membership.ts, maybeFinishFlush; IsisLayers.awaitEveryFlushReply).
//
// The coordinator installs the new view as soon as a majority of FLUSH_OK
// replies is in, instead of waiting for every member it does not suspect.
// A member whose reply is late never had its unstable messages collected:
// the others move on without them.
//
// Imitates: view-change code that treats the flush like a quorum write
// ("a majority is enough") and loses messages only one member had.
// Real bug: ZOOKEEPER-3023 "Sync and commit diff log entries before NEWLEADER ack"
// (apache/zookeeper PR #1848): a new epoch was activated on a quorum of
// acknowledgements sent before the followers had applied the sync.
// Should break: virtual-synchrony, self-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushEarlyInstall: Mutant = {
  name: 'flush-early-install',
  summary: 'the coordinator installs the new view before every FLUSH_OK arrived',
  imitates: 'a flush treated as a quorum round: a majority of replies is "enough"',
  breaks: ['virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, awaitEveryFlushReply: false }),
};

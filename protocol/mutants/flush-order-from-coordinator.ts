// Mutant flush-order-from-coordinator (protocol/isis/flush.ts, decideFlush).
//
// When the view changes, the total order the sequencer published must be
// kept as far as any replier knows it: orders known by a majority may have
// been delivered. This mutant keeps only the order the coordinator itself
// knows; orders past it (known to other repliers, maybe delivered by them)
// are ordered again from scratch.
//
// The change: `longest` is the first reply (the coordinator's own) instead
// of the reply that knows the most orders (IsisLayers.flushTakesLongestOrder = false).
//
// Imitates: a new leader that recovers from its own log without the
// up-to-date check (Raft's election restriction, section 5.4.1).
// Real bug: ravendb/ravendb PR #9325 "RavenDB-13612 follower should report
// back the latest incoming entry index": a leader and a follower committed
// different entries at one index after an election.
// Should break: total-order; what it broke first is self-delivery and virtual-synchrony
// (members that delivered past the coordinator's order cannot follow the forced one: flush-incomplete).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushOrderFromCoordinator: Mutant = {
  name: 'flush-order-from-coordinator',
  summary: 'the flush keeps the coordinator\'s own known total order, not the longest one a replier knows',
  imitates: 'RavenDB-13612: a new leader recovers the order from its own log, not the most up-to-date one',
  breaks: ['total-order', 'self-delivery', 'virtual-synchrony', 'delivery-liveness'],
  file: 'protocol/isis/flush.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, flushTakesLongestOrder: false }),
};

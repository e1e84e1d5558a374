// Mutant abcast-unstable-order (protocol/isis/abcast.ts, majorityKnown).
//
// A member may deliver the k-th total message only once more than half
// of the view knows order k: then any flush quorum reports it, and the
// order survives the sequencer's failure. This mutant delivers as soon as
// this member knows the order (the maximum of the acknowledgements, which
// includes its own). A sequencer cut off right after ordering delivers in
// an order nobody else learns; the survivors' flush orders those messages
// its own way.
//
// The change: `sorted[floor(n / 2)]` becomes `sorted[0]` (IsisLayers.stableOrderCount).
//
// Imitates: ABCAST delivering before the order is stable at a majority
// (sequencer-based total order without the stability wait).
// Real bug: ZOOKEEPER-3911 "Data inconsistency caused by DIFF sync uncommitted log"
// (apache/zookeeper PR #1445): the leader served once a quorum acknowledged,
// before the followers had made the proposals durable; a crash then lost
// proposals some clients had already seen.
// Should break: total-order.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

function anyoneKnows(knownBy: readonly number[]): number {
  const sorted = knownBy.slice().sort((a, b) => b - a);
  return sorted[0] ?? 0; // mutated: was sorted[Math.floor(sorted.length / 2)]
}

export const abcastUnstableOrder: Mutant = {
  name: 'abcast-unstable-order',
  summary: 'ABCAST delivers before the order is known by a majority',
  imitates: 'a sequencer-based total order that delivers as soon as the order is known locally',
  breaks: ['total-order'],
  file: 'protocol/isis/abcast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, stableOrderCount: anyoneKnows }),
};

// Mutant flush-reorders-total (protocol/isis/flush.ts, decideFlush).
//
// When the sequencer fails, the flush must keep the total order it had
// published, as far as any survivor knows it: some members may already
// have delivered part of it. This mutant orders every total message not
// yet delivered by all survivors from scratch (by timestamp sum, rank,
// sequence number), so members that delivered some of them in the
// sequencer's order and members that deliver them now in the flush's order
// disagree.
//
// The change: the loop that copies the longest known order into the
// decision is skipped (IsisLayers.flushKeepsSequencerOrder = false).
//
// Imitates: sequencer failover that rebuilds the order from the messages
// on hand instead of recovering the old sequencer's log (duplicate or
// out-of-order total deliveries after failover).
// Real bug: JGRP-1452 "SEQUENCER shouldn't try to guess at view changes"
// (belaban/JGroups PR #39): sequencer failover that acted on its own guess
// of the next view instead of the agreed one.
// Should break: total-order; a member that delivered part of the old order
// cannot follow the new one and stalls (virtual-synchrony, self-delivery,
// delivery-liveness).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushReordersTotal: Mutant = {
  name: 'flush-reorders-total',
  summary: "the sequencer's order is lost at failover: the flush re-orders undelivered total messages",
  imitates: "sequencer failover that rebuilds the total order from scratch instead of recovering the old sequencer's order",
  breaks: ['total-order', 'virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/flush.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, flushKeepsSequencerOrder: false }),
};

// Mutant deliver-after-flush-reply (protocol/isis/multicast.ts, runDelivery).
//
// A member that has sent its flush reply has told the coordinator exactly
// what it delivered in the view; the decision is built on that. It must
// deliver nothing more until the decision comes. This mutant freezes only
// sending: messages still arriving (typically the last ones of the member
// being removed, still on the wire or retransmitted) are delivered after
// the reply, so this member delivers messages the decision does not give
// the others.
//
// The change: `if (... || s.gms.frozen || ...) return s` loses the frozen
// test (IsisLayers.holdDeliveriesWhileFrozen = false).
//
// Imitates: messages from a suspected (removed) member still accepted after
// the flush: a flush that blocks the senders but not the receive path.
// Real bug: JGRP-1495 "message and view delivered out of order"
// (belaban/JGroups PR #60): a message delivered on the wrong side of a view
// change.
// Should break: virtual-synchrony.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const deliverAfterFlushReply: Mutant = {
  name: 'deliver-after-flush-reply',
  summary: 'late messages (typically the suspected member\'s) still delivered after the flush reply',
  imitates: 'a flush that stops sending but not delivering: a removed member\'s late messages slip in after the flush',
  breaks: ['virtual-synchrony'],
  file: 'protocol/isis/multicast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, holdDeliveriesWhileFrozen: false }),
};

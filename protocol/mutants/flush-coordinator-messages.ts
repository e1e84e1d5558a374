// Mutant flush-coordinator-messages (protocol/isis/flush.ts, decideFlush).
//
// The flush decision must forward every message some survivor delivered
// and another lacks; it collects them from every flush reply. This mutant
// takes the delivered vectors of every reply but the messages of the
// coordinator's own reply only: a message another member delivered and the
// coordinator never received is in nobody's decision, so the members that
// lack it install the next view without it.
//
// The change: the message loop of `decideFlush` reads `replies.slice(0, 1)` (IsisLayers.flushGathersEveryReply = false).
//
// Imitates: corosync PR #663 "totemsrp: Switch totempg buffers at the right
// time": recovered messages of the old ring got lost (or corrupted) when the
// buffers were switched before they were delivered at the configuration
// change.
// Should break: virtual-synchrony, self-delivery, sending-view-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushCoordinatorMessages: Mutant = {
  name: 'flush-coordinator-messages',
  summary: 'the flush forwards only the messages the coordinator holds, not those of every reply',
  imitates: 'corosync PR #663: messages recovered at a membership change lost before every member delivered them',
  breaks: ['virtual-synchrony', 'self-delivery', 'sending-view-delivery', 'delivery-liveness'],
  file: 'protocol/isis/flush.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, flushGathersEveryReply: false }),
};

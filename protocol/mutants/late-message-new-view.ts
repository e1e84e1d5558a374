// Mutant late-message-new-view (protocol/isis/multicast.ts, onMulticast).
//
// Sequence numbers and vector timestamps are per view, so a multicast is
// taken only in the view it was sent in; the flush has already settled
// the old view's messages. This mutant also takes a message of an earlier
// view that arrives after the receiver installed the next one (late on the
// wire, or retransmitted): it is queued with the new view's messages and
// delivered there, or it shadows the new message with the same sequence
// number.
//
// The change: `m.view !== vc.view.id` becomes `m.view > vc.view.id`
// (IsisLayers.acceptsMulticastOf).
//
// Imitates: receivers that check the sender's membership but not the view
// id on incoming messages: a message delivered in the view after the one it
// was sent in.
// Real bug: akka/akka-core issue #16224 "Cluster node can't join after restart" and
// PR #16266: heartbeat replies from an old incarnation were taken by the new
// one; the fix tags replies with the incarnation (uid) and ignores the
// wrong ones, as a view id tags a multicast.
// Should break: sending-view-delivery; more often virtual-synchrony, self-delivery
// and delivery-liveness (the shadowed new-view message is never delivered).
// Read literally (the clarified trace contract), a retransmitted old-view
// message delivered again breaks no-duplication, and a delivery whose `view`
// field names the sending view rather than the view installed last breaks
// lifecycle: the checker now reports those too, and they may be all it sees.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const lateMessageNewView: Mutant = {
  name: 'late-message-new-view',
  summary: 'a late message of the previous view is delivered in the next one',
  imitates: 'a receive path that checks the sender but not the view id: old-view messages delivered in the new view',
  breaks: ['sending-view-delivery', 'causal-order', 'self-delivery', 'virtual-synchrony', 'delivery-liveness', 'no-duplication', 'lifecycle'],
  file: 'protocol/isis/multicast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, acceptsMulticastOf: (sentIn, current) => sentIn <= current }),
};

// Mutant flush-drops-departed (protocol/isis/membership.ts, newProposal).
//
// The flush decision must carry every message some survivor lacks, the
// failed members' messages above all: those are the ones nobody else can
// retransmit. This mutant forwards only the messages of members that stay
// in the new view ("a crashed sender's unstable messages are orphans"),
// while the decision still says some survivor delivered them. The members
// that missed such a message install the new view without it.
//
// The change: the proposal's `flush.msgs` is filtered to senders in the new
// view (IsisLayers.forwardDepartedSenders = false).
//
// Imitates: view-change code that discards a failed member's unstable
// messages instead of forwarding them ("orphan" messages dropped).
// Real bug: belaban/JGroups PR #74 "TOA: discard leavers' messages": dropping the
// messages of members that left, to unblock the delivery queue, loses what
// a survivor may already have delivered.
// Should break: virtual-synchrony (and self-delivery, delivery-liveness: what
// depends on a missing message is stuck too).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushDropsDeparted: Mutant = {
  name: 'flush-drops-departed',
  summary: "the flush does not forward a failed member's messages",
  imitates: "a view change that drops a crashed sender's unstable messages as orphans instead of forwarding them",
  breaks: ['virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, forwardDepartedSenders: false }),
};

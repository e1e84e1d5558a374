// Mutant removed-sender-accepted (protocol/isis/stack.ts, onMessage).
//
// A process removed from the group (excluded after a false suspicion)
// may still be running; members refuse its messages and tell it it was
// excluded, and it exits. This mutant takes its messages like anyone
// else's and never tells it: the excluded process never learns it is out,
// and goes on as a member of a view the group left behind.
//
// The change: `state.removed.includes(from)` is not consulted (IsisLayers.refuseRemovedSenders = false).
//
// Imitates: JGRP-2217 "TOA doesn't ignore DATA_MESSAGE from non-members"
// (belaban/JGroups PR #364): messages from processes outside the view
// were processed.
// Should break: view-convergence, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const removedSenderAccepted: Mutant = {
  name: 'removed-sender-accepted',
  summary: 'messages from removed processes are processed, and the removed are never told',
  imitates: 'JGRP-2217: a protocol layer that does not ignore messages from non-members',
  breaks: ['view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/stack.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, refuseRemovedSenders: false }),
};

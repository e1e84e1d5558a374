// Mutant leave-exits-at-request (protocol/isis/join-leave.ts, requestLeave).
//
// A member that leaves stays in the group until it has accepted the
// proposal that drops it: its flush reply carries what it delivered and
// what it holds, so its last multicasts reach every survivor. This mutant
// exits as soon as the leave request is sent, like a process that treats
// "leave sent" as "leave done": the group sees a silent member, waits for
// the failure detector, and flushes without the leaver's reply; whatever
// of its own multicasts only it held is lost.
//
// The change: `requestLeave` sets the exit at once (IsisLayers.leaverWaitsForItsDrop = false).
//
// Imitates: a leave acknowledged (here: assumed) before the leaver's
// messages are flushed.
// Real bug: JGRP-1426 "Group unable to accept new members: FLUSH gets
// stuck" (belaban/JGroups PR #36) is the family of a flush that a departing
// member leaves without finishing.
// Should break: self-delivery, virtual-synchrony, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const leaveExitsAtRequest: Mutant = {
  name: 'leave-exits-at-request',
  summary: 'a leaver exits as soon as it has sent its leave request, before any flush',
  imitates: 'a leave taken as done when it is sent, before the leaver\'s messages are flushed',
  breaks: ['self-delivery', 'virtual-synchrony', 'delivery-liveness', 'view-convergence'],
  file: 'protocol/isis/join-leave.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, leaverWaitsForItsDrop: false }),
};

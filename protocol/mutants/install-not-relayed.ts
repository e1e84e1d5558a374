// Mutant install-not-relayed (protocol/isis/install.ts, installProposal).
//
// Every process that installs a view relays the install to the other
// members over its FIFO channels before it sends anything in the new view,
// so a member always has the view before any message sent in it, and a
// coordinator that fails halfway through its installs leaves no member
// behind. This mutant leaves the sending to the coordinator alone: a member
// that installed first multicasts in the new view, its message reaches a
// member still in the old view and is refused; a coordinator that crashes
// mid-send leaves members frozen in the old view.
//
// The change: the relay loop runs only when the install is the coordinator's own (IsisLayers.relayInstall = false).
//
// Imitates: JGRP-1495 "message and view delivered out of order" (belaban/JGroups
// PR #60): a message sent in a new view delivered before that view.
// Should break: self-delivery, virtual-synchrony, view-convergence, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const installNotRelayed: Mutant = {
  name: 'install-not-relayed',
  summary: 'installs are sent by the committing coordinator only, never relayed by the members',
  imitates: 'JGRP-1495: a message and the view it was sent in delivered out of order',
  breaks: ['self-delivery', 'virtual-synchrony', 'view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/install.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, relayInstall: false }),
};

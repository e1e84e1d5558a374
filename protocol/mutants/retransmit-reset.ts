// Mutant retransmit-reset (protocol/isis/install.ts and transport.ts).
//
// The reliable channels are independent of views: a frame sent just
// before a view change and lost on the network must still be
// retransmitted after it. This mutant clears every channel's
// retransmission buffer when a view is installed ("the flush settled the
// old view"), while the numbering goes on. A frame lost at that moment
// leaves a gap the receiver waits for forever: everything after it on that
// channel is held back.
//
// The change: on install, `transportForgetUnacked` for every member
// (IsisLayers.keepUnackedAcrossViews = false).
//
// Imitates: retransmission buffers reset at a view change (or at a
// reconnect) while sequence numbers continue: a lost frame is never
// resent.
// Real bug: belaban/JGroups issue #1048 "FlowControl: member lost from credit maps
// after view churn ... permanent sender starvation": per-peer state reset
// at a view change leaves a channel stuck for good.
// Should break: delivery-liveness, view-convergence.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const retransmitReset: Mutant = {
  name: 'retransmit-reset',
  summary: 'the retransmission buffers are cleared at each view change',
  imitates: 'a retransmission buffer reset at a view change while sequence numbers go on: a lost frame is never resent',
  breaks: ['delivery-liveness', 'view-convergence'],
  file: 'protocol/isis/install.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, keepUnackedAcrossViews: false }),
};

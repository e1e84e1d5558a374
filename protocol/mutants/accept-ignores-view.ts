// Mutant accept-ignores-view (protocol/isis/gms-member.ts, onAccept).
//
// An accept request names the view it changes; a member takes it only in
// that view. This mutant ignores the view id: a late accept request of an
// older view (retransmitted, or from a coordinator that had not heard of
// the install) is accepted in the current view, and its proposal, a view
// already installed or one that never was, is reported in the member's
// next flush reply, where the next coordinator adopts it.
//
// The change: `body.view !== s.view.id` is not checked (IsisLayers.acceptChecksViewId = false).
//
// Imitates: an acceptor that checks the ballot but not the epoch or view
// the request belongs to.
// Real bug: trex-paxos/trex issue #20 "client command handling self accepts
// without checking epoch matches promise"; oxia-db/oxia PR #87 "Epoch set
// in fence must be persistent" (write requests of earlier epochs must be
// rejected).
// Should break: view-agreement, view-convergence, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const acceptIgnoresView: Mutant = {
  name: 'accept-ignores-view',
  summary: 'a member accepts a view-change proposal of another view than its own',
  imitates: 'trex #20: an acceptor that takes an accept without checking that its epoch is the current one',
  breaks: ['view-agreement', 'view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/gms-member.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, acceptChecksViewId: false }),
};

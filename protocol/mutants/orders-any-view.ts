// Mutant orders-any-view (protocol/isis/multicast.ts, onOrders).
//
// The ABCAST sequencer numbers its orders from 1 in every view. A member
// must take an order batch (`ord`) only from its own view: one of the
// previous view that reaches it after it installed the next (the
// sequencer's link to it was down while another member ran the view
// change, and the sequencer stayed rank 0) carries the old view's first
// numbers, which fit the new view's empty order list. Taken, they put the
// old view's message ids at the head of the new view's total order; those
// messages never come in the new view, and the member's total-order
// delivery stalls for good. This mutant takes an `ord` of any view when it
// comes from the current rank 0.
//
// The change: onOrders drops its `body.view !== vc.view.id` test
// (IsisLayers.ordersCheckViewId = false).
//
// Imitates: consensus messages of an earlier epoch handled in the next one.
// Real bug: poanetwork/hbbft #392 (fixed by PR #394, "Fix BA message
// handling on epoch change"): queued messages of epoch n handled after the
// epoch moved to n + 1.
// Should break: delivery-liveness (the member never delivers the new
// view's total-order messages).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const ordersAnyView: Mutant = {
  name: 'orders-any-view',
  summary: "a member takes the sequencer's order batch of an earlier view",
  imitates: 'messages of an earlier epoch handled in the next one (hbbft #392)',
  breaks: ['delivery-liveness'],
  file: 'protocol/isis/multicast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, ordersCheckViewId: false }),
};

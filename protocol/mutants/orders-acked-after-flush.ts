// Mutant orders-acked-after-flush (protocol/isis/multicast.ts, onOrders).
//
// A member that sent its flush reply learns no new ABCAST orders: the
// sequencer delivers order k only once a majority knows it, and the flush
// keeps every order some replier reported, so an order delivered anywhere
// survives the view change only if every acknowledgement that counted for
// it is also in a flush reply. This mutant lets a frozen member take the
// orders of a sequencer that is no longer in the flush (cut off from the
// new coordinator) and acknowledge them: the old sequencer delivers with a
// majority the flush never sees, and the survivors order those messages
// differently.
//
// The change: `onOrders` ignores `gms.frozen` (IsisLayers.ignoreOrdersWhileFrozen = false).
//
// Imitates: ZOOKEEPER-4646 (apache/zookeeper PR #1993): a follower's ACK of
// NEWLEADER counted towards a commit before the transactions it acknowledged
// were in the log the next election reads, so committed transactions were lost.
// Should break: total-order.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const ordersAckedAfterFlush: Mutant = {
  name: 'orders-acked-after-flush',
  summary: 'a member learns and acknowledges ABCAST orders after its flush reply',
  imitates: 'ZOOKEEPER-4646: an acknowledgement counted towards a commit although the state the next leader reads lacks what it acknowledged',
  breaks: ['total-order'],
  file: 'protocol/isis/multicast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, ignoreOrdersWhileFrozen: false }),
};

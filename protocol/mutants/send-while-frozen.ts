// Mutant send-while-frozen (protocol/isis/multicast.ts, canMulticast).
//
// A member that sent its flush reply sends nothing more in the view:
// its reply lists every message it holds, and the decision is built from
// the replies. This mutant lets it go on multicasting: a message sent after
// the reply is in no decision, frozen receivers hold it, and the next view
// is installed without it, although its sender delivered it.
//
// The change: `canMulticast` (and the request path in stack.ts) ignore `gms.frozen` (IsisLayers.holdSendsWhileFrozen = false).
//
// Imitates: corosync PR #663, history of Red Hat bugzilla 820821: a paused node
// multicast new cpg messages before the sync barrier, and the other node
// logged "Unknown node -> we will not deliver message".
// Should break: self-delivery, virtual-synchrony, sending-view-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const sendWhileFrozen: Mutant = {
  name: 'send-while-frozen',
  summary: 'a member keeps multicasting after its flush reply',
  imitates: 'corosync PR #663 (bz 820821): messages sent before the sync barrier of a membership change are not delivered',
  breaks: ['self-delivery', 'virtual-synchrony', 'sending-view-delivery', 'delivery-liveness'],
  file: 'protocol/isis/multicast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, holdSendsWhileFrozen: false }),
};

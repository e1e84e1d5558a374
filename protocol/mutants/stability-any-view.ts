// Mutant stability-any-view (protocol/isis/multicast.ts, onStability).
//
// Stability gossip carries a delivered vector indexed by the ranks of the
// view it was sent in. This mutant merges gossip of another view too, by
// the sender's rank in the receiver's view: counts of the old view (often
// higher) are read as counts of the new one, so messages of the new view
// look delivered everywhere and are discarded before some member got them.
//
// The change: `body.view !== vc.view.id` is not checked (IsisLayers.stabilityChecksViewId = false).
//
// Imitates: a garbage-collection digest applied without checking which
// membership it was computed for.
// Real bug: hyperledger-archives/fabric issue #324 "Clear requests from
// earlier views in view-change" (requests kept by digest only, with no view
// attached); the same class as late-message-new-view, on the GC path.
// Should break: virtual-synchrony, self-delivery, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const stabilityAnyView: Mutant = {
  name: 'stability-any-view',
  summary: 'stability gossip of another view is merged into the current view\'s table',
  imitates: 'fabric #324: a GC digest of an earlier view applied in the current one',
  breaks: ['virtual-synchrony', 'self-delivery', 'delivery-liveness'],
  file: 'protocol/isis/multicast.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, stabilityChecksViewId: false }),
};

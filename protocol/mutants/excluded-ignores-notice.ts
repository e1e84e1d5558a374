// Mutant excluded-ignores-notice (protocol/isis/join-leave.ts, onExcluded).
//
// A member excluded by a view change it did not take part in (a false
// suspicion, a partition) learns it from the group's notice, or from any
// member of a later view it talks to, and exits. This mutant ignores the
// notice: the excluded member stays in its old view for good, frozen or
// still multicasting to members that no longer listen, and never rejoins.
//
// The change: `onExcluded` returns the state unchanged for a member
// (IsisLayers.exitWhenExcluded = false).
//
// Imitates: hazelcast/hazelcast issue #274 "Member lists out of sync": a
// node kept a member list of its own, with a master that was no longer the
// cluster's master, and the list never healed itself.
// Should break: view-convergence (then delivery-liveness).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const excludedIgnoresNotice: Mutant = {
  name: 'excluded-ignores-notice',
  summary: 'an excluded member ignores the notice that it was excluded and stays in its old view',
  imitates: 'hazelcast #274: a node keeps its own member list and master, out of sync with the cluster, for good',
  breaks: ['view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/join-leave.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, exitWhenExcluded: false }),
};

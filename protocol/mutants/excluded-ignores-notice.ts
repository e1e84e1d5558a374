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
// Imitates: hazelcast/hazelcast issue #6108 "Missed heartbeat caused
// permanent cluster inconsistency": the master removed a member after one
// missed heartbeat, the member still held everyone in its member list and
// went on with a different master; the lists never converged.
// Should break: view-convergence (then delivery-liveness).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const excludedIgnoresNotice: Mutant = {
  name: 'excluded-ignores-notice',
  summary: 'an excluded member ignores the notice that it was excluded and stays in its old view',
  imitates: 'hazelcast #6108: a member removed after a missed heartbeat keeps its own member list and master for good',
  breaks: ['view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/join-leave.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, exitWhenExcluded: false }),
};

// Mutant suspicion-permanent (protocol/isis/membership.ts, unsuspect).
//
// The heartbeat detector's suspicions are local and revocable until a view
// excludes the suspect: hearing from it again revokes the suspicion. This
// mutant never revokes. After a partition in which no side had a majority,
// every member keeps suspecting the others once the network heals: each
// coordinator waits only for members it does not suspect, never reaches a
// majority, and the group stays blocked for good.
//
// The change: `unsuspect` returns at once (IsisLayers.revokeSuspicions = false).
//
// Imitates: "once suspected, always suspected" failure detectors, where a
// transient partition with no majority side wedges the membership service.
// Real bug: hazelcast/hazelcast issue #6108 "Missed heartbeat caused permanent cluster
// inconsistency": after one missed heartbeat the removal was never revisited.
// Should break: view-convergence, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const suspicionPermanent: Mutant = {
  name: 'suspicion-permanent',
  summary: 'suspicions are never revoked: after a partition with no majority side the group stays blocked',
  imitates: 'a failure detector whose suspicions are final: a transient no-majority split wedges membership',
  breaks: ['view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, revokeSuspicions: false }),
};

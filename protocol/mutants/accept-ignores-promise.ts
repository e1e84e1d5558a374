// Mutant accept-ignores-promise (protocol/isis/gms-member.ts, acceptProposal).
//
// Phase 2 of a view change: a member accepts a proposal only if its ballot
// is not lower than the highest ballot it promised in phase 1. This mutant
// accepts any proposal: after promising a new coordinator, a member still
// accepts the old coordinator's late proposal, so the old one can gather a
// majority for a view the new one (which read the promises) never saw, and
// two views get the same id.
//
// The change: `if (ballot < s.gms.promised) return { s, ok: false }` is skipped for proposals from others (IsisLayers.acceptChecksPromise = false).
//
// Imitates: oxia-db/oxia PR #92 "Improved logic for epoch checking in follower
// controller": followers accepted entries from a leader without the epoch
// fence; the fix accepts only the leader of the fenced epoch (the Paxos
// phase-2 promise check).
// Should break: view-agreement, view-convergence, virtual-synchrony, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const acceptIgnoresPromise: Mutant = {
  name: 'accept-ignores-promise',
  summary: 'a member accepts a proposal of a ballot lower than the one it promised',
  imitates: 'oxia PR #92: a follower accepts entries from a leader of an epoch it did not fence',
  breaks: ['view-agreement', 'view-convergence', 'virtual-synchrony', 'delivery-liveness'],
  file: 'protocol/isis/gms-member.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, acceptChecksPromise: false }),
};

// Mutant takeover-ignores-accepted (protocol/isis/membership.ts, maybeFinishFlush).
//
// When a coordinator fails in the middle of a view change, its successor's
// flush replies tell it which proposal the members had already accepted.
// Paxos phase 1 says: re-propose the accepted value with the highest
// ballot. This mutant skips that step and always builds a fresh proposal
// from what the successor sees, so if the failed coordinator had committed
// (installed) its view before its install messages got through, the same
// view id is decided twice with different members.
//
// The change: `adoptedProposal(replies) ?? newProposal(...)` becomes
// `newProposal(...)` (IsisLayers.adoptAcceptedProposal = false).
//
// Imitates: leader-takeover code that "starts a clean view change" instead of
// finishing the predecessor's (the classic Paxos/VR recovery bug; view
// change protocols that forget the old leader's last proposal).
// Real bug: ISPN-2357 "New coordinator installs old CH containing crashed members"
// (infinispan/infinispan PR #1358): a new coordinator that did not build on
// what the members reported of the change under way.
// Should break: view-agreement (and delivery-liveness: the old coordinator,
// holding the other view with that id, never learns it was excluded).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const takeoverIgnoresAccepted: Mutant = {
  name: 'takeover-ignores-accepted',
  summary: "a new coordinator ignores the view change its predecessor had under way",
  imitates: 'a successor leader that starts a fresh view change instead of finishing the accepted one (Paxos phase-1 value adoption skipped)',
  breaks: ['view-agreement', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, adoptAcceptedProposal: false }),
};

// Mutant adopt-first-accepted (protocol/isis/membership.ts, adoptedProposal).
//
// A coordinator taking over must finish the change with the highest
// ballot any replier accepted: a lower-ballot proposal may have been
// superseded by one already committed. This mutant re-proposes the first
// accepted proposal it meets among the replies, whatever its ballot.
//
// The change: `r.accepted.ballot > best.ballot` is never tested: the first accepted proposal wins (IsisLayers.adoptHighestBallot = false).
//
// Imitates: ZOOKEEPER-1818 (apache/zookeeper PR #703): leader election compared
// inconsistent zxid / electionEpoch / peerEpoch and could follow the
// wrong, older epoch.
// Should break: view-agreement, view-convergence, delivery-liveness.
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const adoptFirstAccepted: Mutant = {
  name: 'adopt-first-accepted',
  summary: 'a new coordinator re-proposes the first accepted proposal it meets, not the highest-ballot one',
  imitates: 'ZOOKEEPER-1818: leader election that could settle on an older epoch than one already accepted',
  breaks: ['view-agreement', 'view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, adoptHighestBallot: false }),
};

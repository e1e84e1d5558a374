// Mutant ballot-collision (protocol/isis/isis-state.ts, makeBallot).
//
// Ballots must be unique per proposer: round-major, then the proposer's
// rank. This mutant numbers ballots by round alone (`round * size`), so two
// members that both believe they coordinate (each suspects the other) run
// the same ballot in the same round. Members promise and accept both (a
// ballot not lower than the promised one passes), both coordinators gather
// a majority, and the same view id is installed with two member lists.
//
// The change: `round * size + (size - 1 - rank)` becomes `round * size`
// (IsisLayers.makeBallot).
//
// Imitates: proposal numbers without a proposer id tie-break (a well-known
// Paxos implementation bug; "view id reused after coordinator takeover").
// Real bug: camunda/camunda issue #1068 "Raft allows two leaders to be elected in the
// same term".
// Should break: view-agreement (then view-convergence and delivery-liveness: the
// two halves never reconcile).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const ballotCollision: Mutant = {
  name: 'ballot-collision',
  summary: 'view-change ballots numbered by round only: two coordinators reuse one ballot and one view id',
  imitates: 'proposal numbers without the proposer-id tie-break: dueling coordinators both win the same view id',
  breaks: ['view-agreement', 'view-convergence', 'delivery-liveness'],
  file: 'protocol/isis/isis-state.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, makeBallot: (round, _rank, size) => round * size }),
};

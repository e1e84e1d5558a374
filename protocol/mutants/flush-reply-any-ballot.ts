// Mutant flush-reply-any-ballot (protocol/isis/membership.ts, onFlushOk).
//
// A coordinator that retries a view change with a higher ballot must count
// only the flush replies to that ballot. A reply to its earlier ballot is
// stale: since sending it the member may have promised and accepted a
// competing coordinator's proposal, which the stale reply does not carry,
// so the new coordinator misses the proposal it must adopt (Paxos phase 1)
// and gets a different view accepted under the same id. This mutant counts
// a late reply of any earlier ballot as if it answered the current one.
//
// The change: onFlushOk drops its `a.ballot !== body.ballot` test
// (IsisLayers.flushReplyChecksBallot = false).
//
// Imitates: a candidate that counts a vote (promise) of an earlier election
// round in the current one.
// Real bug: andreev-io/little-raft #44 "process_vote_response_as_candidate
// should ignore vote with stale term" (fixed by PR #45): a delayed vote of
// an earlier term counted in a later election, two leaders of one term.
// Should break: view-agreement (and virtual-synchrony: the two views 2
// deliver different message sets).
import { defaultIsisLayers } from '../isis/config.ts';
import { makeIsisProtocol } from '../isis/stack.ts';
import type { Mutant } from './types.ts';

export const flushReplyAnyBallot: Mutant = {
  name: 'flush-reply-any-ballot',
  summary: "a retrying coordinator counts a flush reply to its earlier ballot",
  imitates: 'a vote or promise of an earlier election round counted in the current one (a stale phase-1 reply)',
  breaks: ['view-agreement', 'virtual-synchrony'],
  file: 'protocol/isis/membership.ts',
  replaces: ['isis'],
  factory: (options) => makeIsisProtocol(options, { ...defaultIsisLayers, flushReplyChecksBallot: false }),
};

// The layer functions and behaviour switches the stack is built from. A
// mutant (a deliberately broken variant, protocol/mutants/) is this object
// with one entry swapped: e.g. `{ ...defaultIsisLayers, causalReady: (m, d) => ... }`.
// Every default below is the real protocol; each entry names the file that
// consults it, so a mutant's diff is one line of one file.
import { majorityKnown } from './abcast.ts';
import { causalReady } from './cbcast.ts';
import { fifoReady } from './fbcast.ts';
import { makeBallot } from './isis-state.ts';
import type { McMessage } from './mc-message.ts';
import { minimumVector } from './stability.ts';
import type { ProcessId, ViewId } from '../types.ts';

export interface IsisLayers {
  /** FBCAST delivery rule (fbcast.ts). */
  fifoReady(m: McMessage, delivered: readonly number[]): boolean;
  /** CBCAST delivery rule, BSS91 (cbcast.ts). */
  causalReady(m: McMessage, delivered: readonly number[]): boolean;
  /** ABCAST: how many orders may be delivered, given what each member acknowledged knowing (abcast.ts). */
  stableOrderCount(knownBy: readonly number[]): number;
  /** GC: what every member has delivered, given each member's delivered vector (stability.ts). */
  stableVector(rows: readonly (readonly number[])[]): number[];
  /** GMS: may `votes` replies out of a view of `viewSize` (leavers discounted) decide a new view? (membership.ts) */
  isMajority(votes: number, viewSize: number): boolean;
  /** Flush: the coordinator waits for a reply from every member it does not suspect (membership.ts). */
  awaitEveryFlushReply: boolean;
  /** GMS phase 1: a proposal some replier accepted earlier is re-proposed, not replaced (membership.ts). */
  adoptAcceptedProposal: boolean;
  /** GMS: a coordinator's ballot for a round; unique per proposer (isis-state.ts makeBallot). */
  makeBallot(round: number, rank: number, size: number): number;
  /** Failure detector: hearing from a suspect revokes the suspicion (membership.ts unsuspect). */
  revokeSuspicions: boolean;
  /** Flush: the decision forwards the messages of members leaving the view too (membership.ts newProposal). */
  forwardDepartedSenders: boolean;
  /** Flush: undelivered total messages keep the order the sequencer published (flush.ts decideFlush). */
  flushKeepsSequencerOrder: boolean;
  /** Flush: a member that sent its flush reply delivers nothing more in the view (multicast.ts runDelivery). */
  holdDeliveriesWhileFrozen: boolean;
  /** May a multicast sent in view `sentIn` be taken while the receiver is in view `current`? (multicast.ts onMulticast) */
  acceptsMulticastOf(sentIn: ViewId, current: ViewId): boolean;
  /** State transfer: the install carries the map after the flush deliveries, not before (install.ts). */
  transferStateAfterFlush: boolean;
  /** Transport: frames not yet acknowledged survive a view change and are still retransmitted (install.ts). */
  keepUnackedAcrossViews: boolean;
  /** State transfer: a joiner starts from the map its install message carries (install.ts installProposal). */
  joinerTakesTransferredState: boolean;
  /** Install: every installer relays the install to the other members before sending in the new view (install.ts). */
  relayInstall: boolean;
  /** Install: only the install of the view right after the current one is taken; older relays are stale (install.ts). */
  installsOnlyNextView: boolean;
  /** Flush: the decision gathers the messages of every reply, not only the coordinator's own (flush.ts decideFlush). */
  flushGathersEveryReply: boolean;
  /** GMS phase 2: a member refuses a proposal whose ballot is lower than the one it promised (gms-member.ts acceptProposal). */
  acceptChecksPromise: boolean;
  /** Leave: no change relying on leavers while a suspected member may still answer (membership.ts newProposal). */
  waitForSuspectsBeforeLeavers: boolean;
  /**
   * Leave (timed world): a leaver lingers after accepting its drop, resending a lost acceptance,
   * and the coordinator discounts it only once that linger is over (gms-member.ts onAccept,
   * membership.ts maybeCommit). False: it exits as it accepts, its acceptance counts as its exit.
   */
  leaverLingers: boolean;
  /** Flush: a member that sent its flush reply sends nothing more in the view (multicast.ts canMulticast). */
  holdSendsWhileFrozen: boolean;
  /** ABCAST: a member that sent its flush reply learns (and acknowledges) no new orders: whatever it acknowledged is in its reply (multicast.ts onOrders). */
  ignoreOrdersWhileFrozen: boolean;
  /** Join: is `joiner` the removed process `removed`? Process ids, not hosts: a restart is a new incarnation (join-leave.ts). */
  sameProcess(joiner: ProcessId, removed: ProcessId): boolean;
  /** Messages from a process removed from our views are refused and answered with an exclusion notice (stack.ts onMessage). */
  refuseRemovedSenders: boolean;
  /** A member told by a later view that it was excluded exits (join-leave.ts onExcluded). */
  exitWhenExcluded: boolean;
  /** GMS phase 2: an accept request of another view than ours is ignored (gms-member.ts onAccept). */
  acceptChecksViewId: boolean;
  /** Stability gossip of another view than ours is ignored (multicast.ts onStability). */
  stabilityChecksViewId: boolean;
  /** Flush: the total order kept is the longest any replier knows, not the coordinator's own (flush.ts decideFlush). */
  flushTakesLongestOrder: boolean;
  /** Flush: the decision forwards every message above the lowest delivered count, the first missing one included (flush.ts decideFlush). */
  flushForwardsFromFloor: boolean;
  /** Transport: a cumulative acknowledgement n releases frames up to n, not n + 1 (stack.ts cfg, transport.ts applyAck). */
  ackReleasesExactly: boolean;
  /** Leave: a leaver stays until it accepts the proposal that drops it, not only until it has asked (join-leave.ts requestLeave). */
  leaverWaitsForItsDrop: boolean;
  /** GMS phase 1: a flush reply counts only for the ballot it answers, not a later one of the same coordinator (membership.ts onFlushOk). */
  flushReplyChecksBallot: boolean;
  /** ABCAST: an order batch (`ord`) of another view than ours is ignored, even from our rank 0 (multicast.ts onOrders). */
  ordersCheckViewId: boolean;
}

export const defaultIsisLayers: IsisLayers = {
  fifoReady,
  causalReady,
  stableOrderCount: majorityKnown,
  stableVector: minimumVector,
  isMajority: (votes, viewSize) => 2 * votes > viewSize,
  awaitEveryFlushReply: true,
  adoptAcceptedProposal: true,
  makeBallot,
  revokeSuspicions: true,
  forwardDepartedSenders: true,
  flushKeepsSequencerOrder: true,
  holdDeliveriesWhileFrozen: true,
  acceptsMulticastOf: (sentIn, current) => sentIn === current,
  transferStateAfterFlush: true,
  keepUnackedAcrossViews: true,
  joinerTakesTransferredState: true,
  relayInstall: true,
  installsOnlyNextView: true,
  flushGathersEveryReply: true,
  acceptChecksPromise: true,
  waitForSuspectsBeforeLeavers: true,
  leaverLingers: true,
  holdSendsWhileFrozen: true,
  ignoreOrdersWhileFrozen: true,
  sameProcess: (joiner, removed) => joiner === removed,
  refuseRemovedSenders: true,
  exitWhenExcluded: true,
  acceptChecksViewId: true,
  stabilityChecksViewId: true,
  flushTakesLongestOrder: true,
  flushForwardsFromFloor: true,
  ackReleasesExactly: true,
  leaverWaitsForItsDrop: true,
  flushReplyChecksBallot: true,
  ordersCheckViewId: true,
};

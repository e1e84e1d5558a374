// Every mutant, by name. See protocol/mutants/types.ts and docs/mutants.md.
import { abcastUnstableOrder } from './abcast-unstable-order.ts';
import { ballotCollision } from './ballot-collision.ts';
import { cbcastSenderLeq } from './cbcast-sender-leq.ts';
import { deliverAfterFlushReply } from './deliver-after-flush-reply.ts';
import { fifoGap } from './fifo-gap.ts';
import { flushDropsDeparted } from './flush-drops-departed.ts';
import { flushEarlyInstall } from './flush-early-install.ts';
import { flushReordersTotal } from './flush-reorders-total.ts';
import { gcPartialAck } from './gc-partial-ack.ts';
import { lateMessageNewView } from './late-message-new-view.ts';
import { noMajority } from './no-majority.ts';
import { retransmitReset } from './retransmit-reset.ts';
import { staleStateTransfer } from './stale-state-transfer.ts';
import { suspicionPermanent } from './suspicion-permanent.ts';
import { takeoverIgnoresAccepted } from './takeover-ignores-accepted.ts';
import { joinerEmptyState } from './joiner-empty-state.ts';
import { installNotRelayed } from './install-not-relayed.ts';
import { staleViewReinstalled } from './stale-view-reinstalled.ts';
import { flushCoordinatorMessages } from './flush-coordinator-messages.ts';
import { acceptIgnoresPromise } from './accept-ignores-promise.ts';
import { leaveReliesOnLostAck } from './leave-relies-on-lost-ack.ts';
import { sendWhileFrozen } from './send-while-frozen.ts';
import { restartRefusedByHost } from './restart-refused-by-host.ts';
import { removedSenderAccepted } from './removed-sender-accepted.ts';
import { causalSenderOnly } from './causal-sender-only.ts';
import { excludedIgnoresNotice } from './excluded-ignores-notice.ts';
import { ordersAckedAfterFlush } from './orders-acked-after-flush.ts';
import { acceptIgnoresView } from './accept-ignores-view.ts';
import { causalLastEntryUnchecked } from './causal-last-entry-unchecked.ts';
import { flushOrderFromCoordinator } from './flush-order-from-coordinator.ts';
import { flushSkipsFirstMissing } from './flush-skips-first-missing.ts';
import { majorityHalf } from './majority-half.ts';
import { stabilityAnyView } from './stability-any-view.ts';
import { stabilityHeardOnly } from './stability-heard-only.ts';
import { ackReleasesNext } from './ack-releases-next.ts';
import { leaveExitsAtRequest } from './leave-exits-at-request.ts';
import { flushReplyAnyBallot } from './flush-reply-any-ballot.ts';
import { ordersAnyView } from './orders-any-view.ts';
import { acceptanceAnyView } from './acceptance-any-view.ts';
import type { Mutant } from './types.ts';

export type { Mutant } from './types.ts';

export const MUTANTS: readonly Mutant[] = [
  // Delivery rules.
  cbcastSenderLeq,
  fifoGap,
  abcastUnstableOrder,
  lateMessageNewView,
  // Flush.
  flushEarlyInstall,
  flushDropsDeparted,
  flushReordersTotal,
  deliverAfterFlushReply,
  // Membership.
  noMajority,
  takeoverIgnoresAccepted,
  ballotCollision,
  suspicionPermanent,
  // Stability, transport, state transfer.
  gcPartialAck,
  retransmitReset,
  staleStateTransfer,
  joinerEmptyState,
  // Install, leave, incarnations, the flush's message set, takeover ballots.
  installNotRelayed,
  staleViewReinstalled,
  flushCoordinatorMessages,
  sendWhileFrozen,
  acceptIgnoresPromise,
  leaveReliesOnLostAck,
  restartRefusedByHost,
  removedSenderAccepted,
  excludedIgnoresNotice,
  causalSenderOnly,
  // ABCAST across a flush.
  ordersAckedAfterFlush,
  // Session 7 audit: bugs modelled on other systems' shipped bugs, written before checking what catches them.
  acceptIgnoresView,
  causalLastEntryUnchecked,
  flushOrderFromCoordinator,
  flushSkipsFirstMissing,
  majorityHalf,
  stabilityAnyView,
  stabilityHeardOnly,
  ackReleasesNext,
  leaveExitsAtRequest,
  // Session 10: survivors of source-level mutation (scripts/source-mutants.ts), each with the scenario written for it.
  flushReplyAnyBallot,
  ordersAnyView,
  // Session 11: a survivor of source-level mutation (membership.ts onAccepted), with the scenario written for it.
  acceptanceAnyView,
];

export function mutantByName(name: string): Mutant | undefined {
  return MUTANTS.find((m) => m.name === name);
}

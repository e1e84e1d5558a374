// What members of the full ISIS stack say to each other (the bodies the
// transport carries). Heartbeats, join requests and exclusion notices travel
// unnumbered (raw); everything else over the reliable FIFO channels.
import type { MessageId, ProcessId, View, ViewId } from '../types.ts';
import type { PendingExclusion } from './exclusion-notices.ts';
import type { KvMap } from './kv-app.ts';
import type { McMessage } from './mc-message.ts';

/** A member's answer to a flush request: everything of the view that a new view must settle. */
export interface FlushReply {
  /** Per sender rank: how many of its messages this member delivered. */
  delivered: number[];
  /** Messages received in the view and not yet known delivered everywhere (delivered or not). */
  msgs: McMessage[];
  /** The total order as this member knows it: order numbers orderFrom+1, orderFrom+2, ... */
  orderFrom: number;
  orderIds: MessageId[];
  /** Total-order messages this member delivered. */
  totalDelivered: number;
  /** A view proposal this member accepted in an earlier ballot (it must win: never two views with one id). */
  accepted: { ballot: number; value: ViewProposal } | null;
  /** This member asked to leave. */
  leaving: boolean;
}

/** What every survivor delivers from the old view before installing the new one. */
export interface FlushDecision {
  /** The messages not delivered by every flush replier, that survivors must deliver. */
  msgs: McMessage[];
  /** Per sender rank: deliver up to this sequence number, and no further. */
  limit: number[];
  /** Total messages delivered by every replier; `totalOrder` continues from there. */
  totalFrom: number;
  totalOrder: MessageId[];
}

/** The value a view change agrees on (one per view id). */
export interface ViewProposal {
  /** The view being replaced. */
  from: View;
  view: View;
  /** Old members that asked to leave (they exit with reason `left`). */
  leavers: ProcessId[];
  flush: FlushDecision;
}

export type IsisBody =
  /** A multicast; with order batching, `ok` is how many orders its sender knew (an order acknowledgement riding along). */
  | { k: 'mc'; m: McMessage; ok?: number }
  /**
   * Sequencer: order numbers first, first+1, ... go to these total messages;
   * with order batching, `kb` relays each member's acknowledged count.
   */
  | { k: 'ord'; view: ViewId; first: number; ids: MessageId[]; kb?: number[] }
  /** A member knows this many orders (to every member; with order batching, to the sequencer only). */
  | { k: 'oack'; view: ViewId; known: number }
  /** Stability gossip: the sender's delivered vector and total-order count. */
  | { k: 'stab'; view: ViewId; d: number[]; td: number }
  /** GMS phase 1 (prepare + flush). */
  | { k: 'freq'; view: ViewId; ballot: number }
  | { k: 'fok'; view: ViewId; ballot: number; reply: FlushReply }
  /** Refusal: the member promised a higher ballot. */
  | { k: 'nack'; view: ViewId; promised: number }
  /** GMS phase 2. */
  | { k: 'acc'; view: ViewId; ballot: number; value: ViewProposal }
  | { k: 'accd'; view: ViewId; ballot: number }
  /** The decided view, with the application state for joiners (null from a committer outside the view); relayed by every member that installs it. */
  | { k: 'inst'; proposal: ViewProposal; snapshot: KvMap | null; removed: ProcessId[]; excluding?: PendingExclusion[] }
  | { k: 'leave'; view: ViewId }
  /** Raw: a process asks to join (sent by the joiner, forwarded to the coordinator). */
  | { k: 'join'; joiner: ProcessId }
  /** Raw: failure-detector heartbeat. */
  | { k: 'hb'; view: ViewId }
  /** Raw: "view `view` no longer contains you". */
  | { k: 'excl'; view: ViewId }
  /**
   * Raw: the excluded process heard the notice for `view` (and exits): stop
   * resending it; and take over the join requests it held (`joiners`, absent
   * when none), which may have reached nobody else.
   */
  | { k: 'xack'; view: ViewId; joiners?: ProcessId[] };

export type IsisBodyKind = IsisBody['k'];

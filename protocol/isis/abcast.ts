// ABCAST: totally and causally ordered multicast on top of CBCAST, with a
// sequencer (the view's rank-0 member).
//
// The sequencer runs a virtual CBCAST delivery over what it has received,
// in which total messages need no order; each total message it passes gets
// the next order number. That order therefore respects causality, so no
// member can deadlock between the causal rule and the total rule.
//
// The order must survive a sequencer crash, and a crashed process's
// deliveries count for total-order too. So a member delivers the k-th total
// message only once a majority of the view knows order k: any flush quorum
// (also a majority) then contains a member that reports it. Members stop
// acknowledging orders once they have sent a flush reply, so what they
// acknowledged is always in their reply.
//
// Batching (option orderBatchUs > 0, a network with timers): acknowledging
// every order to every member made ABCAST carry six frames per multicast
// where FBCAST carries one. Instead the sequencer sends the orders it made
// at most once per batch period, members acknowledge to the sequencer only,
// at most once per batch period, and every multicast carries its sender's
// count of known orders (`ok`), which reaches every member for free. The
// sequencer relays the counts it was sent (`kb` on its next order batch).
// Each count is still a fact reported by the member it is about, and only
// ever counts orders the member knew when it sent it, so the majority rule
// and its survival argument are unchanged; only the latency grows. A
// member frozen by a flush learns no new orders, so whatever it reports
// after its reply is in that reply.
import type { MessageId } from '../types.ts';
import type { McMessage } from './mc-message.ts';

export interface TotalOrderState {
  /** Order numbers 1..base have been discarded (delivered everywhere). */
  base: number;
  /** Message ids with order numbers base+1, base+2, ... */
  ids: MessageId[];
  /** Per member rank: how many orders it has acknowledged knowing. */
  knownBy: number[];
  /** Total messages delivered here in this view. */
  delivered: number;
  /** Sequencer only: its virtual delivery vector; null on other members. */
  pass: number[] | null;
  /**
   * During a flush: the agreed order of the total messages still to be
   * delivered (from absolute position `from` + 1), replacing the
   * sequencer's order and its majority rule.
   */
  forced: { from: number; ids: MessageId[] } | null;
  /** Batching, sequencer only: orders 1..sentOrders have been sent to the members. */
  sentOrders: number;
  /** Batching, sequencer only: acknowledgements arrived that the members have not been told about. */
  relayDue: boolean;
  /** Batching: the count of known orders this member last told the others (oack or `ok`). */
  announced: number;
}

export function newTotalOrder(size: number, isSequencer: boolean): TotalOrderState {
  return {
    base: 0,
    ids: [],
    knownBy: new Array<number>(size).fill(0),
    delivered: 0,
    pass: isSequencer ? new Array<number>(size).fill(0) : null,
    forced: null,
    sentOrders: 0,
    relayDue: false,
    announced: 0,
  };
}

/** Batching, sequencer: orders made but not sent, or acknowledgements not relayed. */
/** A copy of `t` for the caller to change before anyone else sees it (one map: see copyState in isis-state.ts). */
export function copyTotalOrder(t: TotalOrderState): TotalOrderState {
  return {
    base: t.base,
    ids: t.ids,
    knownBy: t.knownBy,
    delivered: t.delivered,
    pass: t.pass,
    forced: t.forced,
    sentOrders: t.sentOrders,
    relayDue: t.relayDue,
    announced: t.announced,
  };
}

function withKnownBy(t: TotalOrderState, knownBy: number[]): TotalOrderState {
  const out = copyTotalOrder(t);
  out.knownBy = knownBy;
  return out;
}

export function orderBatchDue(t: TotalOrderState): boolean {
  return t.pass !== null && (knownOrders(t) > t.sentOrders || t.relayDue);
}

/** Batching, member: orders known here that the others have not been told about. */
export function orderAckDue(t: TotalOrderState): boolean {
  return knownOrders(t) > t.announced;
}

/**
 * Batching, sequencer: the batch to send now (orders from `first` on; the
 * ones below `base` are delivered everywhere, so every member knows them)
 * and the state once it is sent.
 */
export function takeOrderBatch(t: TotalOrderState): { first: number; ids: MessageId[]; total: TotalOrderState } {
  const from = Math.max(t.sentOrders, t.base);
  const total = copyTotalOrder(t);
  total.sentOrders = knownOrders(t);
  total.relayDue = false;
  return { first: from + 1, ids: t.ids.slice(from - t.base), total };
}

/** Merges acknowledgement counts relayed by the sequencer (each one reported by its member). */
export function mergeKnownBy(t: TotalOrderState, relayed: readonly number[]): TotalOrderState {
  let knownBy: number[] | null = null;
  for (let r = 0; r < t.knownBy.length; r++) {
    const count = relayed[r] ?? 0;
    if (count > (t.knownBy[r] ?? 0)) {
      knownBy ??= t.knownBy.slice();
      knownBy[r] = count;
    }
  }
  return knownBy === null ? t : withKnownBy(t, knownBy);
}

/** Orders known here (absolute count). */
export function knownOrders(t: TotalOrderState): number {
  return t.base + t.ids.length;
}

/**
 * The highest order number known by more than half of the view: the
 * element at index floor(n / 2) of knownBy sorted in descending order, that
 * is the largest count that at least floor(n / 2) + 1 members reach. Found
 * without sorting a copy: this runs on every delivery pass with a total
 * message waiting, and the sort's copies were 6% of a suite's allocation.
 */
export function majorityKnown(knownBy: readonly number[]): number {
  const needed = Math.floor(knownBy.length / 2) + 1;
  let best = 0;
  let found = false;
  for (const candidate of knownBy) {
    if (found && candidate <= best) continue;
    let reaching = 0;
    for (const count of knownBy) if (count >= candidate) reaching++;
    if (reaching >= needed) {
      best = candidate;
      found = true;
    }
  }
  return best;
}

/** The total rule: m is the next total message and its order is stable (or forced by a flush). */
export function totalReady(t: TotalOrderState, m: McMessage, stableOrders: number): boolean {
  if (t.forced !== null) return t.forced.ids[t.delivered - t.forced.from] === m.id;
  if (t.delivered + 1 > stableOrders) return false;
  return t.ids[t.delivered - t.base] === m.id;
}

/** Appends orders received from the sequencer (`first` is the order number of ids[0]). */
export function appendOrders(t: TotalOrderState, first: number, ids: readonly MessageId[], myRank: number): TotalOrderState {
  const known = knownOrders(t);
  if (first > known + 1) return t; // a gap cannot happen over a FIFO channel; ignore rather than corrupt
  const fresh = ids.slice(known + 1 - first);
  if (fresh.length === 0) return t;
  const knownBy = t.knownBy.slice();
  knownBy[myRank] = known + fresh.length;
  const out = withKnownBy(t, knownBy);
  out.ids = [...t.ids, ...fresh];
  return out;
}

/** Records that member `rank` knows `count` orders. */
export function recordOrderAck(t: TotalOrderState, rank: number, count: number): TotalOrderState {
  if ((t.knownBy[rank] ?? 0) >= count) return t;
  const knownBy = t.knownBy.slice();
  knownBy[rank] = count;
  return withKnownBy(t, knownBy);
}

/** Drops the orders every member has delivered. */
export function discardDeliveredOrders(t: TotalOrderState, deliveredEverywhere: number): TotalOrderState {
  const upTo = Math.min(deliveredEverywhere, t.delivered, knownOrders(t));
  if (upTo <= t.base) return t;
  const out = copyTotalOrder(t);
  out.ids = t.ids.slice(upTo - t.base);
  out.base = upTo;
  return out;
}

/**
 * The sequencer's pass over its waiting messages: returns the new state and
 * the ids it ordered. `ready(m, vector)` is the CBCAST/FBCAST rule.
 */
export function sequencerPass(
  t: TotalOrderState,
  waiting: readonly McMessage[][],
  ready: (m: McMessage, vector: readonly number[]) => boolean,
  myRank: number,
): { total: TotalOrderState; ordered: MessageId[] } {
  if (t.pass === null) return { total: t, ordered: [] };
  const pass = t.pass.slice();
  const ordered: MessageId[] = [];
  let budget = 0;
  for (const q of waiting) budget += q.length;
  for (let progress = true; progress && budget > 0; ) {
    progress = false;
    for (const q of waiting) {
      for (const m of q) {
        if (m.sn <= (pass[m.rank] ?? 0)) continue;
        if (!ready(m, pass)) continue;
        pass[m.rank] = m.sn;
        if (m.order === 'total') ordered.push(m.id);
        progress = true;
        budget--;
        break;
      }
    }
  }
  const total = copyTotalOrder(t);
  total.pass = pass;
  if (ordered.length === 0) return { total, ordered };
  const knownBy = t.knownBy.slice();
  knownBy[myRank] = knownOrders(t) + ordered.length;
  total.ids = [...t.ids, ...ordered];
  total.knownBy = knownBy;
  return { total, ordered };
}

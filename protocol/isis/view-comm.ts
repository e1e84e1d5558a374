// Per-view multicast state: what this member has received and delivered in
// its current view, and the delivery loop that applies the FBCAST, CBCAST
// and ABCAST rules. A new view starts a fresh ViewComm (sequence numbers and
// vectors are per view; the flush has settled everything of the old one).
import type { DeliveryOrder, View } from '../types.ts';
import { copyTotalOrder, newTotalOrder, totalReady, type TotalOrderState } from './abcast.ts';
import type { IsisLayers } from './config.ts';
import type { McMessage } from './mc-message.ts';
import { newStability, type StabilityState } from './stability.ts';

export interface ViewComm {
  view: View;
  /** This member's rank (index in view.members). */
  rank: number;
  /** Sequence number of our next multicast. */
  nextSn: number;
  /** Per member rank: how many of its messages were delivered here. */
  delivered: number[];
  /** Per member rank: received, not yet delivered, sorted by sn. */
  waiting: McMessage[][];
  /** Per member rank: delivered, kept until known delivered everywhere (the flush needs them). */
  kept: McMessage[][];
  /** Keep delivered messages for a flush (false in the static variants, which never flush). */
  retain: boolean;
  total: TotalOrderState;
  stability: StabilityState;
}

export function newViewComm(view: View, self: string, retain: boolean): ViewComm {
  const n = view.members.length;
  const rank = view.members.indexOf(self);
  return {
    view,
    rank,
    nextSn: 1,
    delivered: new Array<number>(n).fill(0),
    waiting: Array.from({ length: n }, () => []),
    kept: Array.from({ length: n }, () => []),
    retain,
    total: newTotalOrder(n, rank === 0),
    stability: newStability(n),
  };
}

/**
 * `vc` with its delivery fields replaced, as one object literal in the
 * field order of newViewComm (the same keys in the same order as a spread
 * would give). A spread `{ ...vc, waiting }` clones through V8's CloneObject
 * IC, which goes megamorphic when copies of copies reach it, and was 20 % of
 * the explorer's CPU on cbcast-3x2 (BENCHMARKS.md, "session 5").
 */
function withDelivery(
  vc: ViewComm,
  nextSn: number,
  delivered: number[],
  waiting: McMessage[][],
  kept: McMessage[][],
  total: TotalOrderState,
): ViewComm {
  return { view: vc.view, rank: vc.rank, nextSn, delivered, waiting, kept, retain: vc.retain, total, stability: vc.stability };
}

/** `vc` with its next sequence number set (a multicast was made). */
export function withNextSn(vc: ViewComm, nextSn: number): ViewComm {
  return withDelivery(vc, nextSn, vc.delivered, vc.waiting, vc.kept, vc.total);
}

/** The delivery rule for one message, by its order (FIFO is implied by the other two). */
export function readyFor(layers: IsisLayers, m: McMessage, vector: readonly number[]): boolean {
  return m.order === 'fifo' ? layers.fifoReady(m, vector) : layers.causalReady(m, vector);
}

/** Builds our next multicast (the caller sends it and then receives it locally). */
export function makeMulticast(
  vc: ViewComm,
  self: string,
  order: DeliveryOrder,
  payload: { key: string; value: number },
  msgNumber: number,
): McMessage {
  const sn = vc.nextSn;
  const vt = vc.delivered.slice();
  vt[vc.rank] = sn;
  return {
    id: `${self}:${msgNumber}`,
    from: self,
    rank: vc.rank,
    view: vc.view.id,
    sn,
    order,
    vt,
    td: vc.total.delivered,
    payload: { key: payload.key, value: payload.value },
  };
}

/**
 * Adds a received message to the waiting queue of its sender; a copy of a
 * waiting message is ignored. One already delivered (a flush decision
 * repeats what some members have) is queued anyway: the delivery rules, not
 * this function, must refuse it (so a broken rule shows as a duplicate
 * delivery), and deliverReady prunes it.
 */
export function insertWaiting(vc: ViewComm, m: McMessage): ViewComm {
  if (m.rank < 0 || m.rank >= vc.waiting.length) return vc;
  const q = vc.waiting[m.rank] ?? [];
  let at = q.length;
  while (at > 0 && (q[at - 1]?.sn ?? 0) > m.sn) at--;
  if (at > 0 && q[at - 1]?.sn === m.sn) return vc;
  const nq = withInserted(q, at, m);
  const waiting = vc.waiting.slice();
  waiting[m.rank] = nq;
  return withDelivery(vc, vc.nextSn, vc.delivered, waiting, vc.kept, vc.total);
}

export interface DeliverResult {
  vc: ViewComm;
  delivered: readonly McMessage[];
}

/** Nothing delivered (shared: most calls deliver nothing, and the explorer makes millions). */
const NONE: readonly McMessage[] = Object.freeze([]);

/**
 * Delivers every waiting message the rules allow, repeatedly, until nothing
 * more is ready. `limit` (a flush) caps each sender's sequence number.
 * Every waiting message is tried, not just each sender's first: the rules
 * alone decide (a mutant rule must be able to show its bug).
 */
export function deliverReady(vc: ViewComm, layers: IsisLayers, limit: readonly number[] | null): DeliverResult {
  // Made at the first delivery, to its size (an empty array grows to 17 slots on its first push).
  let out: McMessage[] | null = null;
  let waiting = vc.waiting;
  let kept = vc.kept;
  let total = vc.total;
  let budget = 0;
  for (let s = 0; s < waiting.length; s++) budget += (waiting[s] as McMessage[]).length;
  if (budget === 0) return { vc, delivered: NONE };
  // Copied on the first delivery: most calls deliver nothing (the explorer makes millions of them).
  let delivered = vc.delivered;
  // knownBy does not change while delivering, so the stable count is computed once, when first needed.
  let stable = -1;
  for (let progress = true; progress && budget > 0; ) {
    progress = false;
    for (let s = 0; s < waiting.length; s++) {
      const q = waiting[s] ?? [];
      for (let j = 0; j < q.length; j++) {
        const m = q[j] as McMessage;
        if (limit !== null && m.sn > (limit[s] ?? 0)) break;
        if (!readyFor(layers, m, delivered)) continue;
        if (m.order === 'total') {
          if (stable < 0) stable = total.forced === null ? layers.stableOrderCount(total.knownBy) : 0;
          if (!totalReady(total, m, stable)) continue;
        }
        if (waiting === vc.waiting) waiting = waiting.slice();
        waiting[s] = without(q, j);
        if (delivered === vc.delivered) delivered = delivered.slice();
        delivered[s] = Math.max(delivered[s] ?? 0, m.sn);
        if (vc.retain) {
          if (kept === vc.kept) kept = kept.slice();
          kept[s] = [...(kept[s] ?? []), m];
        }
        if (m.order === 'total') {
          total = copyTotalOrder(total);
          total.delivered++;
        }
        if (out === null) out = [m];
        else out.push(m);
        progress = true;
        budget--;
        break;
      }
    }
  }
  // Prune what can never be delivered again (already delivered, re-sent by a flush).
  for (let s = 0; s < waiting.length; s++) {
    const q = waiting[s] ?? [];
    if (q.length > 0 && (q[0]?.sn ?? Infinity) <= (delivered[s] ?? 0)) {
      if (waiting === vc.waiting) waiting = waiting.slice();
      waiting[s] = q.filter((m) => m.sn > (delivered[s] ?? 0));
    }
  }
  if (out === null && waiting === vc.waiting) return { vc, delivered: NONE };
  return { vc: withDelivery(vc, vc.nextSn, delivered, waiting, kept, total), delivered: out ?? NONE };
}

/** A copy of `q` with `m` inserted at `at` (one allocation, where slice and splice make two). */
function withInserted<T>(q: readonly T[], at: number, m: T): T[] {
  const out = new Array<T>(q.length + 1);
  for (let k = 0; k < at; k++) out[k] = q[k] as T;
  out[at] = m;
  for (let k = at; k < q.length; k++) out[k + 1] = q[k] as T;
  return out;
}

/** A copy of `q` without its element `j` (one allocation, where slice and splice make two). */
function without<T>(q: readonly T[], j: number): T[] {
  const out = new Array<T>(q.length - 1);
  for (let k = 0; k < j; k++) out[k] = q[k] as T;
  for (let k = j + 1; k < q.length; k++) out[k - 1] = q[k] as T;
  return out;
}

/** Messages received and not delivered. */
export function waitingCount(vc: ViewComm): number {
  let n = 0;
  for (const q of vc.waiting) n += q.length;
  return n;
}

/** Delivered messages still kept (not yet known delivered everywhere). */
export function keptCount(vc: ViewComm): number {
  let n = 0;
  for (const q of vc.kept) n += q.length;
  return n;
}


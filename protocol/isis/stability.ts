// Stability and garbage collection. A message delivered by every member of
// the view can never be needed by a flush, so it is discarded. Members learn
// each other's delivered vectors from the timestamps on multicasts and from
// periodic stability messages; the minimum over the view is what is stable.
import { discardDeliveredOrders } from './abcast.ts';
import type { IsisLayers } from './config.ts';
import type { McMessage } from './mc-message.ts';
import type { ViewComm } from './view-comm.ts';

export interface StabilityState {
  /** Per member rank: its delivered vector as last heard (a lower bound). */
  rows: number[][];
  /** Per member rank: how many total messages it had delivered. */
  totals: number[];
  /** Our delivered count (all messages plus total ones) when we last told the others. */
  announced: number;
}

export function newStability(size: number): StabilityState {
  return {
    rows: Array.from({ length: size }, () => new Array<number>(size).fill(0)),
    totals: new Array<number>(size).fill(0),
    announced: 0,
  };
}

/** Merges what member `rank` told us it delivered. */
export function recordPeerDelivered(st: StabilityState, rank: number, vector: readonly number[], totalDelivered: number): StabilityState {
  const row = st.rows[rank];
  if (row === undefined) return st;
  let changed = false;
  const merged = row.slice();
  for (let k = 0; k < merged.length; k++) {
    const v = vector[k] ?? 0;
    if (v > (merged[k] ?? 0)) {
      merged[k] = v;
      changed = true;
    }
  }
  const totalChanged = totalDelivered > (st.totals[rank] ?? 0);
  if (!changed && !totalChanged) return st;
  const rows = changed ? st.rows.slice() : st.rows;
  if (changed) rows[rank] = merged;
  let totals = st.totals;
  if (totalChanged) {
    totals = totals.slice();
    totals[rank] = totalDelivered;
  }
  return { ...st, rows, totals };
}

/** What a multicast's timestamp tells about its sender's deliveries. */
export function deliveredVectorOf(m: McMessage): number[] {
  const v = m.vt.slice();
  // The sender delivers its own total messages only once they are ordered.
  v[m.rank] = m.sn - 1;
  return v;
}

/** The minimum over members: what every member has delivered. */
export function minimumVector(rows: readonly (readonly number[])[]): number[] {
  const n = rows[0]?.length ?? 0;
  const out = new Array<number>(n).fill(Infinity);
  for (const row of rows) for (let k = 0; k < n; k++) out[k] = Math.min(out[k] ?? 0, row[k] ?? 0);
  return out.map((v) => (v === Infinity ? 0 : v));
}

/** Discards kept messages and order entries that every member has delivered. */
export function collectGarbage(vc: ViewComm, layers: IsisLayers): ViewComm {
  const rows = vc.stability.rows.slice();
  rows[vc.rank] = vc.delivered;
  const stable = layers.stableVector(rows);
  let kept = vc.kept;
  for (let s = 0; s < kept.length; s++) {
    const q = kept[s] ?? [];
    const limit = stable[s] ?? 0;
    if (q.length === 0 || (q[0]?.sn ?? Infinity) > limit) continue;
    if (kept === vc.kept) kept = kept.slice();
    kept[s] = q.filter((m) => m.sn > limit);
  }
  const totals = vc.stability.totals.slice();
  totals[vc.rank] = vc.total.delivered;
  const total = discardDeliveredOrders(vc.total, Math.min(...totals));
  if (kept === vc.kept && total === vc.total) return vc;
  return { ...vc, kept, total };
}

function deliveredSum(vc: ViewComm): number {
  let sum = vc.total.delivered;
  for (const d of vc.delivered) sum += d;
  return sum;
}

/** True when we delivered something the others have not heard about yet. */
export function announcementDue(vc: ViewComm): boolean {
  return deliveredSum(vc) !== vc.stability.announced;
}

export function markAnnounced(vc: ViewComm): ViewComm {
  const sum = deliveredSum(vc);
  return sum === vc.stability.announced ? vc : { ...vc, stability: { ...vc.stability, announced: sum } };
}

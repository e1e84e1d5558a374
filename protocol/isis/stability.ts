// Stability and garbage collection. A message delivered by every member of
// the view can never be needed by a flush, so it is discarded. Members learn
// each other's delivered vectors from the timestamps on multicasts and from
// periodic stability messages; the minimum over the view is what is stable.
import { discardDeliveredOrders } from './abcast.ts';
import type { IsisLayers } from './config.ts';
import type { McMessage } from './mc-message.ts';
import type { ViewComm } from './view-comm.ts';
import { withStability, withTotal } from './view-comm-record.ts';

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
  return recordPeer(st, rank, vector, -1, 0, totalDelivered);
}

/** recordPeerDelivered(st, m.rank, deliveredVectorOf(m), m.td), without making the vector (once per multicast received). */
export function recordPeerTimestamp(st: StabilityState, m: McMessage): StabilityState {
  return recordPeer(st, m.rank, m.vt, m.rank, m.sn - 1, m.td);
}

/** Merges `vector`, read with entry `replaced` as `replacement` (-1: none); copies only what changes. */
function recordPeer(st: StabilityState, rank: number, vector: readonly number[], replaced: number, replacement: number, totalDelivered: number): StabilityState {
  const row = st.rows[rank];
  if (row === undefined) return st;
  let merged: number[] | null = null;
  for (let k = 0; k < row.length; k++) {
    const v = k === replaced ? replacement : (vector[k] ?? 0);
    if (v > (row[k] ?? 0)) {
      merged ??= row.slice();
      merged[k] = v;
    }
  }
  const totalChanged = totalDelivered > (st.totals[rank] ?? 0);
  if (merged === null && !totalChanged) return st;
  let rows = st.rows;
  if (merged !== null) {
    rows = rows.slice();
    rows[rank] = merged;
  }
  let totals = st.totals;
  if (totalChanged) {
    totals = totals.slice();
    totals[rank] = totalDelivered;
  }
  return { rows, totals, announced: st.announced };
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
  const first = rows[0];
  if (first === undefined) return [];
  const n = first.length;
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    let min = first[k] ?? 0;
    for (let r = 1; r < rows.length; r++) min = Math.min(min, rows[r]?.[k] ?? 0);
    out[k] = min;
  }
  return out;
}

/** Discards kept messages and order entries that every member has delivered. */
export function collectGarbage(vc: ViewComm, layers: IsisLayers): ViewComm {
  let kept = vc.kept;
  // The stable vector only matters for kept messages: none kept, none computed (and no rows copied).
  let stable: readonly number[] | null = null;
  for (let s = 0; s < kept.length; s++) {
    const q = kept[s] ?? [];
    if (q.length === 0) continue;
    if (stable === null) {
      const rows = vc.stability.rows.slice();
      rows[vc.rank] = vc.delivered;
      stable = layers.stableVector(rows);
    }
    const limit = stable[s] ?? 0;
    if ((q[0]?.sn ?? Infinity) > limit) continue;
    if (kept === vc.kept) kept = kept.slice();
    kept[s] = q.filter((m) => m.sn > limit);
  }
  // The fewest total messages any member delivered (ours: vc.total.delivered), without a copy of the totals.
  const totals = vc.stability.totals;
  let deliveredEverywhere = Infinity;
  for (let r = 0; r < totals.length; r++) deliveredEverywhere = Math.min(deliveredEverywhere, r === vc.rank ? vc.total.delivered : (totals[r] ?? 0));
  const total = discardDeliveredOrders(vc.total, deliveredEverywhere);
  if (kept === vc.kept && total === vc.total) return vc;
  const out = withTotal(vc, total);
  out.kept = kept;
  return out;
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
  return sum === vc.stability.announced ? vc : withStability(vc, { rows: vc.stability.rows, totals: vc.stability.totals, announced: sum });
}

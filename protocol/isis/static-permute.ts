// Symmetry hooks of the static multicast stacks (static-stack.ts): the state
// and the frames of the run in which the processes are permuted. The group
// is static, so every view lists the initial processes in their initial
// order; a permuted process keeps that list and takes the rank of its new
// name, and every rank-indexed array (delivered vectors, waiting and kept
// queues, vector timestamps, stability rows) moves with the processes.
//
// The static stacks never order total messages (a static CBCAST promises
// causal order for them, FBCAST fifo), so the ABCAST state a view comm
// carries stays as created: the sequencer's part (`pass`) belongs to rank 0
// whoever holds it. A permuted state is rebuilt that way, and a total-order
// state that was used is refused (the symmetry argument would not hold).
import type { ProcessId, ProcessPermutation } from '../types.ts';
import { newTotalOrder, type TotalOrderState } from './abcast.ts';
import type { McMessage } from './mc-message.ts';
import type { StaticBody, StaticFrame, StaticState } from './static-stack.ts';
import type { StabilityState } from './stability.ts';
import type { Channel, TransportState } from './transport.ts';
import type { ViewComm } from './view-comm.ts';

/** `rankMap[r]`: the rank that the member of rank r has under the permutation. */
function rankMapOf(members: readonly ProcessId[], perm: ProcessPermutation): number[] {
  const out = new Array<number>(members.length);
  for (let r = 0; r < members.length; r++) {
    const to = members.indexOf(perm.pid(members[r] as ProcessId));
    if (to < 0) throw new Error(`static stack: the permutation maps ${members[r]} outside the view [${members.join(', ')}]`);
    out[r] = to;
  }
  return out;
}

/** Moves each entry of a rank-indexed array to its new rank. */
function byRank<T>(values: readonly T[], rankMap: readonly number[], each: (v: T) => T): T[] {
  const out = new Array<T>(values.length);
  for (let r = 0; r < values.length; r++) out[rankMap[r] ?? r] = each(values[r] as T);
  return out;
}

const same = <T>(v: T): T => v;

function permuteMc(m: McMessage, perm: ProcessPermutation, rankMap: readonly number[]): McMessage {
  return perm.memo(m, (x) => ({
    ...x,
    id: perm.text(x.id),
    from: perm.pid(x.from),
    rank: rankMap[x.rank] ?? x.rank,
    vt: byRank(x.vt, rankMap, same),
  }));
}

function permuteBody(body: StaticBody, perm: ProcessPermutation, rankMap: readonly number[]): StaticBody {
  return { k: body.k, m: permuteMc(body.m, perm, rankMap) };
}

/** A frame of the static stacks in the permuted run (the group is the initial processes, in order). */
export function permuteStaticFrame(frame: StaticFrame, perm: ProcessPermutation): StaticFrame {
  const rankMap = rankMapOf(perm.processes, perm);
  switch (frame.t) {
    case 'd':
      return { ...frame, body: permuteBody(frame.body, perm, rankMap) };
    case 'r':
      return { t: 'r', body: permuteBody(frame.body, perm, rankMap) };
    case 'a':
      return frame;
  }
}

function untouchedTotal(t: TotalOrderState): boolean {
  return t.base === 0 && t.ids.length === 0 && t.delivered === 0 && t.forced === null && t.sentOrders === 0 && !t.relayDue && t.announced === 0;
}

function permuteStability(st: StabilityState, perm: ProcessPermutation, rankMap: readonly number[]): StabilityState {
  return perm.memo(st, (x) => ({ rows: byRank(x.rows, rankMap, (row) => byRank(row, rankMap, same)), totals: byRank(x.totals, rankMap, same), announced: x.announced }));
}

/** The untouched ABCAST state of a member of rank `rank` (shared, so hashed once). */
const untouchedTotals = new Map<string, TotalOrderState>();
function untouchedTotalFor(size: number, rank: number): TotalOrderState {
  const key = `${size}/${rank === 0}`;
  let t = untouchedTotals.get(key);
  if (t === undefined) {
    t = newTotalOrder(size, rank === 0);
    untouchedTotals.set(key, t);
  }
  return t;
}

function permuteViewComm(vc: ViewComm, perm: ProcessPermutation): ViewComm {
  const self = perm.pid(vc.view.members[vc.rank] as ProcessId);
  const rankMap = rankMapOf(vc.view.members, perm);
  const mc = (m: McMessage): McMessage => permuteMc(m, perm, rankMap);
  const queue = (q: McMessage[]): McMessage[] => (q.length === 0 ? q : perm.memo(q, (x) => x.map(mc)));
  if (!untouchedTotal(vc.total)) throw new Error(`static stack: ${self} used total order, which a static group never does; cannot permute its state`);
  const rank = vc.view.members.indexOf(self);
  return {
    view: vc.view,
    rank,
    nextSn: vc.nextSn,
    delivered: byRank(vc.delivered, rankMap, same),
    waiting: byRank(vc.waiting, rankMap, queue),
    kept: byRank(vc.kept, rankMap, queue),
    retain: vc.retain,
    total: untouchedTotalFor(vc.view.members.length, rank),
    stability: permuteStability(vc.stability, perm, rankMap),
  };
}

function permuteChannel(ch: Channel<StaticBody>, perm: ProcessPermutation, rankMap: readonly number[]): Channel<StaticBody> {
  const early: Record<string, StaticBody | true> = {};
  for (const seq in ch.early) {
    const v = ch.early[seq] as StaticBody | true;
    early[seq] = v === true ? true : permuteBody(v, perm, rankMap);
  }
  return { ...ch, unacked: ch.unacked.map((f) => ({ seq: f.seq, body: permuteBody(f.body, perm, rankMap) })), early };
}

function permuteTransport(ts: TransportState<StaticBody>, perm: ProcessPermutation, rankMap: readonly number[]): TransportState<StaticBody> {
  const channels: Record<ProcessId, Channel<StaticBody>> = {};
  for (const peer in ts.channels) channels[perm.pid(peer)] = permuteChannel(ts.channels[peer] as Channel<StaticBody>, perm, rankMap);
  return { channels, ackOwed: ts.ackOwed.map((p) => perm.pid(p)), ackTimerArmed: ts.ackTimerArmed };
}

/** A process's state of the static stacks in the permuted run. */
export function permuteStaticState(state: StaticState, perm: ProcessPermutation): StaticState {
  return perm.memo(state, (x) => {
    const self = perm.pid(x.self);
    const rankMap = rankMapOf(x.vc.view.members, perm);
    return {
      self,
      vc: perm.memo(x.vc, (vc) => permuteViewComm(vc, perm)),
      transport: perm.memo(x.transport, (ts) => permuteTransport(ts, perm, rankMap)),
      sent: x.sent,
      queue: x.queue,
    };
  });
}

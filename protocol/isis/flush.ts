// The flush: before a new view is installed, every surviving member stops
// sending and delivering in the old view and reports what it holds; the
// coordinator computes one decision (which messages of the old view every
// survivor delivers, and in which total order) and every survivor applies
// it before installing the new view. This is how messages of failed members
// that some survivor delivered reach all survivors (virtual synchrony).
//
// The delivered set is closed under the delivery rules: a message is in it
// only if what it depends on is, so every survivor can deliver all of it.
// Total messages keep the sequencer's order as far as any replier knows it
// (any majority knows every order anyone delivered: see abcast.ts); the
// rest are ordered deterministically by timestamp sum, which respects
// causality.
import type { MessageId } from '../types.ts';
import type { IsisLayers } from './config.ts';
import { copyTotalOrder } from './abcast.ts';
import { vectorSum } from './cbcast.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { note, observe, withVc } from './isis-state.ts';
import { applyDelivery } from './kv-app.ts';
import type { McMessage } from './mc-message.ts';
import type { FlushDecision, FlushReply } from './messages.ts';
import { deliverReady, insertWaiting, readyFor, type ViewComm } from './view-comm.ts';
import { withTotal } from './view-comm-record.ts';

/** This member's flush reply (the caller freezes it). */
export function makeFlushReply(s: IsisState): FlushReply {
  const vc = s.vc as ViewComm;
  const msgs: McMessage[] = [];
  for (const q of vc.kept) msgs.push(...q);
  for (const q of vc.waiting) msgs.push(...q);
  return {
    delivered: vc.delivered.slice(),
    msgs,
    orderFrom: vc.total.base,
    orderIds: vc.total.ids.slice(),
    totalDelivered: vc.total.delivered,
    accepted: s.gms.accepted,
    leaving: s.gms.leaving,
  };
}

/** The coordinator's decision from the replies of one ballot (`size`: members of the old view). */
export function decideFlush(replies: readonly FlushReply[], size: number, layers: IsisLayers): FlushDecision {
  const known = new Array<number>(size).fill(0);
  const floor = new Array<number>(size).fill(Infinity);
  const bySender: Record<number, McMessage>[] = Array.from({ length: size }, () => ({}));
  // (layers.flushGathersEveryReply: false takes the messages of the first reply only: the coordinator's own.)
  const gathered = layers.flushGathersEveryReply ? replies : replies.slice(0, 1);
  for (const r of replies) {
    for (let k = 0; k < size; k++) {
      const d = r.delivered[k] ?? 0;
      known[k] = Math.max(known[k] ?? 0, d);
      floor[k] = Math.min(floor[k] ?? Infinity, d);
    }
    if (!gathered.includes(r)) continue;
    for (const m of r.msgs) {
      const row = bySender[m.rank];
      if (row !== undefined && row[m.sn] === undefined) row[m.sn] = m;
    }
  }
  for (let k = 0; k < size; k++) if (floor[k] === Infinity) floor[k] = 0;
  // Extend what someone delivered with what the rules let everyone deliver.
  let budget = 0;
  for (const r of replies) budget += r.msgs.length;
  for (let progress = true; progress && budget > 0; ) {
    progress = false;
    for (let s = 0; s < size; s++) {
      const next = bySender[s]?.[(known[s] ?? 0) + 1];
      if (next !== undefined && readyFor(layers, next, known)) {
        known[s] = next.sn;
        progress = true;
        budget--;
      }
    }
  }
  const msgs: McMessage[] = [];
  const pendingTotal = new Set<MessageId>();
  // (layers.flushForwardsFromFloor: false starts one past the first message the lowest replier lacks.)
  const firstForwarded = layers.flushForwardsFromFloor ? 1 : 2;
  for (let s = 0; s < size; s++) {
    for (let sn = (floor[s] ?? 0) + firstForwarded; sn <= (known[s] ?? 0); sn++) {
      const m = bySender[s]?.[sn];
      if (m === undefined) continue; // cannot happen: someone delivered it, so someone reported it
      msgs.push(m);
      if (m.order === 'total') pendingTotal.add(m.id);
    }
  }
  let totalFrom = Infinity;
  let longest: FlushReply | null = null;
  for (const r of replies) {
    totalFrom = Math.min(totalFrom, r.totalDelivered);
    // (layers.flushTakesLongestOrder: false keeps the first reply's order: the coordinator's own.)
    if (longest === null || (layers.flushTakesLongestOrder && r.orderFrom + r.orderIds.length > longest.orderFrom + longest.orderIds.length)) longest = r;
  }
  if (totalFrom === Infinity) totalFrom = 0;
  const ordered: MessageId[] = [];
  // (layers.flushKeepsSequencerOrder: false re-orders everything undelivered from scratch.)
  if (longest !== null && layers.flushKeepsSequencerOrder) {
    for (const id of longest.orderIds.slice(Math.max(0, totalFrom - longest.orderFrom))) {
      if (pendingTotal.delete(id)) ordered.push(id);
    }
  }
  const rest = msgs.filter((m) => pendingTotal.has(m.id));
  rest.sort((a, b) => vectorSum(a.vt) - vectorSum(b.vt) || a.rank - b.rank || a.sn - b.sn);
  return { msgs, limit: known, totalFrom, totalOrder: [...ordered, ...rest.map((m) => m.id)] };
}

/** Delivers what the decision says this member still lacks; the caller then installs the new view. */
export function applyFlush(s: IsisState, ctx: StepCtx, decision: FlushDecision): IsisState {
  let vc = s.vc as ViewComm;
  for (const m of decision.msgs) vc = insertWaiting(vc, m);
  const total = copyTotalOrder(vc.total);
  total.forced = { from: decision.totalFrom, ids: decision.totalOrder };
  vc = withTotal(vc, total);
  const result = deliverReady(vc, ctx.layers, decision.limit);
  let app = s.app;
  for (const m of result.delivered) {
    observe(ctx, { type: 'deliver', msg: m.id, from: m.from, view: m.view });
    app = applyDelivery(app, m);
  }
  const done = result.vc.delivered.every((d, k) => d === (decision.limit[k] ?? 0));
  if (!done) note(ctx, 'flush-incomplete');
  const out = withVc(s, result.vc);
  out.app = app;
  return out;
}

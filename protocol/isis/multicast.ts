// The multicast path of the full stack: application requests become FBCAST,
// CBCAST or ABCAST multicasts in the current view; received multicasts,
// sequencer orders and stability gossip feed the delivery loop, whose
// deliveries are observed and applied to the kv map.
import type { AppRequest, DeliveryOrder } from '../types.ts';
import {
  appendOrders,
  copyTotalOrder,
  knownOrders,
  mergeKnownBy,
  orderAckDue,
  orderBatchDue,
  recordOrderAck,
  sequencerPass,
  takeOrderBatch,
  type TotalOrderState,
} from './abcast.ts';
import type { IsisState, StepCtx } from './isis-state.ts';
import { copyState, note, observe, withVc } from './isis-state.ts';
import { applyDelivery } from './kv-app.ts';
import type { McMessage } from './mc-message.ts';
import type { IsisBody } from './messages.ts';
import { sendTo, sendToMembers } from './net.ts';
import { announcementDue, collectGarbage, markAnnounced, recordPeerDelivered, recordPeerTimestamp } from './stability.ts';
import { deliverReady, insertWaiting, makeMulticast, readyFor, type ViewComm } from './view-comm.ts';
import { withStability, withTotal } from './view-comm-record.ts';

export const STABILITY_TIMER = 'stab';
/** Order batching: the sequencer's batch of orders (and relayed acknowledgements) is due. */
export const ORDER_BATCH_TIMER = 'ord';
/** Order batching: this member's order acknowledgement is due. */
export const ORDER_ACK_TIMER = 'oack';

/** Orders and their acknowledgements go out in batches (abcast.ts); never without timers. */
function batchingOrders(ctx: StepCtx): boolean {
  return !ctx.timersOff && ctx.o.orderBatchUs > 0;
}

/** Arms the order timers for work that just became due (each timer is armed once per batch, so it cannot starve). */
function armOrderTimers(ctx: StepCtx, before: TotalOrderState, after: TotalOrderState): void {
  if (!orderBatchDue(before) && orderBatchDue(after)) ctx.fx.push({ kind: 'setTimer', timer: ORDER_BATCH_TIMER, delayUs: ctx.o.orderBatchUs });
  if (after.pass === null && !orderAckDue(before) && orderAckDue(after)) {
    ctx.fx.push({ kind: 'setTimer', timer: ORDER_ACK_TIMER, delayUs: ctx.o.orderBatchUs });
  }
}

/** Frozen by a flush: nothing more is sent in the view (layers.holdSendsWhileFrozen: false sends anyway). */
export function sendsHeld(s: IsisState, ctx: StepCtx): boolean {
  return s.gms.frozen && ctx.layers.holdSendsWhileFrozen;
}

/** May this process multicast right now (in a view, not flushing, not over its unstable budget)? */
export function canMulticast(s: IsisState, ctx: StepCtx): boolean {
  if (s.status !== 'member' || s.vc === null || sendsHeld(s, ctx)) return false;
  const own = (s.vc.kept[s.vc.rank]?.length ?? 0) + (s.vc.waiting[s.vc.rank]?.length ?? 0);
  return own < ctx.o.maxUnstableOwn;
}

/** Holds a request for later (bounded: a full queue drops it with a note). */
export function enqueue(s: IsisState, ctx: StepCtx, request: AppRequest): IsisState {
  if (s.queue.length >= ctx.o.maxQueuedRequests) {
    note(ctx, 'request-dropped');
    return s;
  }
  const out = copyState(s);
  out.queue = [...s.queue, request];
  return out;
}

/** Sends a multicast in the current view (the caller checked canMulticast). */
export function multicastNow(s: IsisState, ctx: StepCtx, order: DeliveryOrder, payload: { key: string; value: number }): IsisState {
  const vc0 = s.vc as ViewComm;
  const m = makeMulticast(vc0, s.self, order, payload, s.sent + 1);
  let total = vc0.total;
  let out: IsisState;
  if (batchingOrders(ctx)) {
    // The multicast carries our order acknowledgement to every member.
    const ok = knownOrders(total);
    if (ok !== total.announced) {
      total = copyTotalOrder(total);
      total.announced = ok;
    }
    out = sendToMembers(s, ctx, { k: 'mc', m, ok });
  } else {
    out = sendToMembers(s, ctx, { k: 'mc', m });
  }
  observe(ctx, { type: 'bcast', msg: m.id, order, view: m.view });
  // The timestamp tells everyone what we delivered: it counts as a stability announcement.
  const next = withTotal(vc0, total);
  next.nextSn = m.sn + 1;
  out = withVc(out, markAnnounced(insertWaiting(next, m)));
  out.sent = s.sent + 1;
  return runDelivery(out, ctx);
}

/**
 * The sequencer's ordering pass, then every delivery the rules allow, then
 * garbage collection. Nothing is delivered while frozen by a flush.
 */
export function runDelivery(s: IsisState, ctx: StepCtx): IsisState {
  // (layers.holdDeliveriesWhileFrozen: false keeps delivering after the flush reply.)
  if (s.vc === null || (s.gms.frozen && ctx.layers.holdDeliveriesWhileFrozen) || s.status !== 'member') return s;
  let out = s;
  let vc = s.vc;
  if (vc.total.pass !== null) {
    const before = knownOrders(vc.total);
    const passed = sequencerPass(vc.total, vc.waiting, (m, v) => readyFor(ctx.layers, m, v), vc.rank);
    // The new vc goes into the state once, at the end (sendToMembers reads only the view and the transport).
    if (passed.ordered.length > 0) {
      note(ctx, 'sequencer-order');
      if (batchingOrders(ctx)) {
        armOrderTimers(ctx, vc.total, passed.total);
        vc = withTotal(vc, passed.total);
      } else {
        vc = withTotal(vc, passed.total);
        out = sendToMembers(out, ctx, { k: 'ord', view: vc.view.id, first: before + 1, ids: passed.ordered });
      }
    } else if (passed.total !== vc.total) {
      vc = withTotal(vc, passed.total);
    }
  }
  const result = deliverReady(vc, ctx.layers, null);
  if (result.delivered.length === 0 && result.vc === s.vc) return out;
  if (result.delivered.length === 0) return withVc(out, result.vc);
  let app = out.app;
  for (const m of result.delivered) {
    // The view the member delivers in (always m.view unless a message crossed views: the trace must say so).
    observe(ctx, { type: 'deliver', msg: m.id, from: m.from, view: vc.view.id });
    app = applyDelivery(app, m);
  }
  const collected = result.delivered.length > 0 ? collectGarbage(result.vc, ctx.layers) : result.vc;
  out = withVc(out, collected);
  out.app = app;
  return out;
}

function senderRankOk(vc: ViewComm, from: string, rank: number): boolean {
  return vc.view.members[rank] === from;
}

/** A multicast from another member; `ok` is the order acknowledgement it carries (order batching). */
export function onMulticast(s: IsisState, ctx: StepCtx, from: string, m: McMessage, ok?: number): IsisState {
  const vc0 = s.vc;
  if (vc0 === null || !ctx.layers.acceptsMulticastOf(m.view, vc0.view.id) || m.from !== from || !senderRankOk(vc0, from, m.rank)) return s;
  const stability = recordPeerTimestamp(vc0.stability, m);
  // Every member got the same count, so the sequencer need not relay it.
  const total = ok !== undefined && m.view === vc0.view.id ? recordOrderAck(vc0.total, m.rank, ok) : vc0.total;
  const inserted = insertWaiting(vc0, m);
  // One new ViewComm: insertWaiting's own when it made one (nothing else has seen it yet), else a copy.
  let vc: ViewComm;
  if (inserted !== vc0) {
    vc = inserted;
    vc.stability = stability;
    vc.total = total;
  } else {
    vc = withTotal(vc0, total);
    vc.stability = stability;
  }
  return runDelivery(withVc(s, vc), ctx);
}

/** Orders from the sequencer. A frozen member ignores them: what it acknowledged must be in its flush reply. */
export function onOrders(s: IsisState, ctx: StepCtx, from: string, body: Extract<IsisBody, { k: 'ord' }>): IsisState {
  const vc = s.vc;
  // An old view's order numbers restart at 1 in the new one, so its first batch would fit the new
  // view's empty order list (isis-old-order-after-install), even from the same sequencer.
  // (layers.ordersCheckViewId: false takes an `ord` of any view from our rank 0.)
  // (layers.ignoreOrdersWhileFrozen: false learns and acknowledges orders after the flush reply.)
  if (vc === null || (body.view !== vc.view.id && ctx.layers.ordersCheckViewId) || vc.view.members[0] !== from || (s.gms.frozen && ctx.layers.ignoreOrdersWhileFrozen)) return s;
  const appended = appendOrders(vc.total, body.first, body.ids, vc.rank);
  // The sequencer knows every order it sends.
  let total = appended === vc.total ? appended : recordOrderAck(appended, 0, body.first + body.ids.length - 1);
  if (body.kb !== undefined) total = mergeKnownBy(total, body.kb);
  if (total === vc.total) return s;
  if (batchingOrders(ctx)) {
    armOrderTimers(ctx, vc.total, total);
    return runDelivery(withVc(s, withTotal(vc, total)), ctx);
  }
  // Without batching no order carries relayed counts (kb: only orderBatchTick sends them), so
  // total changed because orders were appended: they are acknowledged to every member.
  const out = sendToMembers(withVc(s, withTotal(vc, total)), ctx, { k: 'oack', view: vc.view.id, known: knownOrders(total) });
  return runDelivery(out, ctx);
}

export function onOrderAck(s: IsisState, ctx: StepCtx, from: string, body: Extract<IsisBody, { k: 'oack' }>): IsisState {
  const vc = s.vc;
  if (vc === null || body.view !== vc.view.id) return s;
  const rank = vc.view.members.indexOf(from);
  if (rank < 0) return s;
  let total = recordOrderAck(vc.total, rank, body.known);
  if (total === vc.total) return s;
  if (batchingOrders(ctx) && total.pass !== null) {
    // Only the sequencer hears this acknowledgement: it tells the others with its next batch.
    total = copyTotalOrder(total);
    total.relayDue = true;
    armOrderTimers(ctx, vc.total, total);
  }
  return runDelivery(withVc(s, withTotal(vc, total)), ctx);
}

/** Order batching, sequencer: sends the orders made and acknowledgements heard since the last batch. */
export function orderBatchTick(s: IsisState, ctx: StepCtx): IsisState {
  const vc = s.vc;
  if (vc === null || s.status !== 'member' || !orderBatchDue(vc.total)) return s;
  const batch = takeOrderBatch(vc.total);
  const body: IsisBody = { k: 'ord', view: vc.view.id, first: batch.first, ids: batch.ids, kb: vc.total.knownBy.slice() };
  return sendToMembers(withVc(s, withTotal(vc, batch.total)), ctx, body);
}

/** Order batching, member: acknowledges to the sequencer the orders no multicast of ours has acknowledged yet. */
export function orderAckTick(s: IsisState, ctx: StepCtx): IsisState {
  const vc = s.vc;
  const sequencer = vc?.view.members[0];
  if (vc === null || sequencer === undefined || s.status !== 'member' || vc.total.pass !== null || !orderAckDue(vc.total)) return s;
  const known = knownOrders(vc.total);
  const total = copyTotalOrder(vc.total);
  total.announced = known;
  const out = sendTo(withVc(s, withTotal(vc, total)), ctx, sequencer, { k: 'oack', view: vc.view.id, known });
  return out;
}

export function onStability(s: IsisState, ctx: StepCtx, from: string, body: Extract<IsisBody, { k: 'stab' }>): IsisState {
  const vc = s.vc;
  // (layers.stabilityChecksViewId: false merges another view's delivered vector, by the sender's rank in ours.)
  if (vc === null || (body.view !== vc.view.id && ctx.layers.stabilityChecksViewId)) return s;
  const rank = vc.view.members.indexOf(from);
  if (rank < 0) return s;
  const stability = recordPeerDelivered(vc.stability, rank, body.d, body.td);
  if (stability === vc.stability) return s;
  return withVc(s, collectGarbage(withStability(vc, stability), ctx.layers));
}

/** Periodic: tell the others what we delivered, if it changed since we last did. */
export function stabilityTick(s: IsisState, ctx: StepCtx): IsisState {
  if (s.status !== 'member') return s;
  ctx.fx.push({ kind: 'setTimer', timer: STABILITY_TIMER, delayUs: ctx.o.stabilityIntervalUs });
  const vc = s.vc;
  if (vc === null || !announcementDue(vc)) return s;
  const out = sendToMembers(s, ctx, { k: 'stab', view: vc.view.id, d: vc.delivered.slice(), td: vc.total.delivered });
  return withVc(out, markAnnounced(vc));
}

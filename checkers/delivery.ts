// Delivery family: delivery-integrity, no-duplication, sending-view-delivery,
// self-delivery. (virtual-synchrony, the fifth, has its own file.) Every
// `deliver` is a delivery of its `msg` for every property; the first `bcast`
// of an id is the multicast of that message.
import type { BcastEvent, DeliverEvent } from '../traces/schema.ts';
import type { CheckContext } from './context.ts';
import type { ProcState } from './state.ts';

/**
 * delivery-integrity: "every `deliver` of m comes after the `bcast` of m, and
 * its `from` is the process that multicast m."
 * This half: a delivery of an id nobody has multicast yet.
 */
export function reportDeliveryBeforeMulticast(ctx: CheckContext, event: DeliverEvent): void {
  ctx.sink.report('delivery-integrity', [event.i], () =>
    `${event.node} delivers ${event.msg} (from ${event.from}), which no process has multicast before.`,
  );
}

/** delivery-integrity, second half: `from` names the process that multicast m. */
export function checkDeliverySender(ctx: CheckContext, msg: number, event: DeliverEvent): void {
  const sender = ctx.procs[ctx.messages.sender[msg] as number]!.id;
  if (event.from === sender) return;
  ctx.sink.report('delivery-integrity', [ctx.messages.bcastI[msg] as number, event.i], () =>
    `${event.node} delivers ${event.msg} as from ${event.from}, but ${sender} multicast it.`,
  );
}

/**
 * no-duplication: "no message id is multicast twice, and no process delivers
 * the same message twice." This half: a second `bcast` of an id.
 */
export function reportDuplicateMulticast(ctx: CheckContext, msg: number, event: BcastEvent): void {
  const first = ctx.procs[ctx.messages.sender[msg] as number]!.id;
  ctx.sink.report('no-duplication', [ctx.messages.bcastI[msg] as number, event.i], () =>
    `${event.node} multicasts ${event.msg}, an id ${first} already multicast.`,
  );
}

/** no-duplication, second half: call before recording the delivery. */
export function checkDuplicateDelivery(ctx: CheckContext, reader: ProcState, msg: number, event: DeliverEvent): void {
  const firstI = reader.delivered.first(msg);
  if (firstI < 0) return;
  ctx.sink.report('no-duplication', [firstI, event.i], () => `${event.node} delivers ${event.msg} a second time.`);
}

/**
 * sending-view-delivery: "every delivery of m happens in m's sending view:
 * the `view` field of every `deliver` of m equals the `view` field of the
 * `bcast` of m (whether these fields match the views installed is
 * lifecycle's matter)."
 */
export function checkSendingViewDelivery(
  ctx: CheckContext,
  msg: number,
  node: string,
  deliverView: number,
  deliverI: number,
): void {
  const sendingView = ctx.messages.logs[msg]!.viewId;
  if (deliverView === sendingView) return;
  const id = ctx.messages.idOf(msg);
  ctx.sink.report('sending-view-delivery', [ctx.messages.bcastI[msg] as number, deliverI], () =>
    `${node} delivers ${id} in view ${deliverView}, but it was multicast in view ${sendingView}.`,
  );
}

/**
 * self-delivery: "a process that multicasts m in view V delivers m before it
 * installs any later view."
 * Called when `proc` installs a view: every message it multicast since its
 * previous install (or its start) must be delivered by now.
 */
export function checkSelfDelivery(ctx: CheckContext, proc: ProcState, installI: number, newViewId: number): void {
  const { messages } = ctx;
  for (const msg of proc.pendingSelf) {
    if (proc.delivered.first(msg) >= 0) continue;
    const viewId = messages.logs[msg]!.viewId;
    ctx.sink.report(
      'self-delivery',
      [messages.bcastI[msg] as number, installI],
      () =>
        `${proc.id} multicast ${messages.idOf(msg)} in view ${viewId} but installs view ${newViewId} ` +
        `without having delivered it.`,
      { proc: proc.index, msg },
    );
  }
  proc.pendingSelf.length = 0;
}

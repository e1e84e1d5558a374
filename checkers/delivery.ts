// Delivery family: delivery-integrity, no-duplication, sending-view-delivery,
// self-delivery. (virtual-synchrony, the fifth, has its own file.)
import type { BcastEvent, DeliverEvent } from '../traces/schema.ts';
import type { RetiredMessage } from './message-table.ts';
import type { MessageRecord, ProcState } from './state.ts';
import type { ViolationSink } from './violation.ts';

/**
 * delivery-integrity: "every `deliver` of m comes after the `bcast` of m, and
 * its `from` is the process that multicast m."
 * This half: a delivery of a message id with no multicast before it.
 */
export function reportDeliveryOfUnknown(sink: ViolationSink, event: DeliverEvent, idsForgotten: boolean): void {
  // Past the window of retired ids, "never multicast" and "multicast in a view
  // retired long ago" look the same; say so rather than guess.
  const unless = idsForgotten ? ' (or it was multicast in a view every member left long ago)' : '';
  sink.report('delivery-integrity', [event.i], () =>
    `${event.node} delivers ${event.msg} (from ${event.from}), which no process has multicast before${unless}.`,
  );
}

/** delivery-integrity, second half: `from` names the process that multicast m. */
export function checkDeliverySender(
  sink: ViolationSink,
  sender: string,
  bcastI: number,
  event: DeliverEvent,
): void {
  if (event.from === sender) return;
  sink.report('delivery-integrity', [bcastI, event.i], () =>
    `${event.node} delivers ${event.msg} as from ${event.from}, but ${sender} multicast it.`,
  );
}

/**
 * no-duplication: "no message id is multicast twice, and no process delivers
 * the same message twice." This half: a second `bcast` of an id.
 */
export function reportDuplicateMulticast(sink: ViolationSink, firstBcastI: number, firstSender: string, event: BcastEvent): void {
  sink.report('no-duplication', [firstBcastI, event.i], () =>
    `${event.node} multicasts ${event.msg}, an id ${firstSender} already multicast.`,
  );
}

/** no-duplication, second half. Returns true when this delivery is a repeat. */
export function checkDuplicateDelivery(
  sink: ViolationSink,
  message: MessageRecord,
  readerSlot: number,
  event: DeliverEvent,
): boolean {
  const firstI = message.deliveredBy(readerSlot);
  if (firstI < 0) return false;
  sink.report('no-duplication', [firstI, event.i], () => `${event.node} delivers ${message.id} a second time.`);
  return true;
}

/**
 * sending-view-delivery: "every delivery of m happens in m's sending view."
 * The view a delivery happens in is the view the process installed last (the
 * `deliver` event's own `view` field when it has installed none; lifecycle
 * reports any difference between the two).
 */
export function checkSendingViewDelivery(
  sink: ViolationSink,
  proc: ProcState,
  sendingViewId: number,
  bcastI: number,
  event: DeliverEvent,
): void {
  const deliveryViewId = proc.hasView ? proc.viewId : event.view;
  if (deliveryViewId === sendingViewId) return;
  sink.report('sending-view-delivery', [bcastI, proc.hasView ? proc.viewI : -1, event.i], () =>
    `${event.node} delivers ${event.msg} in view ${deliveryViewId}, but it was multicast in view ${sendingViewId}.`,
  );
}

/** A delivery of a message whose sending view every live member had left. */
export function reportDeliveryOfRetired(
  sink: ViolationSink,
  proc: ProcState,
  retired: RetiredMessage,
  event: DeliverEvent,
): void {
  checkDeliverySender(sink, retired.sender, retired.bcastI, event);
  const deliveryViewId = proc.hasView ? proc.viewId : event.view;
  sink.report('sending-view-delivery', [retired.bcastI, proc.hasView ? proc.viewI : -1, event.i], () =>
    `${event.node} delivers ${event.msg} in view ${deliveryViewId}, but it was multicast in view ` +
    `${retired.viewId}, which every live member had already left.`,
  );
}

/**
 * self-delivery: "a process that multicasts m in view V delivers m before it
 * installs any later view."
 * Called when `proc` installs a view: every message it multicast since its
 * previous install must be delivered by now.
 */
export function checkSelfDelivery(sink: ViolationSink, proc: ProcState, installI: number, newViewId: number): void {
  for (const run of proc.sentSinceInstall) {
    if (run.view.retired) continue;
    const log = run.view.slots[run.slot]?.sent ?? [];
    for (let seq = run.fromSeq; seq < log.length; seq++) {
      const message = log[seq] as MessageRecord;
      if (message.deliveredBy(run.slot) >= 0) continue;
      sink.report('self-delivery', [message.bcastI, installI], () =>
        `${proc.id} multicast ${message.id} in view ${message.view.id} but installs view ${newViewId} ` +
        `without having delivered it.`,
      );
    }
  }
  proc.sentSinceInstall.length = 0;
}

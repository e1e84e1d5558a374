// Order family: fifo-order, causal-order, total-order. All three are judged
// at the moment a process delivers a message, against the messages of the
// same sending view, in time close to O(processes) per delivery:
// - FIFO keeps, per reader and sender, a prefix pointer that only moves
//   forward (amortised O(1));
// - causal order uses vector clocks: each causal-or-total message carries, per
//   sender, how many of that sender's causal messages are in its causal past;
// - total order keeps, per pair of processes, the latest delivery of the other
//   among the total messages this one delivered (O(processes) per delivery).
// A pair of messages is checked for the strongest order both promise: a
// same-sender pair where either message is fifo is a FIFO matter; a pair where
// both are causal or total is a causal matter (same-sender order is part of
// happened-before); two total messages are also held to one relative order.
// Chains of happened-before stay inside one view in any trace that keeps
// lifecycle, view-monotonicity and sending-view-delivery, so per-view clocks
// are exact there (see docs/checkers.md).
import type { MessageRecord, SlotState, ViewState } from './state.ts';
import type { ViolationSink } from './violation.ts';

/**
 * fifo-order: "if p multicasts m1 then m2 in the same view, every process
 * that delivers m2 delivered m1 before it."
 * Judged here for pairs where m1 or m2 is a `fifo` message.
 */
export function checkFifoOrder(
  sink: ViolationSink,
  message: MessageRecord,
  readerSlot: number,
  deliverI: number,
): void {
  const view = message.view;
  const reader = view.slots[readerSlot] as SlotState;
  const senderLog = (view.slots[message.senderSlot] as SlotState).sent;
  const prefixes = message.order === 'fifo' ? reader.allPrefix : reader.fifoPrefix;
  const onlyFifo = message.order !== 'fifo';
  let prefix = prefixes[message.senderSlot] ?? 0;
  while (prefix < message.seq) {
    const earlier = senderLog[prefix] as MessageRecord;
    if (earlier.deliveredBy(readerSlot) < 0 && (!onlyFifo || earlier.order === 'fifo')) break;
    prefix += 1;
  }
  prefixes[message.senderSlot] = prefix;
  if (prefix >= message.seq) return;
  const missing = senderLog[prefix] as MessageRecord;
  sink.report('fifo-order', [missing.bcastI, message.bcastI, deliverI], () =>
    `${reader.proc} delivers ${message.id} (${message.order}) from ${message.sender} without having delivered ` +
    `${missing.id} (${missing.order}), which ${message.sender} multicast before it in view ${view.id}.`,
  );
}

/**
 * causal-order: "if m1 happened before m2 and both were multicast in the same
 * view, every process that delivers m2 delivered m1 before it. Happened-before
 * is a relation among messages of at least `causal` order: m1 happened before
 * m2 if they have the same sender and m1 was multicast first, or if the sender
 * of m2 delivered m1 before multicasting m2; closed transitively (a chain
 * never passes through a `fifo` message)."
 * Call for causal and total messages only, before marking the delivery.
 */
export function checkCausalOrder(
  sink: ViolationSink,
  message: MessageRecord,
  readerSlot: number,
  deliverI: number,
): void {
  const view = message.view;
  const reader = view.slots[readerSlot] as SlotState;
  const clock = message.vc as number[];
  for (let sender = 0; sender < clock.length; sender++) {
    const needed = (clock[sender] ?? 0) - (sender === message.senderSlot ? 1 : 0);
    if (needed <= 0) continue;
    const log = (view.slots[sender] as SlotState).sentCausal;
    let prefix = reader.causalPrefix[sender] ?? 0;
    while (prefix < needed && (log[prefix] as MessageRecord).deliveredBy(readerSlot) >= 0) prefix += 1;
    reader.causalPrefix[sender] = prefix;
    if (prefix >= needed) continue;
    const missing = log[prefix] as MessageRecord;
    const how =
      missing.sender === message.sender
        ? `${message.sender} multicast it first`
        : `it happened before ${message.id}`;
    sink.report('causal-order', [missing.bcastI, message.bcastI, deliverI], () =>
      `${reader.proc} delivers ${message.id} (${message.order}, from ${message.sender}) without having delivered ` +
      `${missing.id} (${missing.order}, from ${missing.sender}) although ${how}, both in view ${view.id}.`,
    );
    return;
  }
}

/** After a causal or total delivery: the reader's causal past now includes the message's. */
export function mergeCausalPast(message: MessageRecord, readerSlot: number): void {
  const reader = message.view.slots[readerSlot] as SlotState;
  const clock = message.vc as number[];
  const frontier = reader.frontier;
  for (let sender = 0; sender < clock.length; sender++) {
    const count = clock[sender] ?? 0;
    if (count > (frontier[sender] ?? 0)) frontier[sender] = count;
  }
}

/** The vector clock of a causal or total message its sender multicasts now. */
export function stampCausalPast(view: ViewState, senderSlot: number, causalSeq: number): number[] {
  const frontier = (view.slots[senderSlot] as SlotState).frontier;
  const clock = new Array<number>(view.slots.length);
  for (let sender = 0; sender < clock.length; sender++) clock[sender] = frontier[sender] ?? 0;
  clock[senderSlot] = causalSeq + 1;
  frontier[senderSlot] = causalSeq + 1;
  return clock;
}

/**
 * total-order: "if two processes both deliver two `total` messages, they
 * deliver them in the same relative order."
 * The reader delivers x now. For every other process o that already delivered
 * x, the reader must not have delivered earlier some y that o delivered after
 * x. `totalLatestAt[o]` is the latest such delivery time of o over everything
 * the reader delivered, kept up to date from both sides, so one comparison
 * per process finds any inversion at the later of the two deliveries.
 * Call before marking the delivery; then call recordTotalDelivery.
 */
export function checkTotalOrder(
  sink: ViolationSink,
  message: MessageRecord,
  readerSlot: number,
  deliverI: number,
): void {
  const view = message.view;
  const reader = view.slots[readerSlot] as SlotState;
  for (let other = 0; other < view.slots.length; other++) {
    if (other === readerSlot) continue;
    const otherAt = message.deliveredBy(other);
    if (otherAt < 0) continue;
    const latest = reader.totalLatestAt[other] ?? -1;
    if (latest <= otherAt) continue;
    const earlier = reader.totalLatestMsg[other] as MessageRecord;
    const otherProc = (view.slots[other] as SlotState).proc;
    sink.report(
      'total-order',
      [otherAt, latest, earlier.deliveredBy(readerSlot), deliverI],
      () =>
        `${reader.proc} delivers ${earlier.id} before ${message.id}, but ${otherProc} delivered ` +
        `${message.id} before ${earlier.id} (total messages of view ${view.id}).`,
    );
    return;
  }
}

export function recordTotalDelivery(message: MessageRecord, readerSlot: number, deliverI: number): void {
  const view = message.view;
  const reader = view.slots[readerSlot] as SlotState;
  for (let other = 0; other < view.slots.length; other++) {
    if (other === readerSlot) continue;
    const otherAt = message.deliveredBy(other);
    if (otherAt < 0) continue;
    if (otherAt > (reader.totalLatestAt[other] ?? -1)) {
      reader.totalLatestAt[other] = otherAt;
      reader.totalLatestMsg[other] = message;
    }
    const otherSlot = view.slots[other] as SlotState;
    if (deliverI > (otherSlot.totalLatestAt[readerSlot] ?? -1)) {
      otherSlot.totalLatestAt[readerSlot] = deliverI;
      otherSlot.totalLatestMsg[readerSlot] = message;
    }
  }
}

// Deliveries that come before the `bcast` of their message. Each is already a
// delivery-integrity violation when it happens, but the contract counts it as
// a delivery of m for every property, so it is remembered (bounded) and
// judged by sending-view-delivery, fifo-, causal- and total-order once the
// first `bcast` of m says who sent it, in which view and with which order.
import type { BcastEvent, DeliverEvent } from '../traces/schema.ts';
import type { CheckContext } from './context.ts';
import { ORDER_FIFO, ORDER_TOTAL } from './message-table.ts';
import { checkCausalOrderAt, checkFifoOrderAt, mergeCausalPast } from './order.ts';
import type { ProcState } from './state.ts';
import type { TotalOrderJudge } from './total-order.ts';

/**
 * Deliveries before their multicast remembered (each is a violation). Past
 * this, a delivery is not remembered, only its message: the verdicts it
 * could change become unknown if, and only when, that message is multicast.
 */
export const MAX_PREMATURE = 1 << 16;

const FORGOTTEN_PROPERTIES = ['sending-view-delivery', 'fifo-order', 'causal-order', 'total-order'] as const;

interface Premature {
  proc: ProcState;
  i: number;
  view: number;
  first: boolean;
  /** The deliverer's causal multicasts so far, to see whether any came between. */
  causalBcasts: number;
}

export class PrematureDeliveries {
  private readonly byMessage = new Map<number, Premature[]>();
  /**
   * Messages with a delivery past the bound. An id that is never multicast
   * has no sending view and no order, so its deliveries cannot break the
   * four properties: a trace that delivers many such ids stays exact.
   */
  private readonly forgotten = new Set<number>();
  private count = 0;

  /** Remembers `proc`'s delivery of `msg` at `event`, made before any `bcast` of it. */
  note(ctx: CheckContext, proc: ProcState, msg: number, event: DeliverEvent, first: boolean): void {
    if (this.count >= MAX_PREMATURE) {
      this.forgotten.add(msg);
      return;
    }
    this.count += 1;
    let list = this.byMessage.get(msg);
    if (list === undefined) this.byMessage.set(msg, (list = []));
    list.push({ proc, i: event.i, view: event.view, first, causalBcasts: proc.causalBcasts });
  }

  /** At the first `bcast` of `msg`: judges the deliveries of it that came before. */
  judge(ctx: CheckContext, totalOrder: TotalOrderJudge, msg: number, order: number, event: BcastEvent): void {
    if (this.forgotten.delete(msg)) {
      const reason = `more than ${MAX_PREMATURE} deliveries before their multicast, some of a message multicast later`;
      for (const property of FORGOTTEN_PROPERTIES) ctx.unknown(property, reason);
    }
    const early = this.byMessage.get(msg);
    if (early === undefined) return;
    this.byMessage.delete(msg);
    for (const delivery of early) {
      if (delivery.view !== event.view) {
        const { proc, view, i } = delivery;
        ctx.sink.report('sending-view-delivery', [i, event.i], () =>
          `${proc.id} delivers ${event.msg} in view ${view}, but it was multicast in view ${event.view}.`,
        );
      }
      if (!delivery.first) continue;
      checkFifoOrderAt(ctx, delivery.proc, msg, delivery.i);
      if (order === ORDER_FIFO) continue;
      checkCausalOrderAt(ctx, delivery.proc, msg, delivery.i);
      if (delivery.proc.causalBcasts !== delivery.causalBcasts) {
        ctx.inexactCausal(
          `${delivery.proc.id} delivered ${event.msg} before its multicast, then multicast: a chain of happened-before judged again at the end`,
        );
      }
      mergeCausalPast(ctx, delivery.proc, msg);
    }
    if (order === ORDER_TOTAL) {
      const deliverers = early.filter((delivery) => delivery.first).map((delivery) => delivery.proc);
      totalOrder.onPrematureMulticast(ctx, msg, deliverers);
    }
  }
}

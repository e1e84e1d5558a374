// Order family: fifo-order and causal-order, judged at a process's first
// delivery of a message (a later one cannot break them: "every process that
// delivers m2 delivered m1 before it" is settled by the first delivery of
// m2). total-order has its own file.
// - FIFO covers every two messages of one sender in one sending view,
//   whatever their order: per (sender, view) log and reader, a prefix pointer
//   that only moves forward (amortised O(1)).
// - Causal order uses vector clocks over the causal logs of the sending view:
//   each causal-or-total message carries, per log, how many of its messages
//   are in its causal past. Happened-before is computed per process for one
//   view at a time (the highest view of its causal acts); a chain can leave a
//   view and come back only through a multicast in a view lower than one its
//   sender already acted in; such a multicast is noted (ctx.inexactCausal),
//   and if these clocks find no violation, causal-order is judged again,
//   exactly, at the end (causal-exact.ts).
import type { CheckContext } from './context.ts';
import { orderName } from './message-table.ts';
import type { ProcState } from './state.ts';
import { ViewClocks } from './state.ts';

/**
 * fifo-order: "if p multicasts m1 then m2 in the same view, every process
 * that delivers m2 delivered m1 before it."
 * Call at the reader's first delivery of `msg` (multicast already), before
 * recording it.
 */
export function checkFifoOrder(ctx: CheckContext, reader: ProcState, msg: number, deliverI: number): void {
  const { messages } = ctx;
  const seq = messages.seq[msg] as number;
  if (seq === 0) return;
  const log = messages.logs[msg]!;
  let prefix = log.fifoPrefix[reader.index] ?? 0;
  while (prefix < seq && reader.delivered.first(log.msgs[prefix] as number) >= 0) prefix += 1;
  log.fifoPrefix[reader.index] = prefix;
  if (prefix < seq) reportFifo(ctx, reader, msg, log.msgs[prefix] as number, deliverI);
}

/** fifo-order for a delivery at `deliverI` that came before the multicast of `msg`. */
export function checkFifoOrderAt(ctx: CheckContext, reader: ProcState, msg: number, deliverI: number): void {
  const { messages } = ctx;
  const log = messages.logs[msg]!;
  const seq = messages.seq[msg] as number;
  for (let k = 0; k < seq; k++) {
    const earlier = log.msgs[k] as number;
    const at = reader.delivered.first(earlier);
    if (at >= 0 && at < deliverI) continue;
    reportFifo(ctx, reader, msg, earlier, deliverI);
    return;
  }
}

function reportFifo(ctx: CheckContext, reader: ProcState, msg: number, missing: number, deliverI: number): void {
  const { messages, procs } = ctx;
  const sender = procs[messages.sender[msg] as number]!.id;
  const viewId = messages.logs[msg]!.viewId;
  ctx.sink.report(
    'fifo-order',
    [messages.bcastI[missing] as number, messages.bcastI[msg] as number, deliverI],
    () =>
      `${reader.id} delivers ${messages.idOf(msg)} (${orderName(messages.order[msg] as number)}) from ${sender} ` +
      `without having delivered ${messages.idOf(missing)} (${orderName(messages.order[missing] as number)}), ` +
      `which ${sender} multicast before it in view ${viewId}.`,
    { proc: reader.index, msg: missing },
  );
}

/**
 * causal-order: "if m1 happened before m2 and both were multicast in the same
 * view, every process that delivers m2 delivered m1 before it. Happened-before
 * is a relation among messages of at least `causal` order: m1 happened before
 * m2 if they have the same sender and m1 was multicast first, or if the sender
 * of m2 delivered m1 before multicasting m2; closed transitively (a chain
 * never passes through a `fifo` message)."
 * Call at the reader's first delivery of a causal or total `msg`.
 */
export function checkCausalOrder(ctx: CheckContext, reader: ProcState, msg: number, deliverI: number): void {
  const { messages } = ctx;
  const log = messages.logs[msg]!;
  const clocks = ctx.clocks.get(log.viewId) as ViewClocks;
  const at = messages.clockAt[msg] as number;
  const length = messages.clockLength[msg] as number;
  for (let j = 0; j < length; j++) {
    const needed = (clocks.clocks[at + j] as number) - (j === log.causalIndex ? 1 : 0);
    if (needed <= 0) continue;
    const past = clocks.causalLogs[j]!;
    let prefix = past.causalPrefix[reader.index] ?? 0;
    while (prefix < needed && reader.delivered.first(past.causal[prefix] as number) >= 0) prefix += 1;
    past.causalPrefix[reader.index] = prefix;
    if (prefix < needed) {
      reportCausal(ctx, reader, msg, past.causal[prefix] as number, deliverI);
      return;
    }
  }
}

/** causal-order for a delivery at `deliverI` that came before the multicast of `msg`. */
export function checkCausalOrderAt(ctx: CheckContext, reader: ProcState, msg: number, deliverI: number): void {
  const { messages } = ctx;
  const log = messages.logs[msg]!;
  const clocks = ctx.clocks.get(log.viewId) as ViewClocks;
  const at = messages.clockAt[msg] as number;
  const length = messages.clockLength[msg] as number;
  for (let j = 0; j < length; j++) {
    const needed = (clocks.clocks[at + j] as number) - (j === log.causalIndex ? 1 : 0);
    const past = clocks.causalLogs[j]!;
    for (let k = 0; k < needed; k++) {
      const earlier = past.causal[k] as number;
      const deliveredAt = reader.delivered.first(earlier);
      if (deliveredAt >= 0 && deliveredAt < deliverI) continue;
      reportCausal(ctx, reader, msg, earlier, deliverI);
      return;
    }
  }
}

export function reportCausal(ctx: CheckContext, reader: ProcState, msg: number, missing: number, deliverI: number): void {
  const { messages, procs } = ctx;
  const sender = procs[messages.sender[msg] as number]!.id;
  const missingSender = procs[messages.sender[missing] as number]!.id;
  const how = missingSender === sender ? `${sender} multicast it first` : `it happened before ${messages.idOf(msg)}`;
  const viewId = messages.logs[msg]!.viewId;
  ctx.sink.report(
    'causal-order',
    [messages.bcastI[missing] as number, messages.bcastI[msg] as number, deliverI],
    () =>
      `${reader.id} delivers ${messages.idOf(msg)} (${orderName(messages.order[msg] as number)}, from ${sender}) ` +
      `without having delivered ${messages.idOf(missing)} (${orderName(messages.order[missing] as number)}, ` +
      `from ${missingSender}) although ${how}, both in view ${viewId}.`,
    { proc: reader.index, msg: missing },
  );
}

/** After a process's first delivery of a causal or total message: its causal past now includes the message's. */
export function mergeCausalPast(ctx: CheckContext, reader: ProcState, msg: number): void {
  const { messages } = ctx;
  const viewId = messages.logs[msg]!.viewId;
  if (reader.frontierView === null || viewId > reader.frontierView) {
    reader.frontierView = viewId;
    reader.frontier = [];
  } else if (viewId < reader.frontierView) {
    // A view below the one its past is about: what it learns here can only
    // reach that view again through a multicast there, which stampCausalPast
    // notes for the exact judgement at the end.
    return;
  }
  const clocks = ctx.clocks.get(viewId) as ViewClocks;
  const at = messages.clockAt[msg] as number;
  const length = messages.clockLength[msg] as number;
  const frontier = reader.frontier;
  for (let j = 0; j < length; j++) {
    const count = clocks.clocks[at + j] as number;
    if (count > (frontier[j] ?? 0)) frontier[j] = count;
  }
}

/** Stamps the vector clock of a causal or total message its sender multicasts now. */
export function stampCausalPast(ctx: CheckContext, sender: ProcState, msg: number): void {
  const { messages } = ctx;
  const log = messages.logs[msg]!;
  const viewId = log.viewId;
  if (sender.frontierView !== null && viewId < sender.frontierView) {
    ctx.inexactCausal(
      `${sender.id} multicasts ${messages.idOf(msg)} in view ${viewId} after acting in view ${sender.frontierView}: ` +
        'a chain of happened-before through other views, judged again at the end',
    );
  }
  if (sender.frontierView !== viewId) {
    sender.frontierView = viewId;
    sender.frontier = [];
  }
  let clocks = ctx.clocks.get(viewId);
  if (clocks === undefined) ctx.clocks.set(viewId, (clocks = new ViewClocks(viewId)));
  if (log.causalIndex < 0) {
    log.causalIndex = clocks.causalLogs.length;
    clocks.causalLogs.push(log);
  }
  messages.causalSeq[msg] = log.causal.length;
  log.causal.push(msg);
  const frontier = sender.frontier;
  frontier[log.causalIndex] = log.causal.length;
  const length = clocks.causalLogs.length;
  messages.clockAt[msg] = clocks.store(frontier, length);
  messages.clockLength[msg] = length;
  sender.causalBcasts += 1;
}

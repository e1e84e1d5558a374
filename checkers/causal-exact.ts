// causal-order judged exactly at the end of a trace, for the traces where the
// online vector clocks of order.ts lose a chain of happened-before: a causal
// multicast in a view lower than one its sender already acted in, or a
// multicast after delivering a message that had not been multicast yet. Both
// need a broken trace, so this pass is rare; online the fast path still
// reports what it sees, and this pass adds the deliveries it missed.
//
// It reads only what the checker keeps anyway (docs/checkers.md, "Memory"):
// the first `bcast` of each id (message-table.ts) and each process's first
// delivery of each id (delivered-window.ts). No event is kept.
//
// Happened-before among causal-or-total messages is downward closed per
// sender (two causal messages of one sender are related by multicast order,
// and a chain may pass through any causal message, whatever its view), so
// the past of a message is, per sender, a prefix of that sender's causal
// multicasts across all views: one vector clock over the processes that
// multicast a causal message. The clocks are the least fixed point of "the clock of m2 is what its sender
// knew when it multicast m2", computed by passes over the deliveries and
// multicasts in trace order; a delivery that came before the multicast of
// its message needs one more pass to carry what that message learnt later.
import type { CheckContext } from './context.ts';
import { ORDER_CAUSAL, ORDER_TOTAL } from './message-table.ts';
import type { MessageLog } from './state.ts';
import { reportCausal } from './order.ts';

/**
 * Clock cells ((causal messages + processes) x processes that multicast a
 * causal message: 32 MiB of Int32) the exact pass may allocate; also its
 * bound on causal multicasts plus first deliveries of causal messages.
 */
export const MAX_EXACT_CAUSAL_CELLS = 1 << 22;
/** Work the exact pass may do in all: clock-cell updates over all passes, plus processes x causal messages to compare. */
export const MAX_EXACT_CAUSAL_WORK = 1 << 30;

/**
 * The reason causal-order stays unknown, or null when it was judged exactly
 * (violations reported). A delivery in `reported` (the `i` of a delivery
 * the online pass already reported) is not reported again.
 */
export function judgeCausalOrderExactly(ctx: CheckContext, reported: ReadonlySet<number> = new Set()): string | null {
  const { messages, procs } = ctx;
  const processCount = procs.length;

  // The causal-or-total messages, in multicast order, and their rank among their sender's.
  const causal: number[] = [];
  for (let msg = 0; msg < messages.count; msg++) {
    const order = messages.order[msg] as number;
    if ((order === ORDER_CAUSAL || order === ORDER_TOTAL) && (messages.bcastI[msg] as number) >= 0) causal.push(msg);
  }
  causal.sort((a, b) => (messages.bcastI[a] as number) - (messages.bcastI[b] as number));
  const causalCount = causal.length;
  if (causalCount === 0) return null;
  // One clock column per process that multicast a causal message.
  const column = new Int32Array(processCount).fill(-1);
  let width = 0;
  for (const msg of causal) {
    const sender = messages.sender[msg] as number;
    if ((column[sender] as number) < 0) column[sender] = width++;
  }
  if ((causalCount + processCount) * width > MAX_EXACT_CAUSAL_CELLS) {
    return `(causal messages + processes) x causal senders above ${MAX_EXACT_CAUSAL_CELLS} for the exact judgement of happened-before through other views`;
  }
  if (processCount * causalCount > MAX_EXACT_CAUSAL_WORK) {
    return `processes x causal messages above ${MAX_EXACT_CAUSAL_WORK} for the exact judgement of happened-before through other views`;
  }
  // Position in `causal` by message index (-1: not causal).
  const position = new Int32Array(messages.count).fill(-1);
  const rank = new Int32Array(causalCount);
  const sent = new Int32Array(processCount);
  causal.forEach((msg, at) => {
    position[msg] = at;
    const sender = messages.sender[msg] as number;
    rank[at] = sent[sender] as number;
    sent[sender] = (sent[sender] as number) + 1;
  });

  // The acts that carry happened-before, in trace order: first deliveries of
  // causal messages (code `at` >= 0) and their multicasts (code ~at).
  let actCount = causalCount;
  for (const msg of causal) for (const proc of procs) if (proc.delivered.first(msg) >= 0) actCount += 1;
  if (actCount > MAX_EXACT_CAUSAL_CELLS) {
    return `more than ${MAX_EXACT_CAUSAL_CELLS} causal multicasts and first deliveries for the exact judgement of happened-before through other views`;
  }
  const actI = new Int32Array(actCount);
  const actProc = new Int32Array(actCount);
  const actCode = new Int32Array(actCount);
  let filled = 0;
  const addAct = (i: number, proc: number, code: number): void => {
    actI[filled] = i;
    actProc[filled] = proc;
    actCode[filled] = code;
    filled += 1;
  };
  for (let at = 0; at < causalCount; at++) {
    const msg = causal[at] as number;
    addAct(messages.bcastI[msg] as number, messages.sender[msg] as number, ~at);
    for (const proc of procs) {
      const deliveredAt = proc.delivered.first(msg);
      if (deliveredAt >= 0) addAct(deliveredAt, proc.index, at);
    }
  }
  const acts = new Int32Array(actCount);
  for (let k = 0; k < actCount; k++) acts[k] = k;
  acts.sort((a, b) => (actI[a] as number) - (actI[b] as number));

  const clocks = new Int32Array(causalCount * width);
  const known = new Int32Array(processCount * width);
  let work = processCount * causalCount; // the final comparison, per reader
  for (let changed = true; changed; ) {
    changed = false;
    work += actCount * width;
    if (work > MAX_EXACT_CAUSAL_WORK) {
      return `more than ${MAX_EXACT_CAUSAL_WORK} clock updates for the exact judgement of happened-before through other views`;
    }
    known.fill(0);
    for (const act of acts) {
      const proc = actProc[act] as number;
      const code = actCode[act] as number;
      const row = proc * width;
      if (code >= 0) {
        // A first delivery: the deliverer now knows the message and its past.
        const at = code;
        const clock = at * width;
        for (let s = 0; s < width; s++) {
          const count = clocks[clock + s] as number;
          if (count > (known[row + s] as number)) known[row + s] = count;
        }
        const sender = column[messages.sender[causal[at] as number] as number] as number;
        if ((rank[at] as number) + 1 > (known[row + sender] as number)) known[row + sender] = (rank[at] as number) + 1;
      } else {
        // A multicast: its past is what its sender knows now (clocks only grow from pass to pass).
        const at = ~code;
        const clock = at * width;
        for (let s = 0; s < width; s++) {
          const count = known[row + s] as number;
          if (count > (clocks[clock + s] as number)) {
            clocks[clock + s] = count;
            changed = true;
          }
        }
        const own = row + (column[proc] as number);
        if ((rank[at] as number) + 1 > (known[own] as number)) known[own] = (rank[at] as number) + 1;
      }
    }
  }

  reportInversions(ctx, causal, position, rank, clocks, column, width, reported);
  return null;
}

/** Every process's first delivery of each causal m2 against the messages of m2's view in its past. */
function reportInversions(
  ctx: CheckContext,
  causal: readonly number[],
  position: Int32Array,
  rank: Int32Array,
  clocks: Int32Array,
  column: Int32Array,
  width: number,
  reported: ReadonlySet<number>,
): void {
  const { messages, procs } = ctx;
  // The causal logs of each sending view, and each log's messages' ranks among their sender's.
  const logsByView = new Map<number, MessageLog[]>();
  const ranksOf = new Map<MessageLog, Int32Array>();
  for (const proc of procs) {
    for (const log of proc.logs.values()) {
      if (log.causal.length === 0) continue;
      let list = logsByView.get(log.viewId);
      if (list === undefined) logsByView.set(log.viewId, (list = []));
      list.push(log);
      ranksOf.set(log, Int32Array.from(log.causal, (msg) => rank[position[msg] as number] as number));
    }
  }
  const NEVER = 0x7fffffff;
  for (const reader of procs) {
    // Per log, the latest first delivery by the reader among its first k messages (NEVER once one is missing).
    const latest = new Map<MessageLog, Int32Array>();
    for (const log of ranksOf.keys()) {
      const prefix = new Int32Array(log.causal.length);
      let max = -1;
      log.causal.forEach((msg, k) => {
        const at = reader.delivered.first(msg);
        max = at < 0 || max === NEVER ? NEVER : Math.max(max, at);
        prefix[k] = max;
      });
      latest.set(log, prefix);
    }
    for (let at = 0; at < causal.length; at++) {
      const msg = causal[at] as number;
      const deliveredAt = reader.delivered.first(msg);
      if (deliveredAt < 0 || reported.has(deliveredAt)) continue;
      const ownLog = messages.logs[msg] as MessageLog;
      for (const log of logsByView.get(ownLog.viewId) ?? []) {
        const ranks = ranksOf.get(log) as Int32Array;
        const inPast = countBelow(ranks, clocks[at * width + (column[log.sender] as number)] as number);
        if (inPast === 0) continue;
        // A cycle can put m2 in its own past; it is not a pair of two messages.
        const skipSelf = log === ownLog && inPast > (messages.causalSeq[msg] as number);
        if (!skipSelf && ((latest.get(log) as Int32Array)[inPast - 1] as number) < deliveredAt) continue;
        const missing = firstMissing(log, inPast, msg, reader.delivered, deliveredAt);
        if (missing < 0) continue;
        reportCausal(ctx, reader, msg, missing, deliveredAt);
        break;
      }
    }
  }
}

/** How many of the ascending `ranks` are below `limit`. */
function countBelow(ranks: Int32Array, limit: number): number {
  let low = 0;
  let high = ranks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ranks[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first of the log's first `count` causal messages (other than `msg`) not delivered before `before`, or -1. */
function firstMissing(
  log: MessageLog,
  count: number,
  msg: number,
  delivered: { first(msg: number): number },
  before: number,
): number {
  for (let k = 0; k < count; k++) {
    const earlier = log.causal[k] as number;
    if (earlier === msg) continue;
    const at = delivered.first(earlier);
    if (at < 0 || at >= before) return earlier;
  }
  return -1;
}

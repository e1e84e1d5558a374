// total-order: "if two processes both deliver two `total` messages, they
// deliver them in the same relative order: if one of them delivers m1 before
// m2 (some delivery of m1 comes before some delivery of m2), so does the
// other." Over the whole trace, whatever the sending views.
//
// For a reader r and another process o, over the total messages both have
// delivered, r keeps the latest first delivery and the latest delivery by o
// (TotalPair). When r delivers x, any y r delivered before is now ordered
// "y before x" at r; o disagrees if it delivered every copy of x before its
// first y: the latest first delivery by o exceeds o's last delivery of x.
// At r's first delivery of x, "x before y" is false at r for every y it
// delivered; o disagrees if some delivery of y by o comes after o's first x.
// Each inversion shows at the later of the deliveries that make it, in
// O(processes that delivered x) per delivery: each total message keeps the
// list of processes that delivered it (8 bytes a first delivery, in typed
// arrays), so the cost does not grow with the processes of the whole trace.
//
// A repeated delivery can make an inversion disappear (o delivers x again
// after y, so o now also orders y before x). Repeats are rare (each one is a
// no-duplication violation), so the witnesses of inversions are kept (a
// bounded number) and re-judged at the end; if none survives, total-order is
// judged again exactly from the first and last deliveries
// (total-order-exact.ts).
import type { CheckContext } from './context.ts';
import type { ProcState, TotalPair } from './state.ts';
import type { Violation } from './violation.ts';
import { judgeTotalOrderExactly } from './total-order-exact.ts';

/** Witnesses kept for re-judging after repeated deliveries. */
const MAX_WITNESSES = 1024;
/** Pairs of premature deliverers times total messages scanned at a multicast before giving up. */
const MAX_PREMATURE_SCAN = 4_000_000;

interface Witness {
  violation: Violation | null;
  /** The inversion holds while `proc` does not deliver `msg` again. */
  proc: number;
  msg: number;
  valid: boolean;
}

const INITIAL_ENTRIES = 16;

export class TotalOrderJudge {
  /** Per message index: 1 + the first entry of its deliverers list, or 0. */
  // Sixteen entries: 64 bytes, the most V8 keeps on its heap (a larger typed
  // array has an off-heap buffer, costly when the explorer makes a checker per path).
  private heads: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_ENTRIES);
  /** Entries: the process index, and 1 + the next entry of the same message (0: last). */
  private entryProc: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_ENTRIES);
  private entryNext: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_ENTRIES);
  private entries = 0;
  private readonly witnesses: Witness[] = [];
  private witnessesDropped = false;
  private repeated = false;

  /**
   * A delivery by `reader` of total message `msg` (multicast already) at
   * `now`. Call before recording it in `reader.delivered`.
   */
  onDelivery(ctx: CheckContext, reader: ProcState, msg: number, now: number): void {
    const firstR = reader.delivered.first(msg);
    const isFirst = firstR < 0;
    if (!isFirst) this.onRepeat(reader.index, msg);
    let reported = false;
    for (let entry = this.headOf(msg); entry >= 0; entry = (this.entryNext[entry] as number) - 1) {
      const other = ctx.procs[this.entryProc[entry] as number] as ProcState;
      if (other === reader) continue;
      const firstO = other.delivered.first(msg);
      const lastO = other.delivered.last(msg);
      const pair = pairOf(reader, other.index);
      if (!reported && pair.firstAt > lastO) {
        // y before x at the reader; at o, every x before its first y.
        this.report(ctx, reader, pair.firstMsg, msg, other, now, other.index, msg);
        reported = true;
      } else if (!reported && isFirst && pair.lastAt > firstO) {
        // x before y at o; at the reader every y before its first x.
        this.report(ctx, other, msg, pair.lastMsg, reader, now, reader.index, pair.lastMsg);
        reported = true;
      }
      raise(pair, firstO, lastO, msg);
      raise(pairOf(other, reader.index), isFirst ? now : firstR, now, msg);
    }
    if (isFirst) this.addDeliverer(msg, reader.index);
  }

  /**
   * The first `bcast` of a total message some processes delivered before it:
   * judges the pairs among those deliveries, then notes them like any other.
   */
  onPrematureMulticast(ctx: CheckContext, msg: number, deliverers: readonly ProcState[]): void {
    const totals = ctx.messages.totals;
    if (deliverers.length * deliverers.length * totals.length > MAX_PREMATURE_SCAN) {
      ctx.unknown('total-order', `too many deliveries of ${ctx.messages.idOf(msg)} before its multicast to judge`);
    } else {
      this.scanPremature(ctx, msg, deliverers, totals);
    }
    for (const reader of deliverers) this.addDeliverer(msg, reader.index);
    for (const reader of deliverers) {
      for (const other of deliverers) {
        if (other === reader) continue;
        raise(pairOf(reader, other.index), other.delivered.first(msg), other.delivered.last(msg), msg);
      }
    }
  }

  /**
   * After the last event: if deliveries of total messages were repeated and
   * every inversion found was undone (or some could not be kept to re-judge),
   * judges total-order again, exactly, from the first and last deliveries
   * (total-order-exact.ts); unknown only past that pass's bound.
   */
  finish(ctx: CheckContext): void {
    if (!this.repeated) return;
    let invalidated = false;
    let survivors = 0;
    for (const witness of this.witnesses) {
      if (witness.valid) {
        survivors += 1;
        continue;
      }
      invalidated = true;
      if (witness.violation !== null) ctx.sink.withdraw(witness.violation);
    }
    if (survivors > 0 || !(invalidated || this.witnessesDropped)) return;
    // Violations of dropped witnesses are still in the sink: judge afresh.
    ctx.sink.withdrawAll('total-order');
    const bound = judgeTotalOrderExactly(ctx);
    if (bound !== null) ctx.unknown('total-order', bound);
  }

  private scanPremature(ctx: CheckContext, msg: number, deliverers: readonly ProcState[], totals: readonly number[]): void {
    for (const r of deliverers) {
      for (const o of deliverers) {
        if (r === o) continue;
        for (const y of totals) {
          if (y === msg) continue;
          const rFirstY = r.delivered.first(y);
          const oFirstY = o.delivered.first(y);
          if (rFirstY < 0 || oFirstY < 0) continue;
          // msg before y at r, not at o.
          if (r.delivered.first(msg) < r.delivered.last(y) && !(o.delivered.first(msg) < o.delivered.last(y))) {
            const at = Math.max(r.delivered.last(y), o.delivered.first(msg));
            this.report(ctx, r, msg, y, o, at, o.index, y);
            return;
          }
          // y before msg at r, not at o.
          if (r.delivered.first(y) < r.delivered.last(msg) && !(o.delivered.first(y) < o.delivered.last(msg))) {
            const at = Math.max(r.delivered.last(msg), o.delivered.first(y));
            this.report(ctx, r, y, msg, o, at, o.index, msg);
            return;
          }
        }
      }
    }
  }

  private headOf(msg: number): number {
    return msg < this.heads.length ? (this.heads[msg] as number) - 1 : -1;
  }

  private addDeliverer(msg: number, proc: number): void {
    if (msg >= this.heads.length) this.heads = grownTo(this.heads, Math.max(this.heads.length * 2, msg + 1));
    if (this.entries === this.entryProc.length) {
      this.entryProc = grownTo(this.entryProc, this.entries * 2);
      this.entryNext = grownTo(this.entryNext, this.entries * 2);
    }
    const entry = this.entries++;
    this.entryProc[entry] = proc;
    this.entryNext[entry] = this.heads[msg] as number;
    this.heads[msg] = entry + 1;
  }

  private onRepeat(proc: number, msg: number): void {
    this.repeated = true;
    for (const witness of this.witnesses) {
      if (witness.proc === proc && witness.msg === msg) witness.valid = false;
    }
  }

  /** `agrees` delivers `before` ahead of `after`; `disagrees` does not. */
  private report(
    ctx: CheckContext,
    agrees: ProcState,
    before: number,
    after: number,
    disagrees: ProcState,
    now: number,
    undoProc: number,
    undoMsg: number,
  ): void {
    const { messages } = ctx;
    const violation = ctx.sink.report(
      'total-order',
      [
        agrees.delivered.first(before),
        // The agreeing delivery of `after` too: `now` is not it when deliveries came before their bcast.
        agrees.delivered.last(after),
        disagrees.delivered.first(after),
        disagrees.delivered.first(before),
        now,
      ],
      () =>
        `${agrees.id} delivers ${messages.idOf(before)} before ${messages.idOf(after)}, but ${disagrees.id} ` +
        `delivers ${messages.idOf(after)} before ${messages.idOf(before)} (both total).`,
    );
    if (this.witnesses.length >= MAX_WITNESSES) {
      this.witnessesDropped = true;
      return;
    }
    this.witnesses.push({ violation, proc: undoProc, msg: undoMsg, valid: true });
  }
}

function pairOf(reader: ProcState, other: number): TotalPair {
  const pairs = (reader.totalPairs ??= []);
  let pair = pairs[other];
  if (pair === undefined) {
    pair = { firstAt: -1, firstMsg: -1, lastAt: -1, lastMsg: -1 };
    pairs[other] = pair;
  }
  return pair;
}

function raise(pair: TotalPair, firstAt: number, lastAt: number, msg: number): void {
  if (firstAt > pair.firstAt) {
    pair.firstAt = firstAt;
    pair.firstMsg = msg;
  }
  if (lastAt > pair.lastAt) {
    pair.lastAt = lastAt;
    pair.lastMsg = msg;
  }
}

function grownTo(from: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(size);
  grown.set(from);
  return grown;
}

// The first delivery of each message at one process, by message index: a
// window of 4 bytes per index between the lowest and highest index the
// process delivered (a process lives through a stretch of the trace, so its
// window covers the messages of that stretch). Repeated deliveries, each a
// no-duplication violation, keep their last `i` in a map on the side.
// Nothing is allocated until the first delivery.

const EMPTY = new Int32Array(0);
/**
 * The first window's entries: 16 (64 bytes), the largest typed array V8
 * keeps on its own heap. A larger one gets an off-heap ArrayBuffer, slow to
 * make and to free; with 64 entries that was 7 % of the explorer's CPU on
 * cbcast-3x2 (a fresh checker, so three windows, per path judged).
 */
const FIRST_ENTRIES = 16;

export class DeliveredWindow {
  /** `i + 1` of the first delivery of message `base + k` at `firsts[k]`; 0: not delivered. */
  private firsts: Int32Array = EMPTY;
  private base = 0;
  /** `i` of the last delivery of messages delivered more than once. */
  private lasts: Map<number, number> | null = null;

  /** `i` of the first delivery of `msg`, or -1. */
  first(msg: number): number {
    const k = msg - this.base;
    if (k < 0 || k >= this.firsts.length) return -1;
    return (this.firsts[k] as number) - 1;
  }

  /** `i` of the last delivery of `msg`, or -1. */
  last(msg: number): number {
    if (this.lasts !== null) {
      const last = this.lasts.get(msg);
      if (last !== undefined) return last;
    }
    return this.first(msg);
  }

  get hasRepeats(): boolean {
    return this.lasts !== null;
  }

  /** Records a delivery; returns false when it is a repeat. */
  record(msg: number, i: number): boolean {
    if (this.first(msg) >= 0) {
      (this.lasts ??= new Map()).set(msg, i);
      return false;
    }
    this.cover(msg);
    this.firsts[msg - this.base] = i + 1;
    return true;
  }

  /** Bytes held (for the memory bound and tests). */
  get bytes(): number {
    return this.firsts.byteLength + (this.lasts === null ? 0 : this.lasts.size * 16);
  }

  private cover(msg: number): void {
    const length = this.firsts.length;
    if (length === 0) {
      this.base = msg;
      this.firsts = new Int32Array(FIRST_ENTRIES);
      return;
    }
    const end = this.base + length;
    if (msg >= this.base && msg < end) return;
    // Grow by at least doubling, towards the side that needs it.
    const newBase = msg < this.base ? Math.max(0, Math.min(msg, this.base - length)) : this.base;
    const newEnd = msg >= end ? Math.max(msg + 1, this.base + 2 * length) : end;
    const grown = new Int32Array(newEnd - newBase);
    grown.set(this.firsts, this.base - newBase);
    this.firsts = grown;
    this.base = newBase;
  }
}

// The simulator's agenda: a binary min-heap ordered by (timeUs, seq). The
// sequence number is assigned on push, so events at the same microsecond
// come out in the order they were scheduled, on every run. Keys are unique,
// so the order events come out in depends on nothing but their keys.
//
// The keys live in two typed arrays beside the array of events, so sifting
// compares numbers in contiguous memory instead of loading each event's
// fields (bench/sim-kernel.ts). The queued object is still stamped with its
// `timeUs` and `seq` (the run loop reads the time of the event it popped),
// so scheduling allocates nothing beyond the event.

export interface Scheduled {
  timeUs: number;
  seq: number;
}

/** Slots allocated up front; the arrays double from there, up to the capacity. */
const INITIAL_SLOTS = 256;

export class EventQueue<E extends Scheduled> {
  private times: Float64Array;
  private seqs: Float64Array;
  private readonly items: (E | undefined)[] = [];
  private count = 0;
  private nextSeq = 0;

  constructor(private readonly capacity: number) {
    const slots = Math.max(1, Math.min(capacity, INITIAL_SLOTS));
    this.times = new Float64Array(slots);
    this.seqs = new Float64Array(slots);
  }

  get size(): number {
    return this.count;
  }

  /** Schedules an event at `timeUs`; returns false (and schedules nothing) when the queue is full. */
  push(timeUs: number, entry: E): boolean {
    let k = this.count;
    if (k >= this.capacity) return false;
    if (k === this.times.length) this.grow();
    entry.timeUs = timeUs;
    const seq = (entry.seq = this.nextSeq++);
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    this.count = k + 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < timeUs || (pt === timeUs && (seqs[parent] as number) < seq)) break;
      times[k] = pt;
      seqs[k] = seqs[parent] as number;
      items[k] = items[parent];
      k = parent;
    }
    times[k] = timeUs;
    seqs[k] = seq;
    items[k] = entry;
    return true;
  }

  peekTimeUs(): number | undefined {
    return this.count === 0 ? undefined : this.times[0];
  }

  pop(): E | undefined {
    const n = this.count - 1;
    if (n < 0) return undefined;
    const items = this.items;
    const top = items[0];
    this.count = n;
    if (n > 0) {
      // Sift the last entry down from the root.
      const times = this.times;
      const seqs = this.seqs;
      const lastTime = times[n] as number;
      const lastSeq = seqs[n] as number;
      const last = items[n];
      let k = 0;
      for (;;) {
        let child = 2 * k + 1;
        if (child >= n) break;
        const right = child + 1;
        if (right < n) {
          // The smaller child, chosen without a branch: which one it is is a
          // coin toss the CPU cannot predict, and a mispredicted branch a
          // level cost more than the arithmetic (bench/sim-kernel.ts: the
          // message loop's heap work about 10 % faster).
          const rt = times[right] as number;
          const lt = times[child] as number;
          child += +(rt < lt) | (+(rt === lt) & +((seqs[right] as number) < (seqs[child] as number)));
        }
        const ct = times[child] as number;
        const cs = seqs[child] as number;
        if (lastTime < ct || (lastTime === ct && lastSeq < cs)) break;
        times[k] = ct;
        seqs[k] = cs;
        items[k] = items[child];
        k = child;
      }
      times[k] = lastTime;
      seqs[k] = lastSeq;
      items[k] = last;
    }
    // The vacated slot lets go of its event.
    items[n] = undefined;
    return top;
  }

  private grow(): void {
    const slots = Math.min(this.capacity, this.times.length * 2);
    const times = new Float64Array(slots);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(slots);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }
}

// The simulator's agenda: a binary min-heap ordered by (timeUs, seq). The
// sequence number is assigned on push, so events at the same microsecond
// come out in the order they were scheduled, on every run.
//
// The heap is intrusive: the queued object itself carries `timeUs` and
// `seq`, so scheduling allocates nothing beyond the event (this keeps the
// kernel close to a bare heap loop; see bench/sim-kernel.ts).

export interface Scheduled {
  timeUs: number;
  seq: number;
}

export class EventQueue<E extends Scheduled> {
  private readonly heap: E[] = [];
  private nextSeq = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Schedules an event at `timeUs`; returns false (and schedules nothing) when the queue is full. */
  push(timeUs: number, entry: E): boolean {
    const heap = this.heap;
    if (heap.length >= this.capacity) return false;
    entry.timeUs = timeUs;
    const seq = (entry.seq = this.nextSeq++);
    let k = heap.length;
    heap.push(entry);
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const p = heap[parent] as E;
      if (p.timeUs < timeUs || (p.timeUs === timeUs && p.seq < seq)) break;
      heap[k] = p;
      k = parent;
    }
    heap[k] = entry;
    return true;
  }

  peekTimeUs(): number | undefined {
    return this.heap[0]?.timeUs;
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as E;
    const n = heap.length;
    if (n > 0) {
      let k = 0;
      for (;;) {
        const left = 2 * k + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        let c = heap[left] as E;
        if (right < n) {
          const r = heap[right] as E;
          if (r.timeUs < c.timeUs || (r.timeUs === c.timeUs && r.seq < c.seq)) {
            child = right;
            c = r;
          }
        }
        if (last.timeUs < c.timeUs || (last.timeUs === c.timeUs && last.seq < c.seq)) break;
        heap[k] = c;
        k = child;
      }
      heap[k] = last;
    }
    return top;
  }
}

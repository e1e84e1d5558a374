// The simulator's agenda: a binary min-heap ordered by (timeUs, seq). The
// sequence number is assigned on push, so events at the same microsecond
// come out in the order they were scheduled, on every run.

export interface QueueEntry<E> {
  timeUs: number;
  seq: number;
  event: E;
}

export class EventQueue<E> {
  private readonly heap: QueueEntry<E>[] = [];
  private nextSeq = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Schedules an event; returns false (and schedules nothing) when the queue is full. */
  push(timeUs: number, event: E): boolean {
    const heap = this.heap;
    if (heap.length >= this.capacity) return false;
    const entry: QueueEntry<E> = { timeUs, seq: this.nextSeq++, event };
    let k = heap.length;
    heap.push(entry);
    while (k > 0) {
      const parent = (k - 1) >> 1;
      const p = heap[parent] as QueueEntry<E>;
      if (p.timeUs < timeUs || (p.timeUs === timeUs && p.seq < entry.seq)) break;
      heap[k] = p;
      k = parent;
    }
    heap[k] = entry;
    return true;
  }

  peekTimeUs(): number | undefined {
    return this.heap[0]?.timeUs;
  }

  pop(): QueueEntry<E> | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as QueueEntry<E>;
    const n = heap.length;
    if (n > 0) {
      let k = 0;
      for (;;) {
        const left = 2 * k + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        let c = heap[left] as QueueEntry<E>;
        if (right < n) {
          const r = heap[right] as QueueEntry<E>;
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

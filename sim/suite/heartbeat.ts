// A suite worker's heartbeat, for the wall-clock bound on handlers without a
// node:vm call per run (sim/handler-watchdog.ts: each call starts and joins
// a watchdog thread, some 4% of the default suite's CPU). The worker counts
// its slices in shared memory while a run is in hand; the pool looks at the
// count now and then, and a worker whose count has not moved for the bound
// is stuck in a slice: the pool ends it and runs its jobs again on its own
// thread, where each slice is bounded by node:vm and the failure names the
// handler. A run that ends within the bound is never touched.

/** Slot 0: slices run (wraps, only changes matter); slot 1: 1 while a run is in hand. */
const SLOTS = 2;
const SLICES = 0;
const RUNNING = 1;

export function heartbeatBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
}

/** The worker's side. */
export class Heartbeat {
  private readonly slots: Int32Array;

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  beat(): void {
    Atomics.add(this.slots, SLICES, 1);
  }

  /** A run starts (true) or ends (false); a run's start counts as a beat. */
  running(inHand: boolean): void {
    this.beat();
    Atomics.store(this.slots, RUNNING, inHand ? 1 : 0);
  }
}

/** The pool's side: whether the worker has been inside one slice for longer than a bound. */
export class HeartbeatWatch {
  private readonly slots: Int32Array;
  private lastCount = 0;
  private lastChangeMs = 0;

  constructor(buffer: SharedArrayBuffer) {
    this.slots = new Int32Array(buffer);
  }

  /** True when a run is in hand and no slice has ended for more than `boundMs` before `nowMs`. */
  stalled(nowMs: number, boundMs: number): boolean {
    const count = Atomics.load(this.slots, SLICES);
    if (count !== this.lastCount || Atomics.load(this.slots, RUNNING) === 0) {
      this.lastCount = count;
      this.lastChangeMs = nowMs;
      return false;
    }
    return nowMs - this.lastChangeMs > boundMs;
  }
}

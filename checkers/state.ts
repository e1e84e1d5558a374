// What the checkers remember while a trace streams by. Nothing here holds an
// event: per process a small record and the first delivery of each message
// (a window of 4 bytes per message id, see delivered-window.ts), per message
// id a few columns (message-table.ts), per (sender, view) a log of ids.
import type { ExitReason, ProcessId } from '../traces/schema.ts';
import { DeliveredWindow } from './delivered-window.ts';

/** One process, for its whole life (a dead process keeps its record). */
export class ProcState {
  /** `i` of its `start`, or -1 while it has not started. */
  startI = -1;
  /** `i` of its `crash` or `exit`, or -1 while it runs. */
  endI = -1;
  endKind: 'crash' | 'exit' | null = null;
  exitReason: ExitReason | null = null;
  /** `i` of its first `exit` with reason `left` (even after a crash), or -1: primary-majority reads it. */
  leftI = -1;
  hasView = false;
  /** Id of the view it installed last (meaningful when hasView). */
  viewId = 0;
  /** `i` of that install. */
  viewI = -1;
  viewMembers: readonly ProcessId[] = [];
  /** Every message it delivered: `i` of the first and (when repeated) last delivery. */
  readonly delivered = new DeliveredWindow();
  /** Its stay in the view it installed last, for virtual synchrony. */
  stay: Stay | null = null;
  /** Messages (by index) it multicast since its last install, for self-delivery. */
  pendingSelf: number[] = [];
  /** Causal past: the view it is about, and per causal log of that view a count. */
  frontierView: number | null = null;
  frontier: number[] = [];
  /** Causal or total multicasts so far (a premature delivery notes it). */
  causalBcasts = 0;
  /** total-order: per other process (by index), the latest deliveries of messages both delivered. */
  totalPairs: (TotalPair | undefined)[] | null = null;
  /** What it multicast, per sending view (the `view` field of its `bcast`s). */
  readonly logs = new Map<number, MessageLog>();

  constructor(
    readonly id: ProcessId,
    readonly index: number,
  ) {}

  get started(): boolean {
    return this.startI >= 0;
  }

  get ended(): boolean {
    return this.endI >= 0;
  }

  /** "Live": started and neither crashed nor exited. */
  get live(): boolean {
    return this.startI >= 0 && this.endI < 0;
  }
}

/**
 * For a reader r and another process o, over the total messages both have
 * delivered: the latest first delivery by o (`firstAt`, of message
 * `firstMsg`) and the latest delivery by o (`lastAt`, of `lastMsg`).
 */
export interface TotalPair {
  firstAt: number;
  firstMsg: number;
  lastAt: number;
  lastMsg: number;
}

/** The messages one process multicast in one view, in order (by index). */
export class MessageLog {
  readonly msgs: number[] = [];
  /** The causal-or-total subset of `msgs`. */
  readonly causal: number[] = [];
  /** Position among the view's causal logs, or -1 before its first causal message. */
  causalIndex = -1;
  /** Per reader (by process index): all of `msgs` below this position are delivered there (a hole reads 0). */
  readonly fifoPrefix: number[] = [];
  /** Per reader: all of `causal` below this position are delivered there. */
  readonly causalPrefix: number[] = [];

  constructor(
    readonly sender: number,
    readonly viewId: number,
  ) {}
}

/** The causal bookkeeping of one sending view: its causal logs and the clocks of its messages. */
export class ViewClocks {
  readonly causalLogs: MessageLog[] = [];
  /** Flat storage of the vector clocks of the view's causal messages. */
  clocks: Int32Array = new Int32Array(16);
  used = 0;

  constructor(readonly viewId: number) {}

  /** Stores a clock: the first `length` entries of `frontier` (a hole reads 0); returns its offset. */
  store(frontier: readonly number[], length: number): number {
    const at = this.used;
    if (at + length > this.clocks.length) {
      const grown = new Int32Array(Math.max(this.clocks.length * 2, at + length));
      grown.set(this.clocks.subarray(0, at));
      this.clocks = grown;
    }
    const clocks = this.clocks;
    for (let k = 0; k < length; k++) clocks[at + k] = frontier[k] ?? 0;
    this.used += length;
    return at;
  }
}

/** A process's stay in one view: an order-independent digest of what it delivered there. */
export class Stay {
  /** The messages delivered (by index), kept to name a difference; null once dropped. */
  delivered: number[] | null = [];
  deliveredI: number[] | null = [];
  count = 0;
  hashA = 0;
  hashB = 0;

  constructor(
    readonly proc: ProcessId,
    readonly viewId: number,
    readonly installI: number,
  ) {}

  add(msg: number, i: number, hashA: number, hashB: number, keepAtMost: number): void {
    if (this.delivered !== null && this.deliveredI !== null) {
      if (this.delivered.length < keepAtMost) {
        this.delivered.push(msg);
        this.deliveredI.push(i);
      } else {
        this.delivered = null;
        this.deliveredI = null;
      }
    }
    this.count += 1;
    this.hashA = (this.hashA + hashA) | 0;
    this.hashB = (this.hashB + hashB) | 0;
  }
}

/** A well-mixed 32-bit value from an integer (murmur3's finalizer), for set digests. */
export function mix32(value: number, salt: number): number {
  let h = (value ^ salt) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

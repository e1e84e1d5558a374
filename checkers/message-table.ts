// Message ids, interned to dense indices on first mention (a `bcast` or a
// `deliver`, whichever comes first), with what the properties need of the
// first `bcast` of each in typed columns: about 25 bytes a message beside the
// id itself (see id-interner.ts). Nothing is forgotten, so a reused id is caught however long ago
// the first one was, and a late delivery is judged like any other. The
// columns start small and double (nothing large is allocated up front: the
// explorer makes a checker per path it judges).
import type { DeliveryOrder, MessageId } from '../traces/schema.ts';
import type { MessageLog } from './state.ts';
import { IdInterner } from './id-interner.ts';

export const ORDER_FIFO = 0;
export const ORDER_CAUSAL = 1;
export const ORDER_TOTAL = 2;
/** The order of an id nobody has multicast (yet). */
export const ORDER_NONE = 3;

export function orderCode(order: DeliveryOrder): number {
  return order === 'fifo' ? ORDER_FIFO : order === 'causal' ? ORDER_CAUSAL : ORDER_TOTAL;
}

export function orderName(code: number): string {
  return code === ORDER_FIFO ? 'fifo' : code === ORDER_CAUSAL ? 'causal' : code === ORDER_TOTAL ? 'total' : 'unknown';
}

/** 64 bytes a column: V8 keeps typed arrays this small on its heap (a larger one has an off-heap buffer, costly per path). */
const INITIAL_CAPACITY = 16;

export class MessageTable {
  private readonly interner = new IdInterner();
  /** `i` of the first `bcast`, or -1. */
  bcastI: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_CAPACITY);
  /** Index of the sender's ProcState, or -1. */
  sender = new Int32Array(INITIAL_CAPACITY);
  /** Position in its log (all orders), and among the log's causal messages (-1: fifo). */
  seq = new Int32Array(INITIAL_CAPACITY);
  causalSeq = new Int32Array(INITIAL_CAPACITY);
  /** Offset and length of its vector clock in its view's ViewClocks (causal and total). */
  clockAt = new Int32Array(INITIAL_CAPACITY);
  clockLength = new Int32Array(INITIAL_CAPACITY);
  order = new Uint8Array(INITIAL_CAPACITY);
  /** The (sender, sending view) log it belongs to. */
  readonly logs: (MessageLog | undefined)[] = [];
  /** Indices of the `total` messages, in multicast order. */
  readonly totals: number[] = [];

  get count(): number {
    return this.interner.count;
  }

  /** The id of message `index` (for the words of a violation). */
  idOf(index: number): MessageId {
    return this.interner.idOf(index);
  }

  /** The index of `id`, made on first mention. */
  intern(id: MessageId): number {
    const before = this.interner.count;
    const index = this.interner.intern(id);
    if (index < before) return index;
    if (index === this.bcastI.length) this.grow();
    this.logs.push(undefined);
    this.bcastI[index] = -1;
    this.sender[index] = -1;
    this.order[index] = ORDER_NONE;
    return index;
  }

  private grow(): void {
    const size = this.bcastI.length * 2;
    this.bcastI = grownInt32(this.bcastI, size);
    this.sender = grownInt32(this.sender, size);
    this.seq = grownInt32(this.seq, size);
    this.causalSeq = grownInt32(this.causalSeq, size);
    this.clockAt = grownInt32(this.clockAt, size);
    this.clockLength = grownInt32(this.clockLength, size);
    const order = new Uint8Array(size);
    order.set(this.order);
    this.order = order;
  }
}

function grownInt32(from: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(size);
  grown.set(from);
  return grown;
}

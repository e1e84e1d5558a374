// Message ids: the records of messages whose sending view is open, and a
// bounded memory of retired ones. Keeping every id ever seen would make
// memory grow with the trace; a retired message can only come back in a
// broken trace (a duplicate id, or a delivery long after every live member
// left its view), so a window of recent ids is enough to name most such
// cases precisely, and beyond it the checkers still report a violation.
import type { MessageId, ProcessId } from '../traces/schema.ts';
import type { MessageRecord } from './state.ts';

/** At least this many of the most recently retired message ids are remembered. */
export const RETIRED_MESSAGE_WINDOW = 16_384;

export interface RetiredMessage {
  readonly sender: ProcessId;
  readonly viewId: number;
  readonly bcastI: number;
}

/** Bits of the filter in front of each retired generation (a 1-hash Bloom filter). */
const FILTER_BITS = 1 << 20;

export class MessageTable {
  private readonly open = new Map<MessageId, MessageRecord>();
  // Two generations instead of a ring with deletions: a Map that only grows
  // and is then dropped whole stays fast (no tombstones, no rehash churn).
  private retiredNew = new Map<MessageId, RetiredMessage>();
  private retiredOld = new Map<MessageId, RetiredMessage>();
  // Every new multicast asks whether its id was retired, and the answer is
  // almost always no: a bit per hash answers most of those without touching
  // the maps (a set bit only means "look in the maps").
  private filterNew = new Uint32Array(FILTER_BITS >>> 5);
  private filterOld = new Uint32Array(FILTER_BITS >>> 5);
  /** Messages ever multicast, used as a stable ordinal for fingerprints. */
  ordinal = 0;
  /** True once some retired id has left the window. */
  forgotAny = false;

  get(id: MessageId): MessageRecord | undefined {
    return this.open.get(id);
  }

  add(record: MessageRecord): void {
    this.open.set(record.id, record);
    this.ordinal += 1;
  }

  get openCount(): number {
    return this.open.size;
  }

  retired(id: MessageId): RetiredMessage | undefined {
    const bit = filterBit(id);
    const word = bit >>> 5;
    const mask = 1 << (bit & 31);
    if (((this.filterNew[word] as number) & mask) === 0 && ((this.filterOld[word] as number) & mask) === 0) return undefined;
    return this.retiredNew.get(id) ?? this.retiredOld.get(id);
  }

  /** Forgets an open record, remembering its id in the retired window. */
  retire(record: MessageRecord): void {
    if (this.open.get(record.id) !== record) return;
    this.open.delete(record.id);
    if (this.retiredNew.size >= RETIRED_MESSAGE_WINDOW) {
      if (this.retiredOld.size > 0) this.forgotAny = true;
      this.retiredOld = this.retiredNew;
      this.retiredNew = new Map();
      const cleared = this.filterOld;
      cleared.fill(0);
      this.filterOld = this.filterNew;
      this.filterNew = cleared;
    }
    this.retiredNew.set(record.id, { sender: record.sender, viewId: record.view.id, bcastI: record.bcastI });
    const bit = filterBit(record.id);
    this.filterNew[bit >>> 5] = (this.filterNew[bit >>> 5] as number) | (1 << (bit & 31));
  }
}

/** FNV-1a of the id's UTF-16 code units, folded to a filter bit. */
function filterBit(id: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) hash = Math.imul(hash ^ id.charCodeAt(k), 0x01000193);
  return (hash >>> 0) & (FILTER_BITS - 1);
}

// The set of visited states: an open-addressing hash table of 64-bit keys
// (two Int32 lanes), linear probing, grown by doubling at half load. Each
// entry also holds one small integer (`info`): the BFS depth of the state,
// or the DFS "on the stack" mark. About 24 bytes a state at worst, no
// per-state objects: the explorer keeps states themselves only on its
// frontier.
import { BoundHit } from '../world.ts';

const EMPTY_A = 0;
const EMPTY_B = 0;
/** Key (0, 0) marks an empty slot; a real key equal to it is stored as (0, 1). */
const MOVED_B = 1;

export class VisitedSet {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private infos: Int32Array;
  private mask: number;
  count = 0;

  constructor(
    /** The most states the table may hold (a bound: more throws BoundHit('maxStates')). */
    private readonly maxEntries: number,
    initialCapacity = 1 << 16,
  ) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity <<= 1;
    this.keysA = new Int32Array(capacity);
    this.keysB = new Int32Array(capacity);
    this.infos = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.keysA.byteLength * 3;
  }

  /** The entry of key (a, b), or -1. */
  find(a: number, b: number): number {
    if (a === EMPTY_A && b === EMPTY_B) b = MOVED_B;
    const mask = this.mask;
    for (let at = slotOf(a, b) & mask; ; at = (at + 1) & mask) {
      const ka = this.keysA[at] as number;
      const kb = this.keysB[at] as number;
      if (ka === a && kb === b) return at;
      if (ka === EMPTY_A && kb === EMPTY_B) return -1;
    }
  }

  /**
   * Adds key (a, b) with `info` unless present. Returns the entry index for
   * a new key, or `-1 - entry` for a key already there.
   */
  add(a: number, b: number, info: number): number {
    if (a === EMPTY_A && b === EMPTY_B) b = MOVED_B;
    const mask = this.mask;
    let at = slotOf(a, b) & mask;
    for (; ; at = (at + 1) & mask) {
      const ka = this.keysA[at] as number;
      const kb = this.keysB[at] as number;
      if (ka === a && kb === b) return -1 - at;
      if (ka === EMPTY_A && kb === EMPTY_B) break;
    }
    if (this.count >= this.maxEntries) throw new BoundHit('maxStates');
    this.keysA[at] = a;
    this.keysB[at] = b;
    this.infos[at] = info;
    this.count++;
    if (2 * this.count > mask + 1) {
      this.grow();
      return this.find(a, b);
    }
    return at;
  }

  info(entry: number): number {
    return this.infos[entry] as number;
  }

  setInfo(entry: number, info: number): void {
    this.infos[entry] = info;
  }

  private grow(): void {
    const oldA = this.keysA;
    const oldB = this.keysB;
    const oldInfo = this.infos;
    const capacity = oldA.length * 2;
    this.keysA = new Int32Array(capacity);
    this.keysB = new Int32Array(capacity);
    this.infos = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let k = 0; k < oldA.length; k++) {
      const a = oldA[k] as number;
      const b = oldB[k] as number;
      if (a === EMPTY_A && b === EMPTY_B) continue;
      let at = slotOf(a, b) & this.mask;
      while ((this.keysA[at] as number) !== EMPTY_A || (this.keysB[at] as number) !== EMPTY_B) at = (at + 1) & this.mask;
      this.keysA[at] = a;
      this.keysB[at] = b;
      this.infos[at] = oldInfo[k] as number;
    }
  }
}

/** Lane A is already well mixed; fold in B so keys equal in A still spread. */
function slotOf(a: number, b: number): number {
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}

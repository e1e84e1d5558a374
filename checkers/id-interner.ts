// Message ids to dense indices, exactly, without keeping a JS string per id:
// the ids' UTF-16 code units are copied into one growing arena, and an
// open-addressing table of indices finds them by hash. About 2 bytes per
// character plus 12 bytes per id, where a Map<string, number> costs some
// 80 bytes per id (the entry and the retained string), and the strings the
// JSON parser made for each event die young instead of moving to the old
// generation. Starts small and doubles: nothing large is allocated up front.

// Every array starts at 64 bytes, the most V8 keeps on its own heap: a
// larger typed array gets an off-heap buffer, which is slow to make and to
// free, and the explorer makes a checker per path it judges.
const INITIAL_IDS = 16;

export class IdInterner {
  private chars: Uint16Array<ArrayBuffer> = new Uint16Array(INITIAL_IDS * 2);
  private charsUsed = 0;
  /** Start of id k in `chars`; the id ends where id k + 1 starts (or at charsUsed). */
  private starts: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_IDS);
  private hashes: Int32Array<ArrayBuffer> = new Int32Array(INITIAL_IDS);
  /** Open addressing: index + 1, or 0 for an empty slot. Kept at most half full. */
  private table = new Int32Array(INITIAL_IDS);
  private used = 0;

  get count(): number {
    return this.used;
  }

  /** The index of `id`, or -1. */
  lookup(id: string): number {
    return this.find(id, hashOf(id));
  }

  /** The index of `id`, made on first sight. */
  intern(id: string): number {
    const hash = hashOf(id);
    const known = this.find(id, hash);
    if (known >= 0) return known;
    return this.add(id, hash);
  }

  /** The id at `index`, as a string (for messages: not on the hot path). */
  idOf(index: number): string {
    const from = this.starts[index] as number;
    const to = index + 1 < this.used ? (this.starts[index + 1] as number) : this.charsUsed;
    let text = '';
    for (let k = from; k < to; k++) text += String.fromCharCode(this.chars[k] as number);
    return text;
  }

  private find(id: string, hash: number): number {
    const table = this.table;
    const mask = table.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = table[slot] as number;
      if (entry === 0) return -1;
      const index = entry - 1;
      if (this.hashes[index] === hash && this.equals(index, id)) return index;
    }
  }

  private equals(index: number, id: string): boolean {
    const from = this.starts[index] as number;
    const to = index + 1 < this.used ? (this.starts[index + 1] as number) : this.charsUsed;
    if (to - from !== id.length) return false;
    const chars = this.chars;
    for (let k = 0; k < id.length; k++) if (chars[from + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  private add(id: string, hash: number): number {
    const index = this.used;
    if (index >= this.hashes.length) {
      this.starts = grownInt32(this.starts, this.hashes.length * 2);
      this.hashes = grownInt32(this.hashes, this.hashes.length * 2);
    }
    if (this.charsUsed + id.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + id.length));
      chars.set(this.chars);
      this.chars = chars;
    }
    const at = this.charsUsed;
    for (let k = 0; k < id.length; k++) this.chars[at + k] = id.charCodeAt(k);
    this.charsUsed += id.length;
    this.starts[index] = at;
    this.hashes[index] = hash;
    this.used += 1;
    if (2 * this.used > this.table.length) this.rehash(this.table.length * 2);
    else this.place(this.table, index, hash);
    return index;
  }

  private rehash(size: number): void {
    const table = new Int32Array(size);
    for (let index = 0; index < this.used; index++) this.place(table, index, this.hashes[index] as number);
    this.table = table;
  }

  private place(table: Int32Array, index: number, hash: number): void {
    const mask = table.length - 1;
    let slot = hash & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = index + 1;
  }
}

/** FNV-1a of the UTF-16 code units, then murmur3's finalizer (linear probing wants well-mixed low bits). */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function grownInt32(from: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(from);
  return next;
}

// The hash of a protocol state under each renaming, remembered by the hash
// of the state itself. Under --symmetry with the permute hooks, every new
// process slot must be hashed under each candidate renaming, and that means
// rebuilding the renamed state (`permute`) and hashing it. But paths that
// differ in other processes, or in the history of this one, keep meeting
// the same protocol state: on cbcast-3x3, the first 30,000 states asked for
// 136,007 renamed slot hashes of only 5,274 distinct (state, renaming)
// pairs. So the renamed hashes are kept in a table keyed by the state's own
// 64-bit hash: a repeated state costs one structural hash (no allocation)
// and a look-up, not a rebuild per renaming.
//
// A renamed state's hash is a function of the state and the renaming, so
// the table gives what the rebuild would; it trusts the 64-bit key as the
// visited set does (two distinct states with one key would also be merged
// there). It holds numbers only (no objects kept alive), grows by doubling
// at half load up to MAX_ENTRIES and then starts afresh.

/** Entries before the table starts afresh (each 4 + 2 x renamings int32s: 56 bytes with 6 renamings). */
const MAX_ENTRIES = 1 << 20;
const INITIAL_ENTRIES = 1 << 14;

export class RenamedStateHashes {
  private keysA: Int32Array;
  private keysB: Int32Array;
  /** Per entry: 1 + a bit per renaming whose lanes are filled in (0: empty slot). */
  private done: Int32Array;
  private lanes: Int32Array;
  private mask: number;
  private count = 0;
  /** Look-ups that found the renamed hash already there (tests and benchmarks read it). */
  hits = 0;
  /** Renamed hashes computed. */
  misses = 0;

  constructor(private readonly renamings: number) {
    if (renamings > 30) throw new Error(`RenamedStateHashes: at most 30 renamings, not ${renamings}`);
    this.keysA = new Int32Array(INITIAL_ENTRIES);
    this.keysB = new Int32Array(INITIAL_ENTRIES);
    this.done = new Int32Array(INITIAL_ENTRIES);
    this.lanes = new Int32Array(INITIAL_ENTRIES * 2 * renamings);
    this.mask = INITIAL_ENTRIES - 1;
  }

  /**
   * The lanes of the state whose own hash is (a, b) under renaming `n`,
   * written to out[0], out[1]; `compute` writes them when they are not
   * known yet.
   */
  get(a: number, b: number, n: number, out: Int32Array, compute: (out: Int32Array) => void): void {
    // As int32s, as the table stores them (a lane may come as its unsigned value).
    const entry = this.entry(a | 0, b | 0);
    const at = entry * 2 * this.renamings + 2 * n;
    const done = this.done[entry] as number;
    if ((done & (2 << n)) !== 0) {
      this.hits++;
      out[0] = this.lanes[at] as number;
      out[1] = this.lanes[at + 1] as number;
      return;
    }
    this.misses++;
    compute(out);
    this.lanes[at] = out[0] as number;
    this.lanes[at + 1] = out[1] as number;
    this.done[entry] = done | (2 << n);
  }

  /** The entry of key (a, b), made empty-but-claimed when new. */
  private entry(a: number, b: number): number {
    for (;;) {
      let i = (Math.imul(a ^ (b >>> 7), 0x9e3779b1) >>> 0) & this.mask;
      for (;;) {
        const d = this.done[i] as number;
        if (d === 0) break;
        if (this.keysA[i] === a && this.keysB[i] === b) return i;
        i = (i + 1) & this.mask;
      }
      if (2 * (this.count + 1) > this.mask + 1) {
        this.grow();
        continue;
      }
      this.keysA[i] = a;
      this.keysB[i] = b;
      this.done[i] = 1;
      this.count++;
      return i;
    }
  }

  /** Twice the room, up to MAX_ENTRIES; past that, afresh (a bound on memory, not on the search). */
  private grow(): void {
    const size = this.mask + 1;
    if (2 * size > MAX_ENTRIES) {
      this.done.fill(0);
      this.count = 0;
      return;
    }
    const { keysA, keysB, done, lanes } = this;
    const width = 2 * this.renamings;
    this.keysA = new Int32Array(2 * size);
    this.keysB = new Int32Array(2 * size);
    this.done = new Int32Array(2 * size);
    this.lanes = new Int32Array(2 * size * width);
    this.mask = 2 * size - 1;
    this.count = 0;
    for (let j = 0; j < size; j++) {
      if (done[j] === 0) continue;
      const i = this.entry(keysA[j] as number, keysB[j] as number);
      this.done[i] = done[j] as number;
      this.lanes.set(lanes.subarray(j * width, (j + 1) * width), i * width);
    }
  }
}

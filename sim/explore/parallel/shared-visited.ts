// The visited set of the worker-parallel search: an open-addressing table of
// 64-bit state keys in a SharedArrayBuffer, shared by every worker thread
// (as TLC's and Stateright's fingerprint sets are). A key is claimed with
// one Atomics.compareExchange on a BigInt64 slot, so two workers that reach
// the same state at once agree on which of them found it first.
//
// The table starts small and doubles at half load, as visited.ts does: a
// table sized for --max-states up front would touch every page of it (tens
// of megabytes of page faults for a few thousand states). It cannot grow
// while workers probe it, so growing stops the world: the thread whose add
// finds the table half full calls `onFull`, which (coordinator.ts) parks it
// until every worker is parked or between levels, copies the keys into a
// table twice the size and hands it out. Past --max-states, or when the
// memory cap forbids a bigger table and it reaches 3/4 load, the search
// stops with `unknown` (bound `maxStates` or `visitedTableFull`): never a
// false `ok`.
//
// Each entry also holds the BFS depth of its state plus one (0: claimed, but
// the claimer has not written the depth yet). The search is level
// synchronous, so an entry whose depth is not written yet was claimed in the
// level being expanded: what the partial-order reduction's cycle proviso
// reads (a depth not greater than the expanding state's) is complete and
// fixed for the whole level, whatever the workers' timing.
import { BoundHit } from '../../world.ts';

/** Slot 0 of `counts`: states in the table. */
const COUNT = 0;
/** Probing stops at this load (a linear-probe table slows down past it). */
const MAX_LOAD = 0.75;
const MIN_CAPACITY = 1 << 10;
/** Start: as visited.ts. */
const INITIAL_CAPACITY = 1 << 16;
/** A growable table grows at this load. */
const GROW_LOAD = 0.5;

/** What a worker needs to attach to the table (structured-cloned into workerData). */
export interface SharedVisitedBuffers {
  keys: SharedArrayBuffer;
  infos: SharedArrayBuffer;
  /** The count of states; the same buffer for every table of one search. */
  counts: SharedArrayBuffer;
  maxEntries: number;
  /** Bytes the table may take at most (12 a slot). */
  maxBytes: number;
}

const BYTES_PER_SLOT = 12;

/** Buffers for an empty table of a search of at most `maxStates` states, taking at most `maxBytes`. */
export function createSharedVisited(maxStates: number, maxBytes: number): SharedVisitedBuffers {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('the parallel explorer needs a little-endian machine');
  let capacity = INITIAL_CAPACITY;
  while (capacity > MIN_CAPACITY && capacity * BYTES_PER_SLOT > maxBytes) capacity /= 2;
  return tableOf(capacity, new SharedArrayBuffer(4), maxStates, maxBytes);
}

function tableOf(capacity: number, counts: SharedArrayBuffer, maxEntries: number, maxBytes: number): SharedVisitedBuffers {
  return { keys: new SharedArrayBuffer(capacity * 8), infos: new SharedArrayBuffer(capacity * 4), counts, maxEntries, maxBytes };
}

/** True when a table this size should be replaced by a bigger one at half load (else it fills to 3/4, then stops the search). */
function growable(b: SharedVisitedBuffers): boolean {
  const capacity = b.keys.byteLength / 8;
  return capacity * MAX_LOAD < b.maxEntries && 2 * capacity * BYTES_PER_SLOT <= b.maxBytes;
}

/**
 * A table twice the size holding the same keys and depths. Only while no
 * other thread touches the table (every worker parked or between levels).
 */
export function grownTable(old: SharedVisitedBuffers): SharedVisitedBuffers {
  const oldKeys = new BigInt64Array(old.keys);
  const oldInfos = new Int32Array(old.infos);
  const next = tableOf(oldKeys.length * 2, old.counts, old.maxEntries, old.maxBytes);
  const keys = new BigInt64Array(next.keys);
  const halves = new Int32Array(next.keys);
  const infos = new Int32Array(next.infos);
  const mask = keys.length - 1;
  const oldHalves = new Int32Array(old.keys);
  for (let k = 0; k < oldKeys.length; k++) {
    const low = oldHalves[2 * k] as number;
    const high = oldHalves[2 * k + 1] as number;
    if (low === 0 && high === 0) continue;
    let at = slotOf(high, low) & mask;
    while ((halves[2 * at] as number) !== 0 || (halves[2 * at + 1] as number) !== 0) at = (at + 1) & mask;
    keys[at] = oldKeys[k] as bigint;
    infos[at] = oldInfos[k] as number;
  }
  return next;
}

export class SharedVisitedSet {
  private keys!: BigInt64Array;
  /** The same slots as two Int32 halves: low word at 2k, high at 2k + 1 (little-endian). */
  private halves!: Int32Array;
  private infos!: Int32Array;
  private counts!: Int32Array;
  private mask = 0;
  /** New keys beyond this many fail: --max-states, or the table's load limit if that is smaller. */
  private limit = 0;
  private limitBound = 'maxStates';
  /** At this many states `onFull` is called (Infinity: this table does not grow). */
  private growAt = Infinity;

  constructor(
    buffers: SharedVisitedBuffers,
    /** Called when the table is half full and may grow; returns once `attach` gave it a bigger one (or throws to stop). */
    private readonly onFull: () => void,
  ) {
    this.attach(buffers);
  }

  /** Uses `buffers` from now on (a grown table: same keys, twice the slots). */
  attach(buffers: SharedVisitedBuffers): void {
    this.keys = new BigInt64Array(buffers.keys);
    this.halves = new Int32Array(buffers.keys);
    this.infos = new Int32Array(buffers.infos);
    this.counts = new Int32Array(buffers.counts);
    this.mask = this.keys.length - 1;
    const loadLimit = Math.floor(this.keys.length * MAX_LOAD);
    this.limit = Math.min(buffers.maxEntries, loadLimit);
    this.limitBound = buffers.maxEntries <= loadLimit ? 'maxStates' : 'visitedTableFull';
    this.growAt = growable(buffers) ? Math.floor(this.keys.length * GROW_LOAD) : Infinity;
  }

  /** States in the table (all workers). */
  get count(): number {
    return Atomics.load(this.counts, COUNT);
  }

  /**
   * Claims key (a, b) for a state at `depth`. Returns the entry for a key
   * this call added, or `-1 - entry` for a key already there (added by
   * anyone, possibly at this very moment by another worker).
   */
  add(a: number, b: number, depth: number): number {
    // Other threads may add while this one waits: the table is looked at again after.
    while (Atomics.load(this.counts, COUNT) >= this.growAt) this.onFull();
    if (a === 0 && b === 0) b = 1;
    const mask = this.mask;
    let key: bigint | null = null;
    for (let at = slotOf(a, b) & mask, probes = 0; probes <= mask; at = (at + 1) & mask, probes++) {
      const seen = this.compare(at, a, b);
      if (seen === SAME) return -1 - at;
      if (seen === OTHER) continue;
      key ??= keyOf(a, b);
      // An empty slot: reserve a place in the count first, so the bound is never overshot.
      if (Atomics.add(this.counts, COUNT, 1) >= this.limit) {
        Atomics.sub(this.counts, COUNT, 1);
        throw new BoundHit(this.limitBound);
      }
      const before: bigint = Atomics.compareExchange(this.keys, at, 0n, key);
      if (before === 0n) {
        Atomics.store(this.infos, at, depth + 1);
        return at;
      }
      Atomics.sub(this.counts, COUNT, 1);
      if (before === key) return -1 - at;
      // Another key took the slot first: probe on.
    }
    throw new BoundHit(this.limitBound);
  }

  /** The entry of key (a, b), or -1. */
  find(a: number, b: number): number {
    if (a === 0 && b === 0) b = 1;
    const mask = this.mask;
    for (let at = slotOf(a, b) & mask, probes = 0; probes <= mask; at = (at + 1) & mask, probes++) {
      const seen = this.compare(at, a, b);
      if (seen === SAME) return at;
      if (seen === EMPTY) return -1;
    }
    return -1;
  }

  /** The depth of an entry's state, or null while its claimer has not written it (it was claimed in the level being expanded). */
  depth(entry: number): number | null {
    const info = Atomics.load(this.infos, entry);
    return info === 0 ? null : info - 1;
  }

  /**
   * Slot `at` against key (a, b). A slot goes from empty to its key once,
   * atomically as 64 bits; reading it as two 32-bit halves is cheaper (no
   * BigInt) and exact when both halves are non-zero (a half-written read
   * has a zero half). Two zero halves say empty, without the 64-bit read
   * (a BigInt): the slot was empty at the first read, and if another
   * thread's key landed since, `add`'s compare-exchange sees it, and `find`
   * missing a key claimed at this moment is what it says of a key claimed in
   * this level anyway (no depth yet: not a cycle). Otherwise the 64-bit
   * read decides.
   */
  private compare(at: number, a: number, b: number): Probe {
    const low = Atomics.load(this.halves, 2 * at);
    const high = Atomics.load(this.halves, 2 * at + 1);
    if (low !== 0 && high !== 0) return high === a && low === b ? SAME : OTHER;
    if (low === 0 && high === 0) return EMPTY;
    const whole = Atomics.load(this.keys, at);
    if (whole === 0n) return EMPTY;
    return whole === keyOf(a, b) ? SAME : OTHER;
  }
}

type Probe = 0 | 1 | 2;
const EMPTY = 0;
const SAME = 1;
const OTHER = 2;

/** Lane A in the high word, lane B in the low word. */
function keyOf(a: number, b: number): bigint {
  return BigInt.asIntN(64, (BigInt(a) << 32n) | BigInt(b >>> 0));
}

/** As visited.ts: lane A is already well mixed; fold in B so keys equal in A still spread. */
function slotOf(a: number, b: number): number {
  return (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
}

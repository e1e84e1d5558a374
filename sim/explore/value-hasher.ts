// Hashes plain-data values (protocol states, messages, observations) under a
// list of process renamings at once: lanes [2k, 2k+1] of a result are the
// hash of the value with renaming k applied to every string (renaming 0 is
// the identity). Symmetry reduction needs every renaming; plain search uses
// only the identity, so the result is then just two lanes.
//
// Protocol handlers never mutate a state (protocol/types.ts), and unchanged
// parts of a state are shared between a state and its successors, so the
// hash of every object is cached by identity: hashing a successor walks only
// the objects its step created.
import * as hash from './hash.ts';
import { type Lanes } from './hash.ts';
import type { Renaming } from './renaming.ts';

// Local bindings: tsx compiles modules to CommonJS, where every use of an
// imported name is a getter call; in these hot loops that cost a sixth of
// the search time (measured with --cpu-prof).
const fmixA = hash.fmixA;
const fmixB = hash.fmixB;
const numberLanes = hash.numberLanes;
const roundA = hash.roundA;
const roundB = hash.roundB;
const SEED_A = hash.SEED_A;
const SEED_B = hash.SEED_B;
const stringLanes = hash.stringLanes;
const newLanes = hash.newLanes;
const TAG_ARR = hash.TAG_ARR;
const TAG_FALSE = hash.TAG_FALSE;
const TAG_NULL = hash.TAG_NULL;
const TAG_OBJ = hash.TAG_OBJ;
const TAG_PAIR = hash.TAG_PAIR;
const TAG_TRUE = hash.TAG_TRUE;
const TAG_UNDEFINED = hash.TAG_UNDEFINED;


/** Deeper than this, the state is not plain data (or is absurdly nested). */
const MAX_NESTING = 256;
/** Distinct strings remembered; beyond this the cache starts afresh (a bound, not a limit). */
const MAX_CACHED_STRINGS = 1 << 20;
const MAX_UNCACHED_LENGTH = 16;
/** Only recent objects are shared between a state and its successors, so a small cache does (and stays in CPU caches). */
const MAX_CACHED_OBJECTS = 1 << 15;

function allPrimitive(v: readonly unknown[]): boolean {
  for (let k = 0; k < v.length; k++) {
    const e = v[k];
    if (typeof e === 'object' && e !== null) return false;
  }
  return true;
}

export class ValueHasher {
  /** Lanes per result: two per renaming. */
  readonly width: number;
  /** All lanes zero (do not modify). */
  readonly zeros: Lanes;
  // A Map, not a WeakMap: ephemeron tables make V8's GC slow at this rate of
  // churn (measured: about a fifth of the search time). It holds objects
  // alive, so it starts afresh when it reaches MAX_CACHED_OBJECTS.
  private objects = new Map<object, Lanes>();
  private strings = new Map<string, Lanes>();
  private readonly scratch: Lanes[] = [];
  private readonly constants: Record<'undefined' | 'null' | 'false' | 'true', Lanes>;

  constructor(readonly renamings: readonly Renaming[]) {
    if (renamings.length === 0) throw new Error('ValueHasher: at least the identity renaming is needed');
    this.width = 2 * renamings.length;
    this.zeros = newLanes(this.width);
    const constant = (tag: number): Lanes => {
      const out = newLanes(this.width);
      const a = fmixA(roundA(SEED_A, tag));
      const b = fmixB(roundB(SEED_B, tag));
      for (let k = 0; k < this.width; k += 2) {
        out[k] = a;
        out[k + 1] = b;
      }
      return out;
    };
    this.constants = { undefined: constant(TAG_UNDEFINED), null: constant(TAG_NULL), false: constant(TAG_FALSE), true: constant(TAG_TRUE) };
  }

  /** The lanes of a string under every renaming (cached; do not modify). */
  string(s: string): Lanes {
    let out = this.strings.get(s);
    if (out !== undefined) return out;
    out = newLanes(this.width);
    stringLanes(s, out, 0);
    for (let k = 1; k < this.renamings.length; k++) {
      const renamed = (this.renamings[k] as Renaming).rename(s);
      if (renamed === s) {
        out[2 * k] = out[0] as number;
        out[2 * k + 1] = out[1] as number;
      } else {
        stringLanes(renamed, out, 2 * k);
      }
    }
    if (this.strings.size >= MAX_CACHED_STRINGS) this.strings = new Map();
    this.strings.set(s, out);
    return out;
  }

  /**
   * The lanes of any plain-data value. The result may be a scratch buffer
   * that the next call overwrites: read it at once, or copy it.
   */
  value(v: unknown, depth = 0): Lanes {
    switch (typeof v) {
      case 'number': {
        const out = this.scratchAt(depth);
        numberLanes(v, out, 0);
        const a = out[0] as number;
        const b = out[1] as number;
        for (let k = 2; k < this.width; k += 2) {
          out[k] = a;
          out[k + 1] = b;
        }
        return out;
      }
      case 'string':
        return this.string(v);
      case 'boolean':
        return v ? this.constants.true : this.constants.false;
      case 'undefined':
        return this.constants.undefined;
      case 'object': {
        if (v === null) return this.constants.null;
        // Short arrays of primitives (vectors, member lists) are cheaper to hash than to look up.
        if (Array.isArray(v) && v.length <= MAX_UNCACHED_LENGTH && allPrimitive(v)) return this.array(v, depth, this.scratchAt(depth));
        const cached = this.objects.get(v);
        if (cached !== undefined) return cached;
        if (depth >= MAX_NESTING) throw new Error(`explore: state nested deeper than ${MAX_NESTING} levels (a cycle?); states must be plain data`);
        const out = Array.isArray(v) ? this.array(v, depth) : this.object(v as Record<string, unknown>, depth);
        if (this.objects.size >= MAX_CACHED_OBJECTS) this.objects = new Map();
        this.objects.set(v, out);
        return out;
      }
      default:
        throw new Error(`explore: cannot hash a ${typeof v}; protocol states and messages must be plain data`);
    }
  }

  /**
   * `value(v)` without remembering `v` itself (its parts still are): for a
   * value made once and never hashed again (an observation, a message frame),
   * where the cache entry would only cost a Map insertion and keep the
   * object alive. The result may be a scratch buffer, as with `value`.
   */
  once(v: unknown): Lanes {
    if (typeof v !== 'object' || v === null) return this.value(v);
    if (Array.isArray(v)) return v.length <= MAX_UNCACHED_LENGTH && allPrimitive(v) ? this.array(v, 0, this.scratchAt(0)) : this.array(v, 0);
    return this.object(v as Record<string, unknown>, 0);
  }

  /** A copy of `value(v)` that stays valid. */
  fresh(v: unknown): Lanes {
    return this.value(v).slice();
  }

  private array(v: readonly unknown[], depth: number, out: Lanes = newLanes(this.width)): Lanes {
    const w = this.width;
    const a0 = roundA(SEED_A, TAG_ARR);
    const b0 = roundB(SEED_B, TAG_ARR);
    for (let k = 0; k < w; k += 2) {
      out[k] = a0;
      out[k + 1] = b0;
    }
    for (let j = 0; j < v.length; j++) {
      const child = this.value(v[j], depth + 1);
      for (let k = 0; k < w; k += 2) {
        out[k] = roundA(out[k] as number, child[k] as number);
        out[k + 1] = roundB(out[k + 1] as number, child[k + 1] as number);
      }
    }
    for (let k = 0; k < w; k += 2) {
      out[k] = fmixA(roundA(out[k] as number, v.length));
      out[k + 1] = fmixB(roundB(out[k + 1] as number, v.length));
    }
    return out;
  }

  private object(v: Record<string, unknown>, depth: number): Lanes {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`explore: cannot hash an instance of ${proto?.constructor?.name ?? 'a class'}; states must be plain data`);
    }
    const w = this.width;
    const out = newLanes(w);
    let count = 0;
    for (const key in v) {
      const value = v[key];
      if (value === undefined) continue;
      count++;
      const keyLanes = this.string(key);
      const child = this.value(value, depth + 1);
      for (let k = 0; k < w; k += 2) {
        const pa = fmixA(roundA(roundA(TAG_PAIR, keyLanes[k] as number), child[k] as number));
        const pb = fmixB(roundB(roundB(TAG_PAIR, keyLanes[k + 1] as number), child[k + 1] as number));
        out[k] = ((out[k] as number) + pa) | 0;
        out[k + 1] = ((out[k + 1] as number) + pb) | 0;
      }
    }
    for (let k = 0; k < w; k += 2) {
      out[k] = fmixA(roundA(roundA(roundA(SEED_A, TAG_OBJ), out[k] as number), count));
      out[k + 1] = fmixB(roundB(roundB(roundB(SEED_B, TAG_OBJ), out[k + 1] as number), count));
    }
    return out;
  }

  private scratchAt(depth: number): Lanes {
    let out = this.scratch[depth];
    if (out === undefined) {
      out = newLanes(this.width);
      this.scratch[depth] = out;
    }
    return out;
  }
}

// Canonical 64-bit hashing of plain data, as two independent 32-bit lanes:
// lane A uses murmur3 rounds, lane B xxhash32 rounds, so a collision needs
// both to collide at once. The explorer keys states by these two lanes.
//
// Conventions (what makes the walk canonical):
// - arrays are sequences (order matters);
// - objects are maps: (key, value) pairs are combined order-independently,
//   so two states built along different paths (different key insertion
//   order) hash the same; keys whose value is `undefined` are absent, as in JSON;
// - multisets (the in-flight messages) are sums of element hashes mod 2^32.
//
// Collision bound: if the hash behaves like a random function onto 2^64
// values, N stored states collide with probability about N^2 / 2^65
// (1e6 states: 3e-8; 1e7 states: 3e-6). A collision can only hide states
// (the explorer would think an unseen state was seen), never invent a
// violation: every counterexample is replayed and re-checked.

/** Hash lanes: [a, b] per renaming, int32 values in a plain array (cheaper to allocate than a typed array). */
export type Lanes = number[];

export function newLanes(width: number): Lanes {
  if (width === 2) return [0, 0];
  const out: Lanes = [];
  for (let k = 0; k < width; k++) out.push(0);
  return out;
}

export const SEED_A = 0x1b873593;
export const SEED_B = 0x27d4eb2f;

/** One murmur3 round: mixes `k` into `h`. */
export function roundA(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** One xxhash32 round: mixes `k` into `h`. */
export function roundB(h: number, k: number): number {
  h = (h + Math.imul(k, 0x85ebca77)) | 0;
  h = (h << 13) | (h >>> 19);
  return Math.imul(h, 0x9e3779b1);
}

/** murmur3's finaliser: every input bit affects every output bit. */
export function fmixA(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** xxhash32's finaliser. */
export function fmixB(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  h ^= h >>> 16;
  return h;
}

/** Type tags keep `"1"`, `1`, `[1]` and `{0: 1}` apart (plain constants: tsx does not inline const enums across files). */
export const TAG_UNDEFINED = 0x11;
export const TAG_NULL = 0x22;
export const TAG_FALSE = 0x33;
export const TAG_TRUE = 0x44;
const TAG_INT = 0x55;
const TAG_FLOAT = 0x66;
const TAG_STR = 0x77;
export const TAG_ARR = 0x88;
export const TAG_OBJ = 0x99;
export const TAG_PAIR = 0xaa;

const floatView = new Float64Array(1);
const floatWords = new Int32Array(floatView.buffer);

/** Lane A and B of a number (integers and floats hash apart; -0 is 0). */
export function numberLanes(n: number, out: Lanes, at: number): void {
  if ((n | 0) === n) {
    out[at] = fmixA(roundA(roundA(SEED_A, TAG_INT), n));
    out[at + 1] = fmixB(roundB(roundB(SEED_B, TAG_INT), n));
    return;
  }
  floatView[0] = n;
  const lo = floatWords[0] as number;
  const hi = floatWords[1] as number;
  out[at] = fmixA(roundA(roundA(roundA(SEED_A, TAG_FLOAT), lo), hi));
  out[at + 1] = fmixB(roundB(roundB(roundB(SEED_B, TAG_FLOAT), lo), hi));
}

/** Lane A and B of a string (UTF-16 code units, then its length). */
export function stringLanes(s: string, out: Lanes, at: number): void {
  let a = roundA(SEED_A, TAG_STR);
  let b = roundB(SEED_B, TAG_STR);
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    a = roundA(a, c);
    b = roundB(b, c);
  }
  out[at] = fmixA(roundA(a, s.length));
  out[at + 1] = fmixB(roundB(b, s.length));
}

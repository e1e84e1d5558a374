// The explorer's global state: every process's protocol state and local
// bookkeeping, the in-flight messages as a multiset, the partition, and the
// fault budgets used. States are immutable: a successor shares every process
// slot and message its step did not touch, and each slot and message carries
// its hash, so keying a successor costs O(processes) plus the new objects.
//
// Each slot also carries a fingerprint of the process's own observation
// history (history.ts). Two paths merge only when every process's
// fingerprint is the same; the contract's properties cannot tell such paths
// apart, so merged paths get the same verdict on every continuation.
import type { TraceEvent } from '../../traces/schema.ts';
import * as hash from './hash.ts';
import { type Lanes } from './hash.ts';
import type { Action } from './actions.ts';
import type { CausalMemo } from './causal-memo.ts';
import type { History } from './history.ts';
import type { ValueHasher } from './value-hasher.ts';
import type { StructuralHasher } from './structural-hash.ts';
import { NO_BUDGETS, type Budgets } from './config.ts';

export type { Budgets } from './config.ts';

// Local bindings: tsx compiles modules to CommonJS, where every use of an
// imported name is a getter call; in these hot loops that cost a sixth of
// the search time (measured with --cpu-prof).
const fmixA = hash.fmixA;
const fmixB = hash.fmixB;
const newLanes = hash.newLanes;
const roundA = hash.roundA;
const roundB = hash.roundB;
const SEED_A = hash.SEED_A;
const SEED_B = hash.SEED_B;


/** A process's status (plain constants: tsx does not inline const enums across files). */
export type ProcStatus = 0 | 1 | 2;
export const LIVE = 0;
export const CRASHED = 1;
export const EXITED = 2;

export interface ProcSlot {
  readonly index: number;
  readonly pid: string;
  readonly status: ProcStatus;
  /** The protocol state (null once crashed: a crashed process's memory is gone). */
  readonly state: unknown;
  /** Pending timer tags, sorted. */
  readonly timers: readonly string[];
  /** Workload multicasts issued so far. */
  readonly requestsMade: number;
  /** Processes this one has been told are suspected, sorted. */
  readonly suspected: readonly string[];
  /** Fingerprint of the observation history, per renaming (history.ts). */
  readonly history: History;
  /** Its hash for `stateKey`; NO_HASH under a symmetric key, which hashes slots itself (symmetry-key.ts). */
  readonly hash: Lanes;
  /** The symmetric key's lanes of this slot under the renamings, filled in as they are asked for (symmetry-key.ts); null until then. */
  renamed: RenamedLanes | null;
}

/**
 * A slot's or message's lanes under every renaming, kept by the object
 * itself (a cache of symmetry-key.ts: it lives as long as the object, so a
 * parent's slots are not hashed again when its children are keyed).
 */
export interface RenamedLanes {
  readonly lanes: Lanes;
  /** A bit per renaming whose lanes are filled in. */
  done: number;
  /** A slot: its protocol state's own hash (the key of the renamed-state table), once known. A message: unused. */
  stateKnown: boolean;
  stateA: number;
  stateB: number;
  /** A message: its sender's index among the initial processes, or -1. A slot: -1. */
  readonly sender: number;
}

/** The hash of a slot that `stateKey` never reads (the model keys states with symmetry-key.ts). */
export const NO_HASH: Lanes = Object.freeze([]) as unknown as Lanes;

export interface InFlight {
  readonly from: string;
  readonly to: string;
  readonly toIndex: number;
  readonly body: unknown;
  readonly hash: Lanes;
  /** The symmetric key's lanes of this message under the renamings (symmetry-key.ts); null until asked for. */
  renamed: RenamedLanes | null;
}

/** The path to a state: each step's choice and the trace events it wrote. Shared between paths. */
export interface Trail {
  readonly prev: Trail | null;
  /** The action taken into this state (null for the initial state); its label is made only when needed. */
  readonly action: Action | null;
  /** The message a delivery or drop took out of flight (for the label). */
  readonly moved: InFlight | null;
  /** Numbered: the path to a trail node is unique, so each event's `i` is fixed when it is made. */
  readonly events: readonly TraceEvent[];
  /** Events on the path up to and including this step. */
  readonly eventCount: number;
  /** Set once a path through this step was judged clean (the one mutable field: a cache). */
  judged?: boolean;
  /** Steps from the initial state (0 for the initial state). */
  readonly depth: number;
}

export interface GlobalState {
  readonly procs: readonly ProcSlot[];
  readonly bag: readonly InFlight[];
  /** Sum of the in-flight messages' hashes, per lane (order-independent). */
  readonly bagHash: Lanes;
  readonly partition: readonly (readonly string[])[] | null;
  readonly used: Budgets;
  readonly trail: Trail;
  /**
   * The step into this state delivered several messages in a row at one
   * process: the search judges its path before merging it (history.ts).
   */
  readonly orderedRun: boolean;
  /** What decides whether such a step's order may matter (causal-memo.ts); not part of the key. */
  readonly memo: CausalMemo;
}

export const NO_BUDGET_USED: Budgets = NO_BUDGETS;

/** Computes a slot's hash under every renaming (called once per new slot). */
export function slotHash(
  hasher: ValueHasher,
  /** The protocol's structural hash of states, when it has one (structural-hash.ts). */
  structural: StructuralHasher | null,
  pid: string,
  status: ProcStatus,
  state: unknown,
  timers: readonly string[],
  requestsMade: number,
  suspected: readonly string[],
  history: History,
): Lanes {
  const w = hasher.width;
  const out = newLanes(w);
  const pidLanes = hasher.string(pid);
  // A step's new slot almost always has a new state object: remembering it would only cost a cache entry.
  const stateLanes = structural !== null && typeof state === 'object' && state !== null ? structural.state(state) : hasher.once(state);
  const timerLanes = setLanes(hasher, timers);
  const suspectLanes = setLanes(hasher, suspected);
  for (let k = 0; k < w; k += 2) {
    let a = roundA(SEED_A, pidLanes[k] as number);
    let b = roundB(SEED_B, pidLanes[k + 1] as number);
    a = roundA(roundA(a, status), requestsMade);
    b = roundB(roundB(b, status), requestsMade);
    a = roundA(roundA(a, stateLanes[k] as number), timerLanes[k] as number);
    b = roundB(roundB(b, stateLanes[k + 1] as number), timerLanes[k + 1] as number);
    a = roundA(roundA(roundA(a, suspectLanes[k] as number), history.prefix[k] as number), history.block[k] as number);
    b = roundB(roundB(roundB(b, suspectLanes[k + 1] as number), history.prefix[k + 1] as number), history.block[k + 1] as number);
    // Settled messages (history.ts): folded in only when there are some, so the keys of configurations without are as before.
    const settledA = history.settled[k] as number;
    const settledB = history.settled[k + 1] as number;
    if (settledA !== 0 || settledB !== 0) {
      a = roundA(a, settledA);
      b = roundB(b, settledB);
    }
    out[k] = fmixA(a);
    out[k + 1] = fmixB(b);
  }
  return out;
}

/** Order-independent hash of a set of strings (renamed strings stay a set). */
function setLanes(hasher: ValueHasher, items: readonly string[]): Lanes {
  if (items.length === 0) return hasher.zeros;
  const w = hasher.width;
  const out = newLanes(w);
  for (const item of items) {
    const lanes = hasher.string(item);
    for (let k = 0; k < w; k++) out[k] = ((out[k] as number) + fmixA(lanes[k] as number)) | 0;
  }
  return out;
}

/** A message's hash under every renaming. */
export function messageHash(hasher: ValueHasher, structural: StructuralHasher | null, from: string, to: string, body: unknown): Lanes {
  const w = hasher.width;
  const out = newLanes(w);
  const fromLanes = hasher.string(from);
  const toLanes = hasher.string(to);
  // Each send makes its own frame, hashed once here and carried with the message.
  const bodyLanes = structural !== null ? structural.message(body) : hasher.once(body);
  for (let k = 0; k < w; k += 2) {
    out[k] = fmixA(roundA(roundA(roundA(SEED_A, fromLanes[k] as number), toLanes[k] as number), bodyLanes[k] as number));
    out[k + 1] = fmixB(roundB(roundB(roundB(SEED_B, fromLanes[k + 1] as number), toLanes[k + 1] as number), bodyLanes[k + 1] as number));
  }
  return out;
}

/**
 * The state's key: two 32-bit lanes written to `out`. Under symmetry, the
 * smallest key over every renaming (the canonical representative).
 */
/** Writes the state's key (the smallest over the hasher's renamings) to `out` and returns the index of the renaming that gives it (the first, when several do). */
export function stateKey(hasher: ValueHasher, s: GlobalState, out: Int32Array): number {
  const w = hasher.width;
  // Budgets used, 8 bits a kind (MAX_BUDGET is 16); the later kinds are folded in only when used.
  const u = s.used;
  const used = u.crash | (u.partition << 8) | (u.drop << 16) | (u.suspicion << 24);
  const extra = u.duplicate | (u.leave << 8) | (u.join << 16) | (u.restart << 24);
  const partition = s.partition === null ? null : partitionLanes(hasher, s.partition);
  let bestA = 0;
  let bestB = 0;
  let best = 0;
  for (let k = 0; k < w; k += 2) {
    let a = s.bagHash[k] as number;
    let b = s.bagHash[k + 1] as number;
    for (const slot of s.procs) {
      a = (a + (slot.hash[k] as number)) | 0;
      b = (b + (slot.hash[k + 1] as number)) | 0;
    }
    a = roundA(roundA(a, used), partition === null ? 0 : (partition[k] as number));
    b = roundB(roundB(b, used), partition === null ? 0 : (partition[k + 1] as number));
    if (extra !== 0) {
      a = roundA(a, extra);
      b = roundB(b, extra);
    }
    a = fmixA(a) >>> 0;
    b = fmixB(b) >>> 0;
    if (k === 0 || a < bestA || (a === bestA && b < bestB)) {
      bestA = a;
      bestB = b;
      best = k >> 1;
    }
  }
  out[0] = bestA | 0;
  out[1] = bestB | 0;
  return best;
}

/** A partition is a set of groups, each a set of processes. */
function partitionLanes(hasher: ValueHasher, groups: readonly (readonly string[])[]): Lanes {
  const w = hasher.width;
  const out = newLanes(w);
  for (const group of groups) {
    const sum = newLanes(w);
    for (const pid of group) {
      const lanes = hasher.string(pid);
      for (let k = 0; k < w; k++) sum[k] = ((sum[k] as number) + fmixB(lanes[k] as number)) | 0;
    }
    for (let k = 0; k < w; k++) out[k] = ((out[k] as number) + fmixA((sum[k] as number) ^ 0x5bd1e995)) | 0;
  }
  for (let k = 0; k < w; k++) out[k] = ((out[k] as number) + 1) | 0;
  return out;
}

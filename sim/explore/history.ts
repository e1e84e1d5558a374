// The fingerprint of a process's observation history, in the key of every
// state so that two paths merge only if the checkers cannot tell their
// continuations apart.
//
// A plain rolling hash of the events in order would do, but it keeps apart
// paths that differ only in the order of deliveries, which multiplies the
// states by the number of delivery orders. The contract's properties need
// less: between two of a process's own "boundary" events (a view install, a
// multicast, an exit or crash, a total-order delivery) what matters of its
// fifo and causal deliveries is which messages they were: fifo, causal,
// no-duplication, sending-view, virtual synchrony, self-delivery and the
// liveness properties are all about delivered sets at those boundaries, and
// the causal past of a message is its sender's delivered set at its
// multicast. So the fingerprint is an ordered hash of the boundaries, each
// folding in the multiset of deliveries since the previous one.
//
// Why that is enough: a violation revealed by a delivery (m2 delivered
// before m1, its causal predecessor) shows in the state right after that
// step (m2 delivered, m1 not), and any path to that state has the same
// delivered sets, so it shows the violation too. The exception is a step
// that delivers several messages: no state exists between them, so their
// order inside the step is invisible to the fingerprint. The model flags
// such steps (`orderedRun`), and the search judges the path of every such
// transition that reaches an already seen state, before dropping it.
//
// The readings of the clarified contract keep this sound: fifo-order covers
// any two messages of one sender in one view, whatever their order, but a
// violation of it is still a delivery with an earlier message missing, seen
// in the state right after it; total-order across sending views and with
// repeated deliveries reads only total deliveries, which are boundaries.
//
// Settled messages (session 6). A fifo or causal message m is *settled* once
// every process delivered it and all of its possible causal past
// (causal-memo.ts: its sender's delivered set and earlier multicasts at its
// multicast, closed transitively, a superset of the contract's
// happened-before). From then on no continuation can read where m sat in a
// history: a future violation of fifo or causal order is a delivery at some q
// of a message x while some w in the causal past of x is not delivered at q;
// w is then not delivered everywhere, so w is not settled, and no message on
// the happened-before chain from w to x is either (each has w in its past).
// So the chain, and the violation, are made of unsettled messages only, and
// the boundaries and delivery blocks of unsettled messages determine it. The
// other properties read sets: which messages were multicast (with sender and
// view) and delivered (with the view field), how often, and in which view
// (between which view installs, crash or exit), all kept. So a history keeps
// each settled message only as its observations, each with its epoch (the
// number of view installs, crashes and exits before it), in an
// order-independent sum (`settled`): its multicast stops being a boundary
// (the delivery blocks on either side merge) and its deliveries leave their
// blocks. The relations lost are those of settled
// messages with each other and with unsettled ones, which no verdict reads.
// The settled set grows only (deliveries are never undone), it is part of
// the key (through `settled`), and the fingerprint with it is rebuilt from
// the history's log of observations when it grows (`rebuildHistory`).
// The model keeps the log and prunes only where the argument holds: fifo and
// causal order (total deliveries are ordered boundaries whose relative order
// total-order reads) and no joins or restarts (a process started later could
// still deliver a settled message). Under symmetry each lane is pruned of the
// same messages, so lane k stays the fingerprint of the history renamed by
// renaming k (settling commutes with renaming). See docs/explore.md,
// "Settled messages".
import * as hash from './hash.ts';
import { type Lanes } from './hash.ts';

// Local bindings: tsx compiles modules to CommonJS, where every use of an
// imported name is a getter call; in these hot loops that cost a sixth of
// the search time (measured with --cpu-prof).
const fmixA = hash.fmixA;
const fmixB = hash.fmixB;
const newLanes = hash.newLanes;
const roundA = hash.roundA;
const roundB = hash.roundB;


/**
 * The properties whose verdict reads the order of one process's deliveries,
 * as this fingerprint accounts for them (above): fifo and causal order by the
 * state after each delivery, total order by making its deliveries
 * boundaries. It must equal ORDER_READING_PROPERTIES in
 * checkers/properties.ts (a test compares them): a new property that reads
 * delivery order must be accounted for here first.
 */
export const ORDER_READING_PROPERTIES_FINGERPRINTED: readonly string[] = ['fifo-order', 'causal-order', 'total-order'];

export interface History {
  /** Ordered hash of the boundaries (and the runs folded into each). */
  readonly prefix: Lanes;
  /** Sum of the hashes of the delivery runs since the last boundary. */
  readonly block: Lanes;
  /** Sum of the hashes of the observations of settled messages, each with its epoch (all zero when none). */
  readonly settled: Lanes;
  /** Boundaries other than multicasts (view installs, crash, exit) so far: where a settled observation sat among them. */
  readonly epoch: number;
  /** Newest first: every observation recorded, to rebuild the fingerprint when more messages settle (null when not kept). */
  readonly log: HistoryEntry | null;
}

/** One recorded observation: a boundary or a fifo/causal delivery. */
export interface HistoryEntry {
  readonly prev: HistoryEntry | null;
  readonly lanes: Lanes;
  /** The message's bit (causal-memo.ts), or -1 for a view, crash or exit or an untracked message. */
  readonly bit: number;
  readonly boundary: boolean;
}

const DELIVERY_SALT_A = 0x68e31da4;
const DELIVERY_SALT_B = 0x1b56c4e9;
const SETTLED_DELIVERY_SALT_A = 0x3c6ef372;
const SETTLED_DELIVERY_SALT_B = 0x510e527f;
const SETTLED_BOUNDARY_SALT_A = 0x9b05688c;
const SETTLED_BOUNDARY_SALT_B = 0x1f83d9ab;

export function startHistory(start: Lanes): History {
  return { prefix: start.slice(), block: newLanes(start.length), settled: newLanes(start.length), epoch: 0, log: null };
}

/** A boundary event: everything so far is folded, in order. */
export function addBoundary(h: History, event: Lanes): History {
  const w = event.length;
  const prefix = newLanes(w);
  for (let k = 0; k < w; k += 2) {
    prefix[k] = roundA(roundA(h.prefix[k] as number, h.block[k] as number), event[k] as number);
    prefix[k + 1] = roundB(roundB(h.prefix[k + 1] as number, h.block[k + 1] as number), event[k + 1] as number);
  }
  return { prefix, block: newLanes(w), settled: h.settled, epoch: h.epoch, log: h.log };
}

/** Adds a delivery to the block (order-independent: a multiset). */
export function addDelivery(h: History, delivery: Lanes): History {
  return { prefix: h.prefix, block: deliveryBlock(h.block, delivery), settled: h.settled, epoch: h.epoch, log: h.log };
}

/** A block with one more delivery. */
function deliveryBlock(before: Lanes, delivery: Lanes): Lanes {
  const w = delivery.length;
  const block = newLanes(w);
  for (let k = 0; k < w; k += 2) {
    block[k] = ((before[k] as number) + fmixA((delivery[k] as number) ^ DELIVERY_SALT_A)) | 0;
    block[k + 1] = ((before[k + 1] as number) + fmixB((delivery[k + 1] as number) ^ DELIVERY_SALT_B)) | 0;
  }
  return block;
}

/**
 * Folds one settled observation into the order-independent sum, with its
 * epoch: what lifecycle, self-delivery and virtual synchrony read of it is in
 * which view (between which view installs) it happened.
 */
function addSettled(h: History, event: Lanes, boundary: boolean): History {
  const w = event.length;
  const saltA = boundary ? SETTLED_BOUNDARY_SALT_A : SETTLED_DELIVERY_SALT_A;
  const saltB = boundary ? SETTLED_BOUNDARY_SALT_B : SETTLED_DELIVERY_SALT_B;
  const settled = newLanes(w);
  for (let k = 0; k < w; k += 2) {
    settled[k] = ((h.settled[k] as number) + fmixA(roundA((event[k] as number) ^ saltA, h.epoch))) | 0;
    settled[k + 1] = ((h.settled[k + 1] as number) + fmixB(roundB((event[k + 1] as number) ^ saltB, h.epoch))) | 0;
  }
  return { prefix: h.prefix, block: h.block, settled, epoch: h.epoch, log: h.log };
}

/** Is message `bit` in the settled set `settledBits`? */
function isSettled(bit: number, settledBits: number): boolean {
  return bit >= 0 && (settledBits & (1 << bit)) !== 0;
}

/** The fingerprint of an observation under the settled set: a settled message's goes to the sum, any other as before. */
function fold(h: History, event: Lanes, bit: number, boundary: boolean, settledBits: number): History {
  if (isSettled(bit, settledBits)) return addSettled(h, event, boundary);
  if (!boundary) return addDelivery(h, event);
  const next = addBoundary(h, event);
  return bit >= 0 ? next : { prefix: next.prefix, block: next.block, settled: next.settled, epoch: next.epoch + 1, log: next.log };
}

/**
 * Records an observation in the log and folds it in: `boundary` for a
 * multicast, view, crash or exit, otherwise a fifo/causal delivery. `event`
 * is copied (the hashers' lanes are scratch).
 */
export function recordObservation(h: History, event: Lanes, bit: number, boundary: boolean, settledBits: number): History {
  const log: HistoryEntry = { prev: h.log, lanes: event.slice(), bit, boundary };
  // fold's result with the new log, made directly for a delivery not settled (the common case: one History, not two)
  if (!boundary && !isSettled(bit, settledBits)) return { prefix: h.prefix, block: deliveryBlock(h.block, event), settled: h.settled, epoch: h.epoch, log };
  const folded = fold(h, event, bit, boundary, settledBits);
  return { prefix: folded.prefix, block: folded.block, settled: folded.settled, epoch: folded.epoch, log };
}

/**
 * The fingerprint of a history recorded with `recordObservation`, folded
 * again from its start under a (larger) settled set: what recording the same
 * observations under that set from the start would have given.
 */
export function rebuildHistory(start: Lanes, log: HistoryEntry | null, settledBits: number): History {
  const entries: HistoryEntry[] = [];
  for (let e = log; e !== null; e = e.prev) entries.push(e);
  // What folding each entry with `fold` gives, computed in three arrays
  // written in place: fold makes a History and one or two lane arrays per
  // entry, and this runs for every history each time a message settles
  // (BENCHMARKS.md, session 8).
  const w = start.length;
  const prefix = start.slice();
  const block = newLanes(w);
  const settled = newLanes(w);
  let epoch = 0;
  for (let n = entries.length - 1; n >= 0; n--) {
    const e = entries[n] as HistoryEntry;
    const event = e.lanes;
    if (isSettled(e.bit, settledBits)) {
      // addSettled
      const saltA = e.boundary ? SETTLED_BOUNDARY_SALT_A : SETTLED_DELIVERY_SALT_A;
      const saltB = e.boundary ? SETTLED_BOUNDARY_SALT_B : SETTLED_DELIVERY_SALT_B;
      for (let k = 0; k < w; k += 2) {
        settled[k] = ((settled[k] as number) + fmixA(roundA((event[k] as number) ^ saltA, epoch))) | 0;
        settled[k + 1] = ((settled[k + 1] as number) + fmixB(roundB((event[k + 1] as number) ^ saltB, epoch))) | 0;
      }
    } else if (!e.boundary) {
      // addDelivery
      for (let k = 0; k < w; k += 2) {
        block[k] = ((block[k] as number) + fmixA((event[k] as number) ^ DELIVERY_SALT_A)) | 0;
        block[k + 1] = ((block[k + 1] as number) + fmixB((event[k + 1] as number) ^ DELIVERY_SALT_B)) | 0;
      }
    } else {
      // addBoundary: the block is folded into the prefix and starts afresh; a boundary that is no multicast opens an epoch
      for (let k = 0; k < w; k += 2) {
        prefix[k] = roundA(roundA(prefix[k] as number, block[k] as number), event[k] as number);
        prefix[k + 1] = roundB(roundB(prefix[k + 1] as number, block[k + 1] as number), event[k + 1] as number);
        block[k] = 0;
        block[k + 1] = 0;
      }
      if (e.bit < 0) epoch++;
    }
  }
  return { prefix, block, settled, epoch, log };
}

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
}

const DELIVERY_SALT_A = 0x68e31da4;
const DELIVERY_SALT_B = 0x1b56c4e9;

export function startHistory(start: Lanes): History {
  return { prefix: start.slice(), block: newLanes(start.length) };
}

/** A boundary event: everything so far is folded, in order. */
export function addBoundary(h: History, event: Lanes): History {
  const w = event.length;
  const prefix = newLanes(w);
  for (let k = 0; k < w; k += 2) {
    prefix[k] = roundA(roundA(h.prefix[k] as number, h.block[k] as number), event[k] as number);
    prefix[k + 1] = roundB(roundB(h.prefix[k + 1] as number, h.block[k + 1] as number), event[k + 1] as number);
  }
  return { prefix, block: newLanes(w) };
}

/** Adds a delivery to the block (order-independent: a multiset). */
export function addDelivery(h: History, delivery: Lanes): History {
  const w = delivery.length;
  const block = newLanes(w);
  for (let k = 0; k < w; k += 2) {
    block[k] = ((h.block[k] as number) + fmixA((delivery[k] as number) ^ DELIVERY_SALT_A)) | 0;
    block[k + 1] = ((h.block[k + 1] as number) + fmixB((delivery[k + 1] as number) ^ DELIVERY_SALT_B)) | 0;
  }
  return { prefix: h.prefix, block };
}

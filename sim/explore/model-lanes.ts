// The message and observation lanes of the explorer's model (model.ts): what
// a step's effects add to the successor's fingerprints. A message sent goes
// into the in-flight multiset under its hash; an observation goes into its
// process's history (history.ts), deliveries commuting unless the order is
// total, and the causal memo (causal-memo.ts) says which messages have
// settled so that they can leave every history. ExploreEffects (the effect
// interpreter's target) calls `sendFrom` and `noteObservation` here.
import type { AnyProtocol, Observation } from '../../protocol/types.ts';
import type { ExploreConfig } from './config.ts';
import { hostOf } from './actions.ts';
import { addToBag } from './in-flight-bag.ts';
import { MessageBits, mutableMemo, noteDelivery, noteMulticast, settledMessages, type MutableMemo } from './causal-memo.ts';
import type { ExploreEffects, Scratch, StepBuilder } from './explore-effects.ts';
import type { Lanes } from './hash.ts';
import { addBoundary, addDelivery, rebuildHistory, recordObservation, type History } from './history.ts';
import { RenamedObservationLanes } from './renamed-observations.ts';
import { LIVE, messageHash, type ProcSlot } from './state.ts';
import { StructuralHasher } from './structural-hash.ts';
import type { ValueHasher } from './value-hasher.ts';

export class ModelLanes implements StepBuilder {
  /** The protocol's structural hash of messages (structural-hash.ts), or null for the generic walk. */
  private readonly messageHasher: StructuralHasher | null;
  private readonly observationHasher: StructuralHasher | null;
  /** Under symmetry: every renaming's lanes of an observation at once (renamed-observations.ts). */
  private readonly renamedObservations: RenamedObservationLanes | null;
  /**
   * Fifo and causal deliveries commute in the history fingerprint
   * (history.ts); total-order ones are ordered, so with total order every
   * delivery is a boundary.
   */
  readonly commutingDeliveries: boolean;
  readonly messageBits = new MessageBits();
  /** Set while stepping a renamed state made up by the symmetry's order check: it settles nothing (its memo is not renamed). */
  madeUp = false;

  constructor(
    protocol: AnyProtocol,
    private readonly config: ExploreConfig,
    /** Hashes observations into histories (every renaming's lanes under symmetry). */
    private readonly hasher: ValueHasher,
    /** Hashes messages: `hasher`, or the identity alone when the protocol's permute hooks key states. */
    private readonly slotHasher: ValueHasher,
    /** The structural hash for slots and messages (one renaming), or null. */
    structural: StructuralHasher | null,
    /** Settled messages leave the histories (model.ts says when). */
    readonly pruneSettled: boolean,
    private readonly startLanes: Lanes,
  ) {
    this.messageHasher = structural !== null && structural.hasMessages ? structural : null;
    // Observations are hashed into histories with `hasher`: structurally when it has the two lanes of the identity alone.
    this.observationHasher = hasher.width === 2 ? new StructuralHasher(protocol, hasher) : null;
    this.renamedObservations = hasher.width === 2 ? null : new RenamedObservationLanes(hasher);
    this.commutingDeliveries = config.order !== 'total';
  }

  /** A message sent by process `from` in this step (called by ExploreEffects). */
  sendFrom(b: Scratch, from: string, to: string, body: unknown): void {
    // Messages to processes that never existed or are gone vanish, as in the simulator.
    let toIndex = -1;
    for (let j = 0; j < b.started; j++) {
      if ((b.procs[j] as ProcSlot).pid === to) {
        toIndex = j;
        break;
      }
    }
    if (toIndex < 0) return;
    if ((b.procs[toIndex] as ProcSlot).status !== LIVE) return;
    if (!this.canTalk(b, from, to)) return;
    addToBag(b, { from, to, toIndex, body, hash: messageHash(this.slotHasher, this.messageHasher, from, to, body), renamed: null }, this.config.maxInFlight);
  }

  /** A protocol observation's fingerprint and memo bookkeeping (called by ExploreEffects). */
  noteObservation(e: ExploreEffects, o: Observation): void {
    const b = e.b as Scratch;
    if (o.type === 'deliver' && this.commutingDeliveries) {
      const bit = this.messageBits.of(o.msg);
      const lanes = this.observationLanes(o);
      e.history = this.pruneSettled ? recordObservation(e.history, lanes, bit, false, this.settledBits(b)) : addDelivery(e.history, lanes);
      e.run++;
      if (!noteDelivery(this.ownMemo(b), e.i, bit)) e.runInDoubt = true;
    } else if (o.type !== 'note') {
      e.endRun();
      const bit = o.type === 'bcast' ? this.messageBits.of(o.msg) : -1;
      if (o.type === 'bcast') noteMulticast(this.ownMemo(b), e.i, bit);
      if (o.type === 'bcast' && o.order === 'total' && this.commutingDeliveries) {
        throw new Error(`explore: ${e.pid} multicast ${o.msg} in total order, but explore.order is ${this.config.order}; set explore.order to "total"`);
      }
      e.history = this.boundary(b, e.history, o.type === 'view' ? this.viewLanes(o.view) : this.observationLanes(o), bit);
    }
  }

  /** A boundary in a history (`bit`: the multicast message's, or -1), recorded for pruning when the model prunes. */
  boundary(b: Scratch, h: History, lanes: Lanes, bit: number): History {
    return this.pruneSettled ? recordObservation(h, lanes, bit, true, this.settledBits(b)) : addBoundary(h, lanes);
  }

  /** The settled messages an observation of this step is recorded under (none in a made-up renamed state). */
  private settledBits(b: Scratch): number {
    return this.madeUp ? 0 : b.memo.settled;
  }

  /**
   * After a step that delivered or multicast: the messages settled by it
   * leave every history (history.ts), whose fingerprints are folded again
   * from their logs (`reslot` makes each slot again with its new history). A
   * message settles once on a path, but many paths do it: on cbcast-3x2 with
   * --por --symmetry the refolding is about 6 % of the CPU time
   * (BENCHMARKS.md, session 6). The settled set only grows.
   */
  settle(b: Scratch, reslot: (p: ProcSlot, history: History) => ProcSlot): void {
    const settled = settledMessages(b.memo, b.procs.length);
    if (settled === b.memo.settled) return;
    (b.memo as MutableMemo).settled = settled;
    for (let i = 0; i < b.procs.length; i++) {
      const p = b.procs[i] as ProcSlot;
      b.procs[i] = reslot(p, rebuildHistory(this.startLanes, p.history.log, settled));
    }
  }

  private observationLanes(o: Observation): Lanes {
    return this.observationHasher !== null ? this.observationHasher.observation(o) : (this.renamedObservations as RenamedObservationLanes).of(o);
  }

  /**
   * A view install in the history fingerprint: its id and its member *set*
   * (the properties only compare member sets; keeping the order out lets
   * symmetric processes' histories match under renaming).
   */
  private viewLanes(view: { id: number; members: readonly string[] }): Lanes {
    const members: Record<string, true> = {};
    for (const m of view.members) members[m] = true;
    return this.hasher.value({ type: 'view', id: view.id, members });
  }

  canTalk(b: Scratch, from: string, to: string): boolean {
    if (b.partition === null || from === to) return true;
    // Cuts are between hosts: a restarted incarnation (p3#2) is on its host's side; a joiner is on none.
    const fromHost = hostOf(from);
    const toHost = hostOf(to);
    for (const group of b.partition) if (group.includes(fromHost)) return group.includes(toHost);
    return false;
  }

  private ownMemo(b: Scratch): MutableMemo {
    if (!b.ownsMemo) {
      b.memo = mutableMemo(b.memo);
      b.ownsMemo = true;
    }
    return b.memo as MutableMemo;
  }
}

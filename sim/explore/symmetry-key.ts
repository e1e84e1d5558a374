// The canonical key of a state under symmetry, for protocols that rebuild
// renamed states themselves (the permute hooks of protocol/types.ts).
//
// For each renaming k of the plan (symmetry.ts), the key of the renamed
// state is computed from parts: each process slot as the slot of the renamed
// process (its id renamed, its protocol state rebuilt by `permute`, its
// timer tags and suspicions renamed, its history fingerprint taken from
// lane k, which history.ts computed with every observation renamed), each
// message in flight with its ends renamed and its body rebuilt by
// `permuteMessage`, the cut with its groups renamed. Sums keep slots and
// messages order-independent, so the renamed state's key does not depend on
// which slot holds which process. The state's key is the smallest over the
// renamings: two states equal up to a renaming get the same one.
//
// Not every renaming is tried: each process gets a signature that no
// renaming changes (status, multicasts issued, messages delivered and sent
// as counted by the causal memo, timers, suspicions, messages in flight to
// and from it), and only the renamings that list the processes in order of
// signature are candidates. A renamed state has the renamed candidates, so
// the set of candidate images, and their smallest key, is the same for
// every state of one orbit: the key stays canonical. When the signatures
// differ, one renaming is hashed instead of all of them.
//
// Slots and messages are shared between a state and its successors, so
// their lanes are cached on the objects themselves (state.ts, `renamed`): a
// successor costs the renamings of the objects its step created. (A Map by
// identity, bounded, was evicted between a parent's keying and its
// children's in a wide breadth-first level.) A new slot's protocol state is renamed and
// hashed only the first time that state is met (symmetry-state-cache.ts,
// keyed by its own structural hash); after that it costs one hash.
import type { AnyProtocol } from '../../protocol/types.ts';
import * as hash from './hash.ts';
import { type Lanes } from './hash.ts';
import { identityRenaming, type Renaming } from './renaming.ts';
import { LIVE, type GlobalState, type InFlight, type ProcSlot, type RenamedLanes } from './state.ts';
import type { CausalMemo } from './causal-memo.ts';
import type { RenamingPermutation } from './symmetry.ts';
import { ValueHasher } from './value-hasher.ts';
import { StructuralHasher } from './structural-hash.ts';
import { RenamedStateHashes } from './symmetry-state-cache.ts';

const fmixA = hash.fmixA;
const fmixB = hash.fmixB;
const roundA = hash.roundA;
const roundB = hash.roundB;
const SEED_A = hash.SEED_A;
const SEED_B = hash.SEED_B;

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) n++;
  return n;
}

export class SymmetricKey {
  /** Hashes already-renamed values: the identity only. */
  private readonly hasher: ValueHasher;
  /** The protocol's structural hash of (renamed) states and messages, or null for the generic walk (structural-hash.ts). */
  private readonly stateHasher: StructuralHasher | null;
  private readonly messageHasher: StructuralHasher | null;
  /** Strings under every renaming at once: lanes 2n, 2n+1 are the identity's lanes of the string renamed by renaming n. */
  private readonly renamedStrings: ValueHasher;
  /** The initial processes, and each one's lanes under every renaming (`renamedStrings`, looked up once). */
  private readonly pids: readonly string[];
  private readonly initialPidLanes: readonly Lanes[];
  /** Per renaming n, at n x processes: the process that becomes process k (the inverse of Renaming.of). */
  private readonly inverses: Int32Array;
  /** Renamed protocol states' hashes by the state's own hash (symmetry-state-cache.ts). */
  readonly renamedStates: RenamedStateHashes;
  private readonly renamedLanes = new Int32Array(2);
  private readonly ownLanes = new Int32Array(2);
  /** Scratch of `setLanes`: the set's two lanes. */
  private setA = 0;
  private setB = 0;
  /** Arguments of `computeRenamedState` (renamedStateLanes), so the table's callback is made once. */
  private pendingSlot: ProcSlot | null = null;
  private pendingRenaming = 0;
  /** Renamed messages' lanes by the message's own hash (`hash` of state.ts: its ends and body), as renamedStates does for protocol states. */
  private readonly renamedMessages: RenamedStateHashes;
  /** Arguments of `computeRenamedMessage` (messageLanes). */
  private pendingMessage: InFlight | null = null;
  private readonly computeRenamedMessage = (out: Int32Array): void => this.renamedMessageLanes(this.pendingMessage as InFlight, this.pendingRenaming, out);
  private readonly computeRenamedState = (out: Int32Array): void => {
    const lanes = this.stateLanes(this.pendingSlot as ProcSlot, this.pendingRenaming);
    out[0] = lanes[0] as number;
    out[1] = lanes[1] as number;
  };
  private readonly signature: number[] = [];
  /** Scratch of `signatures`: messages in flight to and from each initial process. */
  private readonly inFlightTo: Int32Array;
  private readonly inFlightFrom: Int32Array;
  /** Initial process id -> index. */
  private readonly pidIndex = new Map<string, number>();
  private readonly width: number;

  constructor(
    private readonly protocol: AnyProtocol,
    private readonly renamings: readonly Renaming[],
    private readonly perms: readonly RenamingPermutation[],
  ) {
    this.hasher = new ValueHasher([identityRenaming(renamings[0]?.pids ?? [])]);
    this.renamedStrings = new ValueHasher(renamings.length > 0 ? renamings : [identityRenaming([])]);
    const structural = new StructuralHasher(protocol, this.hasher);
    this.stateHasher = structural.hasStates ? structural : null;
    this.messageHasher = structural.hasMessages ? structural : null;
    this.width = 2 * renamings.length;
    this.renamedStates = new RenamedStateHashes(renamings.length);
    this.renamedMessages = new RenamedStateHashes(renamings.length);
    const pids = renamings[0]?.pids ?? [];
    this.pids = pids;
    this.initialPidLanes = pids.map((p) => this.renamedStrings.string(p).slice());
    this.inverses = new Int32Array(renamings.length * pids.length);
    renamings.forEach((r, n) => {
      for (let i = 0; i < pids.length; i++) this.inverses[n * pids.length + r.of(i)] = i;
    });
    pids.forEach((p, i) => this.pidIndex.set(p, i));
    this.inFlightTo = new Int32Array(pids.length);
    this.inFlightFrom = new Int32Array(pids.length);
  }

  /** The canonical key, two lanes written to `out`; returns the index of the renaming that gives it (the first, when several do). */
  key(s: GlobalState, out: Int32Array): number {
    const u = s.used;
    const used = u.crash | (u.partition << 8) | (u.drop << 16) | (u.suspicion << 24);
    const extra = u.duplicate | (u.leave << 8) | (u.join << 16) | (u.restart << 24);
    this.signatures(s);
    let bestA = 0;
    let bestB = 0;
    let first = true;
    let best = 0;
    for (let n = 0; n < this.renamings.length; n++) {
      if (!this.sortsBySignature(n)) continue;
      let a = 0;
      let b = 0;
      for (const slot of s.procs) {
        const lanes = this.slotLanes(slot, n);
        a = (a + (lanes[2 * n] as number)) | 0;
        b = (b + (lanes[2 * n + 1] as number)) | 0;
      }
      for (const m of s.bag) {
        const lanes = this.messageLanes(m, n);
        a = (a + (lanes[2 * n] as number)) | 0;
        b = (b + (lanes[2 * n + 1] as number)) | 0;
      }
      const cut = s.partition === null ? null : this.partitionLanes(s.partition, this.renamings[n] as Renaming);
      a = roundA(roundA(roundA(a, used), extra), cut === null ? 0 : cut[0]);
      b = roundB(roundB(roundB(b, used), extra), cut === null ? 0 : cut[1]);
      a = fmixA(a) >>> 0;
      b = fmixB(b) >>> 0;
      if (first || a < bestA || (a === bestA && b < bestB)) {
        bestA = a;
        bestB = b;
        first = false;
        best = n;
      }
    }
    out[0] = bestA | 0;
    out[1] = bestB | 0;
    return best;
  }

  /** Each initial process's signature: what no renaming changes about it. */
  private signatures(s: GlobalState): void {
    const n = this.pidIndex.size;
    const memo: CausalMemo = s.memo;
    const sig = this.signature;
    const to = this.inFlightTo;
    const from = this.inFlightFrom;
    for (let i = 0; i < n; i++) {
      const slot = s.procs[i] as ProcSlot;
      let h = roundA(roundA(roundA(SEED_A, slot.status), slot.requestsMade), slot.timers.length);
      h = roundA(roundA(h, slot.suspected.length), popcount(memo.delivered[i] ?? 0));
      sig[i] = roundA(h, popcount(memo.own[i] ?? 0));
      to[i] = 0;
      from[i] = 0;
    }
    for (const m of s.bag) {
      if (m.toIndex < n) to[m.toIndex] = (to[m.toIndex] as number) + 1;
      const f = this.messageEntry(m).sender;
      if (f >= 0) from[f] = (from[f] as number) + 1;
    }
    for (let i = 0; i < n; i++) sig[i] = fmixA(roundA(roundA(sig[i] as number, to[i] as number), from[i] as number)) >>> 0;
  }

  /**
   * The renaming lists the processes in order of signature (process i
   * becomes process r.of(i)): for every i, j with r.of(i) < r.of(j),
   * signature i <= signature j; as r is a permutation, that is the
   * signatures read in the order of the images not decreasing (n - 1
   * comparisons, not n squared).
   */
  private sortsBySignature(n: number): boolean {
    const count = this.pids.length;
    const inverse = this.inverses;
    const at = n * count;
    for (let k = 1; k < count; k++) {
      if ((this.signature[inverse[at + k - 1] as number] as number) > (this.signature[inverse[at + k] as number] as number)) return false;
    }
    return true;
  }


  /** A slot's lanes, with those of renaming `n` filled in (kept by the slot; read lanes 2n and 2n+1). */
  slotLanes(slot: ProcSlot, n: number): Lanes {
    let entry = slot.renamed;
    if (entry === null) {
      entry = this.newEntry(-1);
      slot.renamed = entry;
    }
    if ((entry.done & (1 << n)) === 0) {
      this.slotLane(slot, 2 * n, entry.lanes, entry);
      entry.done |= 1 << n;
    }
    return entry.lanes;
  }

  private newEntry(sender: number): RenamedLanes {
    return { lanes: new Array<number>(this.width).fill(0), done: 0, stateKnown: false, stateA: 0, stateB: 0, sender };
  }

  /** A message's entry, made on first use. */
  private messageEntry(m: InFlight): RenamedLanes {
    let entry = m.renamed;
    if (entry === null) {
      entry = this.newEntry(this.pidIndex.get(m.from) ?? -1);
      m.renamed = entry;
    }
    return entry;
  }

  /** A process's lanes under every renaming (those of its id renamed), by its slot index when that is an initial process's. */
  private pidLanesOf(pid: string, index: number): Lanes {
    return index >= 0 && index < this.initialPidLanes.length && this.pids[index] === pid ? (this.initialPidLanes[index] as Lanes) : this.renamedStrings.string(pid);
  }

  /** A slot's two lanes as it is (renaming 0, the identity), not cached; `history` false leaves its history fingerprint out. */
  identityLanes(slot: ProcSlot, history = true): Lanes {
    const out: Lanes = [0, 0];
    this.slotLane(slot, 0, out, null, history);
    return out;
  }

  /** A slot's two lanes under renaming `n` without its history fingerprint (symmetry-order.ts), not cached. */
  renamedLanesWithoutHistory(slot: ProcSlot, n: number): Lanes {
    const out: Lanes = new Array<number>(2 * n + 2).fill(0);
    this.slotLane(slot, 2 * n, out, null, false);
    return out.slice(2 * n, 2 * n + 2);
  }

  /** Lanes k and k+1 of a slot: its hash under renaming k/2. */
  private slotLane(slot: ProcSlot, k: number, out: Lanes, entry: RenamedLanes | null, history = true): void {
    {
      const r = this.renamings[k >> 1] as Renaming;
      // The renamed pid's lanes: one look-up for every renaming (the same lanes as hashing r.rename(pid)).
      const pid = this.pidLanesOf(slot.pid, slot.index);
      let a = roundA(SEED_A, pid[k] as number);
      let b = roundB(SEED_B, pid[k + 1] as number);
      a = roundA(roundA(a, slot.status), slot.requestsMade);
      b = roundB(roundB(b, slot.status), slot.requestsMade);
      const state = this.renamedStateLanes(slot, k >> 1, entry);
      a = roundA(a, state[0] as number);
      b = roundB(b, state[1] as number);
      this.setLanes(slot.timers, r);
      const timersA = this.setA;
      const timersB = this.setB;
      this.setLanes(slot.suspected, r);
      a = roundA(roundA(a, timersA), this.setA);
      b = roundB(roundB(b, timersB), this.setB);
      const h = slot.history;
      if (!history) {
        out[k] = fmixA(a);
        out[k + 1] = fmixB(b);
        return;
      }
      a = roundA(roundA(a, h.prefix[k] as number), h.block[k] as number);
      b = roundB(roundB(b, h.prefix[k + 1] as number), h.block[k + 1] as number);
      // As slotHash (state.ts) folds the settled messages' sum: only when there are some.
      const settledA = h.settled[k] as number;
      const settledB = h.settled[k + 1] as number;
      if (settledA !== 0 || settledB !== 0) {
        a = roundA(a, settledA);
        b = roundB(b, settledB);
      }
      out[k] = fmixA(a);
      out[k + 1] = fmixB(b);
    }
  }

  /** A message's lanes, with those of renaming `n` filled in (kept by the message; read lanes 2n and 2n+1). */
  messageLanes(m: InFlight, n: number): Lanes {
    const entry = this.messageEntry(m);
    if ((entry.done & (1 << n)) === 0) {
      // A function of the message's ends and body, so of its own hash: from the table of renamed messages, computed when new there.
      this.pendingMessage = m;
      this.pendingRenaming = n;
      this.renamedMessages.get(m.hash[0] as number, m.hash[1] as number, n, this.renamedLanes, this.computeRenamedMessage);
      this.pendingMessage = null;
      entry.lanes[2 * n] = this.renamedLanes[0] as number;
      entry.lanes[2 * n + 1] = this.renamedLanes[1] as number;
      entry.done |= 1 << n;
    }
    return entry.lanes;
  }

  /** A message's two lanes under renaming `n`: its ends renamed, its body rebuilt by the protocol, hashed. */
  private renamedMessageLanes(m: InFlight, n: number, out: Int32Array): void {
    const k = 2 * n;
    const from = this.pidLanesOf(m.from, this.messageEntry(m).sender);
    const to = this.pidLanesOf(m.to, m.toIndex);
    const a = roundA(roundA(SEED_A ^ 0x5f3759df, from[k] as number), to[k] as number);
    const b = roundB(roundB(SEED_B ^ 0x5f3759df, from[k + 1] as number), to[k + 1] as number);
    const permuteMessage = this.protocol.permuteMessage as NonNullable<AnyProtocol['permuteMessage']>;
    const renamed = n === 0 ? m.body : permuteMessage(m.body, this.perms[n] as RenamingPermutation);
    const body = this.messageHasher !== null ? this.messageHasher.message(renamed) : this.hasher.value(renamed);
    out[0] = fmixA(roundA(a, body[0] as number));
    out[1] = fmixB(roundB(b, body[1] as number));
  }

  /**
   * The protocol state's lanes under renaming `n`: from the table of renamed
   * states by the state's own hash, rebuilt and hashed only when new there
   * (a scratch buffer: read at once).
   */
  private renamedStateLanes(slot: ProcSlot, n: number, entry: RenamedLanes | null): ArrayLike<number> {
    if (slot.status !== LIVE || typeof slot.state !== 'object' || slot.state === null) return this.stateLanes(slot, n);
    const own = this.ownStateLanes(slot, entry);
    if (n === 0) return own;
    this.pendingSlot = slot;
    this.pendingRenaming = n;
    this.renamedStates.get(own[0] as number, own[1] as number, n, this.renamedLanes, this.computeRenamedState);
    this.pendingSlot = null;
    return this.renamedLanes;
  }

  /** The protocol state's own lanes, kept with the slot's entry once computed (a scratch buffer: read at once). */
  private ownStateLanes(slot: ProcSlot, entry: RenamedLanes | null): Int32Array {
    const out = this.ownLanes;
    if (entry !== null && entry.stateKnown) {
      out[0] = entry.stateA;
      out[1] = entry.stateB;
      return out;
    }
    const own = this.stateLanes(slot, 0);
    out[0] = own[0] as number;
    out[1] = own[1] as number;
    if (entry !== null) {
      entry.stateA = out[0] as number;
      entry.stateB = out[1] as number;
      entry.stateKnown = true;
    }
    return out;
  }

  /** A slot's protocol state's own two lanes, as it is (a scratch buffer: read at once). */
  protocolStateLanes(slot: ProcSlot): ArrayLike<number> {
    if (slot.status !== LIVE || typeof slot.state !== 'object' || slot.state === null) return this.stateLanes(slot, 0);
    return this.ownStateLanes(slot, slot.renamed);
  }

  /** The protocol state's two lanes under renaming `n` (a scratch buffer: read at once). */
  private stateLanes(slot: ProcSlot, n: number): Lanes {
    if (typeof slot.state !== 'object' || slot.state === null) return this.hasher.value(slot.state);
    if (n === 0 || slot.status !== LIVE) return this.stateHasher !== null ? this.stateHasher.state(slot.state as object) : this.hasher.value(slot.state);
    const permute = this.protocol.permute as NonNullable<AnyProtocol['permute']>;
    const renamed = permute(slot.state, this.perms[n] as RenamingPermutation);
    return this.stateHasher !== null ? this.stateHasher.state(renamed as object) : this.hasher.value(renamed);
  }

  /** Order-independent lanes of a set of renamed strings, written to setA and setB. */
  private setLanes(items: readonly string[], r: Renaming): void {
    let a = 0;
    let b = 0;
    for (let i = 0; i < items.length; i++) {
      const lanes = this.hasher.string(r.rename(items[i] as string));
      a = (a + fmixA(lanes[0] as number)) | 0;
      b = (b + fmixB(lanes[1] as number)) | 0;
    }
    this.setA = a;
    this.setB = b;
  }

  /** A cut as a set of sets of renamed processes. */
  private partitionLanes(groups: readonly (readonly string[])[], r: Renaming): [number, number] {
    let a = 1;
    let b = 1;
    for (const group of groups) {
      this.setLanes(group, r);
      const ga = this.setA;
      const gb = this.setB;
      a = (a + fmixA(ga ^ 0x5bd1e995)) | 0;
      b = (b + fmixB(gb ^ 0x5bd1e995)) | 0;
    }
    return [a, b];
  }
}

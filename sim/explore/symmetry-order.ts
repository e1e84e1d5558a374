// The one place where a symmetric protocol's runs are not exact renamings
// of each other: the order of the deliveries one step makes. A protocol
// delivers the messages a receipt unblocks in some fixed order (the static
// stacks: by the sender's rank), so in the run where the processes are
// renamed, the same step delivers the same messages, but maybe in another
// order. The state after the step is the same up to the renaming (the
// history fingerprint keeps fifo and causal deliveries between two
// boundaries as a set: history.ts), but the trace is not, and fifo-order and
// causal-order read that order. Merging a state with its renamed image
// would then drop the renamed run's order from the search.
//
// So, under symmetry with the permute hooks, every explored step that
// delivers two or more messages at one process is also taken in each
// renamed world: the renamed state (rebuilt by the protocol's `permute`)
// takes the renamed action, and its deliveries, renamed back, give the order
// that world uses. When that order differs and could break fifo or causal
// order (causal-memo.ts: some message delivered before all of its possible
// causal past), the renamed world's real path to this step is rebuilt
// (every earlier action renamed, re-executed from the initial state) and
// judged by the checkers; a violation found there is a real, replayable
// counterexample. A renamed world's order is a function of the receiver's
// protocol state and the message, so it is taken once per distinct pair
// and looked up after that (only the memo's judgement is per state). The renamed step also checks the protocol's promise: the
// process's renamed result must be the renamed world's result, or the
// search stops with an error (the hook or the protocol is not symmetric).
import { assertNever } from '../../protocol/types.ts';
import type { AnyProtocol } from '../../protocol/types.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import type { PropertyId } from '../../checkers/index.ts';
import type { Action } from './actions.ts';
import { mutableMemo, noteDelivery } from './causal-memo.ts';
import { checkPath, trailNodes, type PathViolation } from './check-path.ts';
import type { History } from './history.ts';
import type { Renaming } from './renaming.ts';
import { LIVE, type GlobalState, type InFlight, type ProcSlot, type Trail } from './state.ts';
import type { SymmetricKey } from './symmetry-key.ts';
import { inverseRenaming, type RenamingPermutation } from './symmetry.ts';

/** What the check needs of the model. */
export interface RenamedWorldModel {
  readonly protocol: AnyProtocol;
  /** The properties judged (undefined: all; ExploreModel.promised). */
  readonly promised: readonly PropertyId[] | undefined;
  initial(): GlobalState;
  step(s: GlobalState, a: Action): GlobalState;
  /**
   * A step of a renamed state made up by this check (`renamedState`), whose
   * causal memo is not renamed: it records its observations without
   * settling messages (history.ts), which the made-up memo cannot tell.
   */
  stepMadeUp(s: GlobalState, a: Action): GlobalState;
  enabled(s: GlobalState): Action[];
  label(s: GlobalState, a: Action): string;
  choicesTo(trail: Trail): string[];
  /** The causal memo's bit for a message id. */
  messageBit(msg: string): number;
}

export interface RenamedViolation {
  violation: PathViolation;
  trail: Trail;
}

/** The message ids delivered at `pid` by a step's events, in order. */
function deliveriesAt(events: readonly TraceEvent[], pid: string): string[] {
  const out: string[] = [];
  for (const e of events) if (e.type === 'deliver' && e.node === pid) out.push((e as { msg: string }).msg);
  return out;
}

function sameSet(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  const norm = (g: readonly (readonly string[])[]): string => g.map((x) => [...x].sort().join(',')).sort().join('|');
  return norm(a) === norm(b);
}

/** One renamed world's order of a step's deliveries (renamed back), and which renaming made it. */
interface RenamedOrder {
  readonly renaming: number;
  readonly order: readonly string[];
}

/** Distinct (receiver state, message) pairs remembered before the cache starts afresh (a bound, not a limit). */
const MAX_PAIRS = 1 << 16;

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

export class RenamedOrderCheck {
  private readonly inverses: Renaming[];
  /** The renamed worlds' orders per (receiver, receiver's state, message), by structural hash. */
  private orders = new Map<string, readonly RenamedOrder[]>();
  /** Renamed steps taken (tests and benchmarks read it). */
  renamedSteps = 0;
  /** Multi-delivery steps whose renamed orders were already known from an equal (receiver state, message) pair. */
  cachedChecks = 0;
  /** Renamed paths rebuilt and judged. */
  pathsJudged = 0;

  constructor(
    private readonly model: RenamedWorldModel,
    private readonly key: SymmetricKey,
    private readonly renamings: readonly Renaming[],
    private readonly perms: readonly RenamingPermutation[],
  ) {
    this.inverses = renamings.map(inverseRenaming);
  }

  /** Takes step `a` of `s` (which gave `c`) in every renamed world; a violation one of them shows, or null. */
  check(s: GlobalState, a: Action, c: GlobalState): RenamedViolation | null {
    if (a.kind !== 'deliver') return null;
    const pid = (s.procs[a.owner] as ProcSlot).pid;
    const order = deliveriesAt(c.trail.events, pid);
    if (order.length < 2) return null;
    const others = this.renamedOrders(s, a, c, order);
    for (let k = 0; k < others.length; k++) {
      const other = others[k] as RenamedOrder;
      if (this.cannotMatter(s, a.owner, other.order)) continue;
      const trail = this.renamedPath(s, a, other.renaming);
      this.pathsJudged++;
      const violation = checkPath(trail, false, this.model.promised);
      if (violation !== null) return { violation, trail };
    }
    return null;
  }

  /**
   * The orders, renamed back, in which the renamed worlds make the
   * deliveries of step `a` of `s` where they differ from `order` (this
   * world's), one renaming each. They depend only on the receiver's
   * protocol state and the message (handlers are pure functions of them),
   * so they are taken once per distinct pair, keyed by the structural hash
   * of both, and looked up after that: most multi-delivery steps repeat a
   * pair seen on another path (cbcast-3x3: 21,568 such steps in the first
   * 30,000 states, 1,464 distinct pairs).
   */
  private renamedOrders(s: GlobalState, a: Extract<Action, { kind: 'deliver' }>, c: GlobalState, order: readonly string[]): readonly RenamedOrder[] {
    const slot = s.procs[a.owner] as ProcSlot;
    const m = s.bag[a.index] as InFlight;
    const state = this.key.protocolStateLanes(slot);
    const pairKey = `${a.owner}:${state[0]}:${state[1]}:${m.hash[0]}:${m.hash[1]}`;
    const known = this.orders.get(pairKey);
    if (known !== undefined) {
      this.cachedChecks++;
      return known;
    }
    const pid = slot.pid;
    const out: RenamedOrder[] = [];
    for (let n = 1; n < this.renamings.length; n++) {
      const r = this.renamings[n] as Renaming;
      const renamed = this.renamedState(s, n, a.owner, a.index);
      const action: Action = { kind: 'deliver', owner: r.of(a.owner), index: a.index };
      const result = this.model.stepMadeUp(renamed, action);
      this.renamedSteps++;
      this.expectSymmetric(s, a, c, renamed, result, n);
      const inverse = this.inverses[n] as Renaming;
      const other = deliveriesAt(result.trail.events, r.rename(pid)).map((id) => inverse.rename(id));
      if (sameOrder(other, order) || out.some((o) => sameOrder(o.order, other))) continue;
      out.push({ renaming: n, order: other });
    }
    if (this.orders.size >= MAX_PAIRS) this.orders = new Map();
    this.orders.set(pairKey, out);
    return out;
  }

  /** True when every message of `order` comes after all of its possible causal past (causal-memo.ts). */
  private cannotMatter(s: GlobalState, owner: number, order: readonly string[]): boolean {
    const memo = mutableMemo(s.memo);
    let safe = true;
    for (const id of order) if (!noteDelivery(memo, owner, this.model.messageBit(id))) safe = false;
    return safe;
  }

  /** The protocol's promise (protocol/types.ts `permute`): the renamed world's result is the renamed result. */
  private expectSymmetric(s: GlobalState, a: Extract<Action, { kind: 'deliver' }>, c: GlobalState, renamed: GlobalState, result: GlobalState, n: number): void {
    const r = this.renamings[n] as Renaming;
    // Once messages have settled, this world's histories are folded without them and the made-up world's
    // observations are recorded as if none had (stepMadeUp): compare the slots without their histories then
    // (what the permute hooks make, the protocol state and the messages sent, is compared either way).
    const histories = c.memo.settled === 0;
    const mine = histories ? this.key.slotLanes(c.procs[a.owner] as ProcSlot, n).slice(2 * n, 2 * n + 2) : this.key.renamedLanesWithoutHistory(c.procs[a.owner] as ProcSlot, n);
    const theirs = this.key.identityLanes(result.procs[r.of(a.owner)] as ProcSlot, histories);
    // The messages the step sent (those not in flight before it).
    let bagMine = 0;
    let bagTheirs = 0;
    const before = new Set(s.bag);
    for (const m of c.bag) if (!before.has(m)) bagMine = (bagMine + (this.key.messageLanes(m, n)[2 * n] as number)) | 0;
    const renamedBefore = new Set(renamed.bag);
    for (const m of result.bag) if (!renamedBefore.has(m)) bagTheirs = (bagTheirs + (this.key.messageLanes(m, 0)[0] as number)) | 0;
    if (mine[0] === theirs[0] && mine[1] === theirs[1] && bagMine === bagTheirs) return;
    const path = [...this.model.choicesTo(s.trail), this.model.label(s, a)];
    throw new Error(
      `--symmetry: protocol ${this.model.protocol.name} is not symmetric: renaming ${r.pids.map((p) => `${p}->${r.rename(p)}`).join(',')} ` +
        `the state and the step does not give the renamed successor (path: ${JSON.stringify(path)}); its permute hooks or its handlers treat processes differently`,
    );
  }

  /**
   * `s` in the world renamed by renaming `n`, as far as delivering message
   * `index` to process `owner` reads it: every id renamed, the receiver's
   * state and the message rebuilt by the protocol (the other processes'
   * states and messages are not read by that step, and are left as they are).
   */
  private renamedState(s: GlobalState, n: number, owner: number, index: number): GlobalState {
    const r = this.renamings[n] as Renaming;
    const perm = this.perms[n] as RenamingPermutation;
    const permute = this.model.protocol.permute as NonNullable<AnyProtocol['permute']>;
    const permuteMessage = this.model.protocol.permuteMessage as NonNullable<AnyProtocol['permuteMessage']>;
    const slotOf = (i: number): number => (i < r.pids.length ? r.of(i) : i);
    const procs = new Array<ProcSlot>(s.procs.length);
    for (const slot of s.procs) {
      const live = slot.status === LIVE && slot.state !== null && slot.state !== undefined;
      procs[slotOf(slot.index)] = {
        index: slotOf(slot.index),
        pid: r.rename(slot.pid),
        status: slot.status,
        state: live && slot.index === owner ? permute(slot.state, perm) : slot.state,
        timers: slot.timers.map((t) => r.rename(t)).sort(),
        requestsMade: slot.requestsMade,
        suspected: slot.suspected.map((q) => r.rename(q)).sort(),
        history: laneOf(slot.history, n),
        hash: slot.hash,
        renamed: null,
      };
    }
    const bag: InFlight[] = s.bag.map((m, j) => ({
      from: r.rename(m.from),
      to: r.rename(m.to),
      toIndex: slotOf(m.toIndex),
      body: j === index ? permuteMessage(m.body, perm) : m.body,
      hash: m.hash,
      renamed: null,
    }));
    const partition = s.partition === null ? null : s.partition.map((g) => g.map((p) => r.rename(p)));
    return { procs, bag, bagHash: s.bagHash, partition, used: s.used, trail: s.trail, orderedRun: false, memo: s.memo };
  }

  /** The renamed world's real path through the renamed `s` and step `a`, re-executed from the initial state. */
  private renamedPath(s: GlobalState, a: Action, n: number): Trail {
    let w = this.model.initial();
    for (const node of trailNodes(s.trail)) {
      if (node.action === null) continue;
      w = this.model.step(w, this.renamedAction(w, node.action, node.moved, n));
    }
    const moved = a.kind === 'deliver' ? (s.bag[a.index] as InFlight) : null;
    return this.model.step(w, this.renamedAction(w, a, moved, n)).trail;
  }

  /** Action `a` (which moved message `moved`) as the renamed world's state `w` enables it. */
  private renamedAction(w: GlobalState, a: Action, moved: InFlight | null, n: number): Action {
    const r = this.renamings[n] as Renaming;
    switch (a.kind) {
      case 'request':
      case 'crash':
      case 'leave':
        return { ...a, owner: r.of(a.owner) };
      case 'timer':
        return { kind: 'timer', owner: r.of(a.owner), tag: r.rename(a.tag) };
      case 'suspect':
        return { ...a, owner: r.of(a.owner), suspect: r.of(a.suspect) };
      case 'deliver':
      case 'drop':
      case 'duplicate': {
        const m = moved as InFlight;
        const want = this.key.messageLanes(m, n);
        const index = w.bag.findIndex((x) => {
          const lanes = this.key.messageLanes(x, 0);
          return lanes[0] === want[2 * n] && lanes[1] === want[2 * n + 1];
        });
        if (index < 0) throw new Error(`--symmetry: the renamed world has no message ${r.rename(m.from)}>${r.rename(m.to)} to ${a.kind}`);
        return { kind: a.kind, owner: r.of(a.owner), index };
      }
      case 'partition': {
        const groups = a.groups.map((g) => g.map((p) => r.rename(p)));
        const found = this.model.enabled(w).find((x) => x.kind === 'partition' && sameSet(x.groups, groups));
        if (found === undefined) throw new Error(`--symmetry: the renamed world cannot cut the network into ${JSON.stringify(groups)}`);
        return found;
      }
      case 'heal':
        return a;
      case 'join':
      case 'restart':
        throw new Error(`--symmetry: a ${a.kind} has no renamed counterpart (refused by planSymmetry)`);
      default:
        return assertNever(a, 'action');
    }
  }
}

/** A history whose lanes 0 and 1 are lane pair `n` of `h` (the renamed process's own fingerprint). */
function laneOf(h: History, n: number): History {
  const prefix = h.prefix.slice();
  const block = h.block.slice();
  prefix[0] = h.prefix[2 * n] as number;
  prefix[1] = h.prefix[2 * n + 1] as number;
  block[0] = h.block[2 * n] as number;
  block[1] = h.block[2 * n + 1] as number;
  const settled = h.settled.slice();
  settled[0] = h.settled[2 * n] as number;
  settled[1] = h.settled[2 * n + 1] as number;
  // No log: only made-up steps (stepMadeUp) take it, and they settle nothing.
  return { prefix, block, settled, epoch: h.epoch, log: null };
}

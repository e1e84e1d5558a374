// The untimed world of the explorer: builds the initial global state and
// executes one action on a state. Handlers are called and their effects
// interpreted by sim/system (the same code as the timed simulator's, so the
// same trace events and rules: a process that exits mid-step does nothing
// more); this file keeps only the explorer's representation (immutable
// slots, a hashed multiset of messages, untimed timer tags) and its
// fingerprints. There is no clock: `t` of every event is the step number.
import type { AnyProtocol, AppRequest, NodeContext, Step } from '../../protocol/types.ts';
import { assertNever } from '../../protocol/types.ts';
import type { Scenario } from '../../scenarios/types.ts';
import type { PropertyId } from '../../checkers/index.ts';
import { promisedProperties } from '../online-checker.ts';
import type { TraceEvent } from '../../traces/schema.ts';
import { InputError } from '../../traces/input-error.ts';
import { applyEffects } from '../system/effects.ts';
import { callInit, callMessage, callRequest, callSuspect, callTimer, type HandlerSite } from '../system/handlers.ts';
import { actionLabel, choiceLabels, enabledActions, twoGroupSplits, workloadRequest, type Action, type ActionContext } from './actions.ts';
import type { ExploreConfig } from './config.ts';
import { identityRenaming, type Renaming } from './renaming.ts';
import { planSymmetry, RenamingPermutation } from './symmetry.ts';
import { SymmetricKey } from './symmetry-key.ts';
import { RenamedOrderCheck, type RenamedViolation } from './symmetry-order.ts';
import {
  NO_HASH,
  CRASHED,
  EXITED,
  LIVE,
  type ProcStatus,
  slotHash,
  stateKey,
  type GlobalState,
  type InFlight,
  type ProcSlot,
  type Trail,
} from './state.ts';
import { ValueHasher } from './value-hasher.ts';
import { StructuralHasher } from './structural-hash.ts';
import { addToBag, purgeBag, removeFromBag } from './in-flight-bag.ts';
import { emptyScratch, ExploreEffects, ExploreSite, type Scratch } from './explore-effects.ts';
import { newLanes, type Lanes } from './hash.ts';
import { startHistory, type History } from './history.ts';
import { ModelLanes } from './model-lanes.ts';

const DRAFT: Lanes = [];
const NO_EVENTS: readonly TraceEvent[] = Object.freeze([]);

/**
 * A step's events as the trail keeps them: frontier states keep their
 * trails for a whole BFS level, and an array that grew by push has room for
 * 17, where a step writes one to three events.
 */
function exactEvents(events: TraceEvent[]): readonly TraceEvent[] {
  return events.length === 0 ? NO_EVENTS : events.slice();
}

export class ExploreModel {
  readonly initialPids: readonly string[];
  /** Most process slots a path may have: the initial processes, then joiners and restarted incarnations. */
  readonly maxSlots: number;
  readonly hasher: ValueHasher;
  /** Hashes slots and messages: `hasher`, or the identity alone when the protocol's permute hooks key states (symmetry-key.ts). */
  private readonly slotHasher: ValueHasher;
  /** The protocol's structural hash of states (structural-hash.ts), or null for the generic walk. */
  private readonly stateHasher: StructuralHasher | null;
  /** What a step's messages and observations add to the fingerprints (model-lanes.ts). */
  private readonly lanes: ModelLanes;
  /** Under symmetry with the protocol's permute hooks: the canonical key and the check of renamed steps (symmetry*.ts). */
  private readonly symmetricKey: SymmetricKey | null = null;
  readonly renamedOrders: RenamedOrderCheck | null = null;
  readonly actionContext: ActionContext;
  /** Each process's context, made once (a path's joiners and incarnations are named the same on every path). */
  private readonly contexts = new Map<string, NodeContext>();
  private readonly crashLanes: Lanes;
  private readonly startLanes: Lanes;
  /**
   * Settled messages leave the history fingerprints (history.ts, "Settled
   * messages"): where that is sound, unless the caller asks for the full
   * fingerprints (`pruneSettled` false: a baseline for tests and benchmarks).
   */
  readonly pruneSettled: boolean;
  /**
   * The properties the scenario and the protocol promise (sim/online-checker.ts),
   * as a timed run checks them; undefined: all. The paths are judged on these
   * alone, and a counterexample's header names them, so `check` agrees.
   */
  readonly promised: readonly PropertyId[] | undefined;

  constructor(
    readonly protocol: AnyProtocol,
    readonly scenario: Scenario,
    readonly config: ExploreConfig,
    symmetry: boolean,
    pruneSettled = true,
  ) {
    this.promised = promisedProperties(scenario.properties, protocol.properties);
    // The initial processes; joiners (p4, p5, ... after p1..p3) and restarted
    // incarnations (p3#2) get slots after them, in the order a path starts them.
    this.initialPids = Array.from({ length: scenario.processes }, (_, k) => `p${k + 1}`);
    this.maxSlots = scenario.processes + config.budgets.join + config.budgets.restart;
    // Renamings permute the initial processes; a joiner or an incarnation is a fixed point (renaming.ts leaves unknown ids alone).
    const plan = symmetry ? planSymmetry(protocol, config, this.initialPids) : null;
    this.hasher = new ValueHasher(plan?.renamings ?? [identityRenaming(this.initialPids)]);
    this.slotHasher = this.hasher;
    if (plan !== null && plan.hooked && plan.renamings.length > 1) {
      const perms = plan.renamings.map((r) => new RenamingPermutation(r));
      this.symmetricKey = new SymmetricKey(protocol, plan.renamings, perms);
      this.renamedOrders = new RenamedOrderCheck(this, this.symmetricKey, plan.renamings, perms);
      this.slotHasher = new ValueHasher([identityRenaming(this.initialPids)]);
    }
    // The protocol's own structural hash replaces the generic walk where it applies (one renaming: two lanes).
    const structural = this.slotHasher.width === 2 ? new StructuralHasher(protocol, this.slotHasher) : null;
    this.stateHasher = structural !== null && structural.hasStates ? structural : null;
    this.crashLanes = this.hasher.fresh('\u0000crash');
    this.startLanes = this.hasher.fresh('\u0000start');
    this.pruneSettled = pruneSettled && config.order !== 'total' && config.budgets.join === 0 && config.budgets.restart === 0;
    this.lanes = new ModelLanes(protocol, config, this.hasher, this.slotHasher, structural, this.pruneSettled, this.startLanes);
    this.effects = new ExploreEffects(this.lanes);
    this.actionContext = {
      config,
      suspicions: protocol.onSuspect !== undefined,
      splits: twoGroupSplits(this.initialPids),
      initialProcesses: this.initialPids.length,
    };
  }

  get symmetric(): boolean {
    return this.hasher.renamings.length > 1;
  }

  /**
   * The step being taken (its parent, null while the initial state is built,
   * and its action): what names a handler that never returns (hang.ts). Two
   * stores a step; a renamed state made up by the symmetry's order check
   * leaves the real step here.
   */
  readonly inHand: { parent: GlobalState | null; action: Action | null } = { parent: null, action: null };

  initial(): GlobalState {
    this.inHand.parent = null;
    this.inHand.action = null;
    const b = emptyScratch(newLanes(this.slotHasher.width), true, this.maxSlots);
    for (let i = 0; i < this.initialPids.length; i++) {
      const pid = this.initialPids[i] as string;
      b.events.push({ type: 'start', i: b.nextI++, t: 0, node: pid });
      b.procs.push(this.slot(i, pid, LIVE, undefined, [], 0, [], startHistory(this.startLanes)));
      b.started = i + 1;
      const ctx = this.context(pid);
      this.run(b, i, (_, __, site) => callInit(this.protocol, ctx, { mode: 'member', initialMembers: [...this.initialPids] }, site));
    }
    return this.finish(b, { prev: null, action: null, moved: null, events: b.events, depth: 0, eventCount: b.nextI });
  }

  enabled(s: GlobalState): Action[] {
    return enabledActions(s, this.actionContext);
  }

  label(s: GlobalState, a: Action): string {
    return actionLabel(s, a);
  }

  /** The state's 64-bit key as two lanes, written to `out`. */
  key(s: GlobalState, out: Int32Array): void {
    if (this.symmetricKey !== null) this.symmetricKey.key(s, out);
    else stateKey(this.hasher, s, out);
  }

  /** Scratch of `canonicalRanks`: the key it computes on the way. */
  private readonly rankKey = new Int32Array(2);

  /**
   * Under symmetry: each process's position under the state's canonical
   * renaming (the one whose renamed state gives the key), `ranks[i]` for
   * process index i; null without symmetry. A renamed state's canonical
   * renaming is this one composed with the renaming undone, so a process and
   * its image get the same rank: the rank is the same for every member of
   * the orbit (por.ts breaks its ties with it). Slots past the initial
   * processes (joiners, incarnations) are fixed points of every renaming:
   * their rank is their index.
   */
  canonicalRanks(s: GlobalState): readonly number[] | null {
    if (!this.symmetric) return null;
    const best = this.symmetricKey !== null ? this.symmetricKey.key(s, this.rankKey) : stateKey(this.hasher, s, this.rankKey);
    return (this.hasher.renamings[best] as Renaming).image;
  }

  /** Under symmetry with permute hooks: a violation that step `a` of `s` (giving `c`) shows in a renamed world (symmetry-order.ts). */
  checkRenamedOrders(s: GlobalState, a: Action, c: GlobalState): RenamedViolation | null {
    return this.renamedOrders === null ? null : this.renamedOrders.check(s, a, c);
  }

  /** The causal memo's bit for a message id (causal-memo.ts). */
  messageBit(msg: string): number {
    return this.lanes.messageBits.of(msg);
  }

  /** Executes `a` in a renamed state made up by the symmetry's order check (symmetry-order.ts); it settles nothing (its memo is not renamed). */
  stepMadeUp(s: GlobalState, a: Action): GlobalState {
    const { parent, action } = this.inHand;
    this.lanes.madeUp = true;
    try {
      return this.step(s, a);
    } finally {
      this.lanes.madeUp = false;
      this.inHand.parent = parent;
      this.inHand.action = action;
    }
  }

  /** Executes `a` in `s`. */
  step(s: GlobalState, a: Action): GlobalState {
    this.inHand.parent = s;
    this.inHand.action = a;
    const t = s.trail.depth + 1;
    // One scratch for every step (steps do not nest; finish() copies out what the state keeps).
    const b = this.stepScratch;
    b.procs = s.procs.slice();
    b.bag = s.bag as InFlight[];
    b.bagHash = s.bagHash;
    b.partition = s.partition;
    b.used = s.used;
    b.events.length = 0;
    b.nextI = s.trail.eventCount;
    b.t = t;
    b.started = s.procs.length;
    b.ownsBag = false;
    b.orderedRun = false;
    b.memo = s.memo;
    b.ownsMemo = false;
    switch (a.kind) {
      case 'request': {
        const p = b.procs[a.owner] as ProcSlot;
        const made = p.requestsMade + 1;
        const request = workloadRequest(this.config.order, made);
        b.procs[a.owner] = this.slot(p.index, p.pid, p.status, p.state, p.timers, made, p.suspected, p.history);
        this.run(b, a.owner, (state, ctx, site) => callRequest(this.protocol, state, request, ctx, site));
        break;
      }
      case 'deliver': {
        const m = s.bag[a.index] as InFlight;
        removeFromBag(b, a.index);
        const sent = this.run(b, a.owner, (state, ctx, site) => callMessage(this.protocol, state, m.from, m.body, ctx, site));
        if (!this.config.receiptsSend && sent > 0) {
          throw new InputError(
            `explore.receiptsSend is false, but ${m.to} sent a message or set a timer (${sent} in all) while handling one from ${m.from} ` +
              `(step ${t} of path ${JSON.stringify(this.choicesTo(s.trail).concat(this.label(s, a)))}): remove the declaration or fix the protocol`,
          );
        }
        break;
      }
      case 'timer': {
        const p = b.procs[a.owner] as ProcSlot;
        b.procs[a.owner] = this.slot(p.index, p.pid, p.status, p.state, p.timers.filter((tag) => tag !== a.tag), p.requestsMade, p.suspected, p.history);
        this.run(b, a.owner, (state, ctx, site) => callTimer(this.protocol, state, a.tag, ctx, site));
        break;
      }
      case 'suspect': {
        const p = b.procs[a.owner] as ProcSlot;
        const q = (b.procs[a.suspect] as ProcSlot).pid;
        const suspected = [...p.suspected, q].sort();
        b.procs[a.owner] = this.slot(p.index, p.pid, p.status, p.state, p.timers, p.requestsMade, suspected, p.history);
        if (a.budgeted) b.used = { ...b.used, suspicion: b.used.suspicion + 1 };
        b.events.push({ type: 'suspect', i: b.nextI++, t, node: p.pid, suspect: q });
        if (this.protocol.onSuspect !== undefined) {
          this.run(b, a.owner, (state, ctx, site) => callSuspect(this.protocol, state, q, ctx, site) as Step<unknown, unknown, string>);
        }
        break;
      }
      case 'crash': {
        const p = b.procs[a.owner] as ProcSlot;
        b.used = { ...b.used, crash: b.used.crash + 1 };
        b.events.push({ type: 'crash', i: b.nextI++, t, node: p.pid });
        b.procs[a.owner] = this.slot(p.index, p.pid, CRASHED, null, [], p.requestsMade, p.suspected, this.lanes.boundary(b, p.history, this.crashLanes, -1));
        purgeBag(b, (m) => m.toIndex === a.owner);
        break;
      }
      case 'drop': {
        const m = s.bag[a.index] as InFlight;
        // Lost for good: the message leaves the multiset (a delay needs no fault: any later delivery is explored anyway).
        b.used = { ...b.used, drop: b.used.drop + 1 };
        removeFromBag(b, a.index);
        b.events.push({ type: 'drop', i: b.nextI++, t, node: m.to, from: m.from });
        break;
      }
      case 'join':
        b.used = { ...b.used, join: b.used.join + 1 };
        this.startJoiner(b, a.pid);
        break;
      case 'restart':
        // The crashed process stays in its slot (its history holds the crash); the host's next incarnation joins.
        b.used = { ...b.used, restart: b.used.restart + 1 };
        this.startJoiner(b, a.pid);
        break;
      case 'leave': {
        b.used = { ...b.used, leave: b.used.leave + 1 };
        this.run(b, a.owner, (state, ctx, site) => callRequest(this.protocol, state, { type: 'leave' }, ctx, site));
        break;
      }
      case 'duplicate': {
        const m = s.bag[a.index] as InFlight;
        b.used = { ...b.used, duplicate: b.used.duplicate + 1 };
        addToBag(b, m, this.config.maxInFlight);
        b.events.push({ type: 'duplicate', i: b.nextI++, t, node: m.to, from: m.from });
        break;
      }
      case 'partition': {
        b.used = { ...b.used, partition: b.used.partition + 1 };
        b.partition = a.groups;
        b.events.push({ type: 'partition', i: b.nextI++, t, groups: a.groups.map((g) => [...g]) });
        // A message on the wire when the cut happens is lost (as in the simulator).
        purgeBag(b, (m) => !this.lanes.canTalk(b, m.from, m.to));
        break;
      }
      case 'heal':
        b.partition = null;
        b.events.push({ type: 'heal', i: b.nextI++, t });
        break;
      default:
        assertNever(a, 'action');
    }
    const moved = a.kind === 'deliver' || a.kind === 'drop' || a.kind === 'duplicate' ? (s.bag[a.index] as InFlight) : null;
    return this.finish(b, { prev: s.trail, action: a, moved, events: exactEvents(b.events), depth: t, eventCount: b.nextI });
  }

  /** A new process (a joiner, or a restarted host's next incarnation) starts in the next slot and asks the live processes to let it in. */
  private startJoiner(b: Scratch, pid: string): void {
    const contacts = b.procs.filter((p) => p.status === LIVE).map((p) => p.pid);
    const index = b.procs.length;
    b.events.push({ type: 'start', i: b.nextI++, t: b.t, node: pid });
    b.procs.push(this.slot(index, pid, LIVE, undefined, [], 0, [], startHistory(this.startLanes)));
    b.started = index + 1;
    const ctx = this.context(pid);
    this.run(b, index, (_, __, site) => callInit(this.protocol, ctx, { mode: 'join', contacts }, site));
  }

  private context(pid: string): NodeContext {
    let ctx = this.contexts.get(pid);
    if (ctx === undefined) {
      ctx = { self: pid };
      this.contexts.set(pid, ctx);
    }
    return ctx;
  }

  /** Runs one handler of process `i` (through sim/system) and applies its effects; returns how many sends and timer settings it made. */
  private run(b: Scratch, i: number, handler: (state: unknown, ctx: NodeContext, site: HandlerSite) => Step<unknown, unknown, string>): number {
    const p = b.procs[i] as ProcSlot;
    const ctx = this.context(p.pid);
    this.site.scratch = b;
    const step = handler(p.state, ctx, this.site);
    const e = this.effects;
    e.b = b;
    e.i = i;
    e.pid = p.pid;
    e.status = p.status;
    e.timers = p.timers;
    e.history = p.history;
    e.run = 0;
    e.runInDoubt = false;
    e.sent = 0;
    applyEffects(e, e, step.effects);
    e.endRun();
    b.procs[i] = this.slot(i, p.pid, e.status, step.state, e.timers, p.requestsMade, p.suspected, e.history);
    if (e.status === EXITED) purgeBag(b, (m) => m.toIndex === i);
    return e.sent;
  }

  /** The successor being built by `step` (reset by each step; its events are copied out by exactEvents). */
  private readonly stepScratch: Scratch = emptyScratch([], false, 0);

  /** What the explorer keeps of one handler's effects (sim/system/effects.ts interprets them). */
  private readonly effects: ExploreEffects;
  private readonly site = new ExploreSite();

  /** A slot again with a new history (a settled message left it: model-lanes.ts), made once. */
  private readonly reslot = (p: ProcSlot, history: History): ProcSlot => this.slot(p.index, p.pid, p.status, p.state, p.timers, p.requestsMade, p.suspected, history);

  private slot(index: number, pid: string, status: ProcStatus, state: unknown, timers: readonly string[], requestsMade: number, suspected: readonly string[], history: History): ProcSlot {
    // A draft: its hash is computed once, by finish(), however often the step rewrote it.
    return { index, pid, status, state, timers, requestsMade, suspected, history, hash: DRAFT, renamed: null };
  }

  private finish(b: Scratch, trail: Trail): GlobalState {
    // Only a step that delivered or multicast (and so copied the memo) can settle a message.
    if (this.pruneSettled && b.ownsMemo && !this.lanes.madeUp) this.lanes.settle(b, this.reslot);
    // Under a symmetric key slots are hashed by symmetry-key.ts (which needs each new protocol state's own hash anyway): stateKey's hash would be a second structural hash of every new state, read by nothing.
    const keyedBySymmetry = this.symmetricKey !== null;
    for (let i = 0; i < b.procs.length; i++) {
      const p = b.procs[i] as ProcSlot;
      if (p.hash !== DRAFT) continue;
      (p as { hash: Lanes }).hash = keyedBySymmetry ? NO_HASH : slotHash(this.slotHasher, this.stateHasher, p.pid, p.status, p.state, p.timers, p.requestsMade, p.suspected, p.history);
    }
    return { procs: b.procs, bag: b.bag, bagHash: b.bagHash, partition: b.partition, used: b.used, trail, orderedRun: b.orderedRun, memo: b.memo };
  }

  /** The labels of the steps that lead to a trail. */
  choicesTo(trail: Trail): string[] {
    return choiceLabels(this.initialPids, trail);
  }
}

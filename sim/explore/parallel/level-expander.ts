// One breadth-first level of the parallel search, over the shared visited
// set: the same expansion as search.ts's compact BFS (leaves judged;
// partial-order reduction with the BFS cycle proviso; the next level kept
// as paths, not states: frontier.ts, and in the last levels of a search,
// where an entry's path is stepped again from far up, as states too:
// kept-states.ts), run by each worker on its share
// of a level and by the coordinator on the first few levels. Kept apart from search.ts because
// here the visited set is shared and a state's first finder is whichever
// worker claims its key first; the states of each level, and so the state
// count and the verdict, do not depend on that (shared-visited.ts).
import { performance } from 'node:perf_hooks';
import type { Action } from '../actions.ts';
import { checkPath, type PathViolation } from '../check-path.ts';
import type { ExploreModel } from '../model.ts';
import { REPLICAS_PROPERTY, replicaDisagreement } from '../replicas.ts';
import type { GlobalState } from '../state.ts';
import { BoundHit } from '../../world.ts';
import type { SharedVisitedSet } from './shared-visited.ts';
import { Found, reducedOrAll, stepEach, type Successors } from '../successors.ts';
import { Frontier, Lineage, ROOT_RECORD } from './frontier.ts';
import { KeepPolicy, KeptStates } from './kept-states.ts';

/** After a hurried stop (time bound, Ctrl-C), frontier checks end after this long (search.ts's FRONTIER_CHECK_MS_AFTER_STOP). */
const FRONTIER_CHECK_MS_AFTER_STOP = 250;
/** Expansions between two calls of the `look` callback (stop flag, clock), as search.ts's CLOCK_EVERY. */
export const LOOK_EVERY = 16;

export { Found } from '../successors.ts';

const NEVER_PAUSE = (): boolean => false;

/** A protocol (or model) error while stepping: the path to the parent and the action, for the coordinator to replay. */
export class StepFailed extends Error {
  constructor(readonly parent: GlobalState, readonly action: Action | null, readonly failure: unknown) {
    super('step failed');
  }
}

export { Frontier, Lineage } from './frontier.ts';

export interface LevelCounters {
  transitions: number;
  terminalStates: number;
  pathsChecked: number;
  maxDepthSeen: number;
  depthCut: boolean;
  expansions: number;
  /** Steps taken again to reach the entries' states from the states remembered on the current path (stateOf; not transitions). */
  pathSteps: number;
  /** Entries expanded from a kept state (kept-states.ts), with no step taken again. */
  keptEntries: number;
}

/** When a level's children are kept as states rather than paths (kept-states.ts). */
export interface KeepOptions {
  /** States kept at most at any time (0: none, every level as paths). */
  statesCap: number;
  /** Keep once the last level stepped took this many steps per entry stepped. */
  aboveStepsPerEntry: number;
}

export const KEEP_NONE: KeepOptions = { statesCap: 0, aboveStepsPerEntry: Infinity };

export class LevelExpander {
  readonly counters: LevelCounters = { transitions: 0, terminalStates: 0, pathsChecked: 0, maxDepthSeen: 0, depthCut: false, expansions: 0, pathSteps: 0, keptEntries: 0 };
  private readonly key = new Int32Array(2);
  /** Every state this thread claimed or was given, as paths (frontier.ts). */
  readonly lineage = new Lineage();
  /** Per level, the record whose state was stepped last, and that state: the steps of shared path prefixes are taken once. */
  private readonly pathRecords: number[] = [ROOT_RECORD];
  private readonly pathStates: GlobalState[];
  /** Scratch for stateOf: the records to step, deepest first. */
  private readonly below: number[] = [];
  /** The level being expanded, and how far: read by the frontier check after a stop. */
  private current: Frontier | null = null;
  private at = 0;
  /** Of the level being expanded: the path steps before it, and the entries stepped to (not kept). */
  private stepsBefore = 0;
  private stepped = 0;
  /** The states kept for entries of the next levels, and whether the children of the level being expanded are kept. */
  private readonly kept: KeptStates;
  private readonly policy: KeepPolicy;
  private keepingChildren = false;

  constructor(
    private readonly model: ExploreModel,
    private readonly options: { maxDepth: number; por: boolean },
    private readonly visited: SharedVisitedSet,
    /** Called every LOOK_EVERY expansions; throws (BoundHit) to stop. */
    private readonly look: () => void,
    keep: KeepOptions = KEEP_NONE,
  ) {
    this.pathStates = [model.initial()];
    this.kept = new KeptStates(keep.statesCap);
    this.policy = new KeepPolicy(keep.aboveStepsPerEntry);
  }

  /** States kept now for entries not yet expanded (diagnostics). */
  get keptStates(): number {
    return this.kept.size;
  }

  /** Entries leaving this worker (a gift travels as paths): their kept states are dropped. */
  release(entries: Frontier): void {
    for (let k = 0; k < entries.size; k++) this.kept.take(entries.depth, entries.record(k));
  }

  /** The initial state, keyed and claimed (the coordinator does this, before any worker starts a level), as a level of its own. */
  admitRoot(): Frontier {
    const root = this.pathStates[0] as GlobalState;
    this.model.key(root, this.key);
    this.visited.add(this.key[0] as number, this.key[1] as number, 0);
    const level = new Frontier(0);
    level.push(ROOT_RECORD);
    return level;
  }

  /** Expands every entry of `level`, adding the new children to `next` (the level below). */
  expandLevel(level: Frontier, next: Frontier): void {
    this.beginLevel(level, next);
    this.expandEntries(level, next, NEVER_PAUSE);
  }

  /** Starts expanding `level` into `next`: expandEntries then goes through its entries. */
  beginLevel(level: Frontier, next: Frontier): void {
    if (next.depth !== level.depth + 1) throw new Error(`expandLevel: level ${level.depth} into level ${next.depth}`);
    this.current = level;
    // Anything still kept for an earlier level was given away.
    this.kept.dropAbove(level.depth);
    this.keepingChildren = this.kept.cap > 0 && this.policy.keeping;
    this.stepsBefore = this.counters.pathSteps;
    this.stepped = 0;
    this.at = 0;
  }

  /**
   * Expands the entries of the level begun, in order, until the level is
   * done (true) or `pause` says so after an entry (false: call again to go
   * on). A worker expands a level in such slices, each within the wall-clock
   * bound on handlers (worker.ts); the entries and their order are the same.
   */
  expandEntries(level: Frontier, next: Frontier, pause: () => boolean): boolean {
    for (; this.at < level.size; this.at++) {
      const record = level.record(this.at);
      let s = this.kept.take(level.depth, record);
      if (s === undefined) {
        s = this.stateOf(level.depth, record);
        this.stepped++;
      } else {
        this.counters.keptEntries++;
      }
      this.expandInto(s, record, next);
      if (pause() && this.at + 1 < level.size) {
        this.at++;
        return false;
      }
    }
    this.current = null;
    this.policy.levelDone(this.stepped, this.counters.pathSteps - this.stepsBefore);
    return true;
  }

  /**
   * The state of a record, stepped from the deepest state of the current
   * path that is one of its ancestors. A record names one path, so a
   * remembered (record, state) pair stays right whatever was stepped since.
   */
  private stateOf(depth: number, record: number): GlobalState {
    const records = this.pathRecords;
    let d = depth;
    let r = record;
    const below = this.below;
    below.length = 0;
    while (records[d] !== r) {
      below.push(r);
      r = this.lineage.parentOf(d, r);
      d--;
    }
    let s = this.pathStates[d] as GlobalState;
    this.counters.pathSteps += below.length;
    for (let k = below.length - 1; k >= 0; k--) {
      d++;
      const step = below[k] as number;
      s = this.derive(s, this.lineage.actionOf(d, step));
      records[d] = step;
      this.pathStates[d] = s;
    }
    return s;
  }

  /** The states of the level being expanded not yet expanded, and `pending`'s: for the frontier check after a stop. */
  private unexpanded(pending: Frontier, limit: number): GlobalState[] {
    const out: GlobalState[] = [];
    const level = this.current;
    // The entry being expanded when the search stopped is left out (as search.ts's).
    if (level !== null) for (let k = this.at + 1; k < level.size && out.length < limit; k++) out.push(this.entryState(level.depth, level.record(k)));
    for (let k = 0; k < pending.size && out.length < limit; k++) out.push(this.entryState(pending.depth, pending.record(k)));
    return out;
  }

  /** An entry's state, kept or stepped, leaving a kept one kept. */
  private entryState(depth: number, record: number): GlobalState {
    return this.kept.peek(depth, record) ?? this.stateOf(depth, record);
  }

  /**
   * After a stop or a bound, as search.ts does: judge (some of) the states
   * reached and not expanded, so a violation already reached is not lost;
   * briefly when the time bound or a stop request ended the search.
   */
  checkFrontier(pending: Frontier, limit: number, hurry: boolean): Found | null {
    const until = hurry ? performance.now() + FRONTIER_CHECK_MS_AFTER_STOP : Infinity;
    let states: GlobalState[];
    try {
      states = this.unexpanded(pending, limit);
    } catch {
      return null;
    }
    for (const s of states) {
      if (hurry && performance.now() > until) break;
      this.counters.pathsChecked++;
      const violation = checkPath(s.trail, false, this.model.promised);
      if (violation !== null) return new Found(violation, s.trail);
    }
    return null;
  }

  derive(parent: GlobalState, action: Action): GlobalState {
    try {
      return this.model.step(parent, action);
    } catch (failure) {
      // A bound (maxInFlight) is a bound, not a failure.
      if (failure instanceof BoundHit) throw failure;
      throw new StepFailed(parent, action, failure);
    }
  }

  /** Expands s (record `record` of its level); each new child enters `next` as a record of the lineage. */
  private expandInto(s: GlobalState, record: number, next: Frontier): void {
    const successors = this.expand(s);
    if (successors === null) return;
    let fresh = 0;
    const depth = s.trail.depth + 1;
    for (let k = 0; k < successors.states.length; k++) {
      const entry = this.visited.add(successors.keys[2 * k] as number, successors.keys[2 * k + 1] as number, depth);
      const c = successors.states[k] as GlobalState;
      if (entry < 0) {
        // As search.ts: a merging path whose last step delivered several messages in a row is judged now.
        if (c.orderedRun) this.judge(c, false);
        continue;
      }
      fresh++;
      const child = this.lineage.add(depth, record, successors.actions[k] as Action);
      next.push(child);
      // Past the cap the child is a path only, as every child is when not keeping.
      if (this.keepingChildren) this.kept.keep(depth, child, c);
    }
    if (fresh === 0) this.judge(s, false);
  }

  /** As search.ts's expand: the successors with their keys, or null for a leaf by itself (terminal, or at the depth bound). */
  private expand(s: GlobalState): Successors | null {
    const depth = s.trail.depth;
    const counters = this.counters;
    if (depth > counters.maxDepthSeen) counters.maxDepthSeen = depth;
    if (++counters.expansions % LOOK_EVERY === 0) this.look();
    if (depth >= this.options.maxDepth) {
      counters.depthCut = true;
      this.judge(s, false);
      return null;
    }
    let actions: Action[];
    try {
      actions = this.model.enabled(s);
    } catch (failure) {
      throw new StepFailed(s, null, failure);
    }
    if (actions.length === 0) {
      counters.terminalStates++;
      this.judge(s, true);
      return null;
    }
    return reducedOrAll(this.model, s, actions, this.options.por, (acts) => this.successors(s, acts), (reduced) => this.closesCycle(reduced, depth));
  }

  private successors(s: GlobalState, actions: readonly Action[]): Successors {
    const made = stepEach(this.model, s, actions, (p, a) => this.derive(p, a), this.key);
    this.counters.transitions += actions.length;
    return made;
  }

  /**
   * The BFS cycle proviso (search.ts): a reduced successor already seen at a
   * depth not greater than this state's. An entry whose depth is not written
   * yet was claimed in this level, one deeper: not a cycle.
   */
  private closesCycle(reduced: Successors, depth: number): boolean {
    for (let k = 0; k < reduced.states.length; k++) {
      const entry = this.visited.find(reduced.keys[2 * k] as number, reduced.keys[2 * k + 1] as number);
      if (entry < 0) continue;
      const seenAt = this.visited.depth(entry);
      if (seenAt !== null && seenAt <= depth) return true;
    }
    return false;
  }

  private judge(s: GlobalState, terminal: boolean): void {
    this.counters.pathsChecked++;
    const violation = checkPath(s.trail, terminal, this.model.promised) ?? (terminal ? this.replicasAtEnd(s) : null);
    if (violation !== null) throw new Found(violation, s.trail);
  }

  private replicasAtEnd(s: GlobalState): PathViolation | null {
    const message = replicaDisagreement(this.model.protocol, s);
    return message === null ? null : { property: REPLICAS_PROPERTY, message, events: [], step: s.trail.depth, liveness: true };
  }
}


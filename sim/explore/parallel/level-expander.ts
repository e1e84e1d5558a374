// One breadth-first level of the parallel search, over the shared visited
// set: the same expansion as search.ts's compact BFS (leaves judged;
// partial-order reduction with the BFS cycle proviso; the next level kept
// as (base, via, action), see Frontier), run by each worker on its share
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

/** After a hurried stop (time bound, Ctrl-C), frontier checks end after this long (search.ts's FRONTIER_CHECK_MS_AFTER_STOP). */
const FRONTIER_CHECK_MS_AFTER_STOP = 250;
/** Expansions between two calls of the `look` callback (stop flag, clock), as search.ts's CLOCK_EVERY. */
export const LOOK_EVERY = 16;

export { Found } from '../successors.ts';

/** A protocol (or model) error while stepping: the path to the parent and the action, for the coordinator to replay. */
export class StepFailed extends Error {
  constructor(readonly parent: GlobalState, readonly action: Action | null, readonly failure: unknown) {
    super('step failed');
  }
}

/**
 * A level as (base, via, action) triples: the entry's state is
 * step(step(base, via), action), or step(base, action) when via is null,
 * or the base itself when action is null too (the initial state).
 *
 * Why a base two steps up: keeping an entry's parent state for a whole
 * level is what makes the breadth-first search cost twice the depth-first
 * one (the parent survives the young generation's scavenges, is copied
 * twice and promoted, then marked and swept: about 13 CPU microseconds a
 * state against about 4 for a step; BENCHMARKS.md, "Explorer: worker-parallel
 * search", session 5). So every other level the next level's entries
 * name the base the current entry was stepped from, a state kept already,
 * and the current state dies young; its children's expansion steps it again,
 * once for all its children (consecutive entries share base and via).
 * While a level is expanded the bases of the entries done are dropped
 * (null), so a base whose entries are all expanded is garbage before the
 * level ends.
 */
export class Frontier {
  bases: (GlobalState | null)[] = [];
  vias: (Action | null)[] = [];
  actions: (Action | null)[] = [];

  get size(): number {
    return this.bases.length;
  }

  push(base: GlobalState, via: Action | null, action: Action | null): void {
    this.bases.push(base);
    this.vias.push(via);
    this.actions.push(action);
  }

  /** Entries from..to-1, as a new frontier. */
  slice(from: number, to: number): Frontier {
    const out = new Frontier();
    out.bases = this.bases.slice(from, to);
    out.vias = this.vias.slice(from, to);
    out.actions = this.actions.slice(from, to);
    return out;
  }

  /** Takes the last `count` entries out (siblings stay together, so they transfer cheaply). */
  takeLast(count: number): Frontier {
    const out = new Frontier();
    const from = Math.max(0, this.bases.length - count);
    out.bases = this.bases.splice(from);
    out.vias = this.vias.splice(from);
    out.actions = this.actions.splice(from);
    return out;
  }

  append(other: Frontier): void {
    for (let k = 0; k < other.size; k++) this.push(other.bases[k] as GlobalState, other.vias[k] ?? null, other.actions[k] ?? null);
  }
}

export interface LevelCounters {
  transitions: number;
  terminalStates: number;
  pathsChecked: number;
  maxDepthSeen: number;
  depthCut: boolean;
  expansions: number;
}

export class LevelExpander {
  readonly counters: LevelCounters = { transitions: 0, terminalStates: 0, pathsChecked: 0, maxDepthSeen: 0, depthCut: false, expansions: 0 };
  private readonly key = new Int32Array(2);
  /** The entry being expanded, and how far: read by the frontier check after a stop. */
  private current: Frontier | null = null;
  private at = 0;

  constructor(
    private readonly model: ExploreModel,
    private readonly options: { maxDepth: number; por: boolean },
    private readonly visited: SharedVisitedSet,
    /** Called every LOOK_EVERY expansions; throws (BoundHit) to stop. */
    private readonly look: () => void,
  ) {}

  /** The initial state, keyed and claimed (the coordinator does this, before any worker starts a level). */
  admitRoot(): GlobalState {
    const root = this.model.initial();
    this.model.key(root, this.key);
    this.visited.add(this.key[0] as number, this.key[1] as number, 0);
    return root;
  }

  /** Expands every entry of `level` (deriving its state), adding the new children to `next`; `level` is used up. */
  expandLevel(level: Frontier, next: Frontier): void {
    this.current = level;
    const bases = level.bases;
    // The parent stepped last from (base, via): consecutive entries are siblings.
    let lastBase: GlobalState | null = null;
    let lastVia: Action | null = null;
    let lastParent: GlobalState | null = null;
    for (this.at = 0; this.at < level.size; this.at++) {
      const base = bases[this.at] as GlobalState;
      const via = level.vias[this.at] ?? null;
      const action = level.actions[this.at] ?? null;
      let parent = base;
      if (via !== null) {
        if (base !== lastBase || via !== lastVia) {
          lastParent = this.derive(base, via);
          lastBase = base;
          lastVia = via;
        }
        parent = lastParent as GlobalState;
      }
      const s = action === null ? parent : this.derive(parent, action);
      bases[this.at] = null;
      // s's children: named from base when s's parent is base itself (s dies young), else from s (kept: the next base).
      if (via === null && action !== null) this.expandInto(s, base, action, next);
      else this.expandInto(s, s, null, next);
    }
    this.current = null;
  }

  /** An entry's state (for the frontier check after a stop). */
  private entryState(base: GlobalState, via: Action | null, action: Action | null): GlobalState {
    const parent = via === null ? base : this.derive(base, via);
    return action === null ? parent : this.derive(parent, action);
  }

  /** The states of the level being expanded not yet expanded, and `next`'s: for the frontier check after a stop. */
  private unexpanded(next: Frontier, limit: number): GlobalState[] {
    const out: GlobalState[] = [];
    const level = this.current;
    if (level !== null) {
      for (let k = this.at; k < level.size && out.length < limit; k++) {
        const base = level.bases[k];
        // The entry being expanded when the search stopped is already dropped (as search.ts's).
        if (base === null || base === undefined) continue;
        out.push(this.entryState(base, level.vias[k] ?? null, level.actions[k] ?? null));
      }
    }
    for (let k = 0; k < next.size && out.length < limit; k++) out.push(this.entryState(next.bases[k] as GlobalState, next.vias[k] ?? null, next.actions[k] ?? null));
    return out;
  }

  /**
   * After a stop or a bound, as search.ts does: judge (some of) the states
   * reached and not expanded, so a violation already reached is not lost;
   * briefly when the time bound or a stop request ended the search.
   */
  checkFrontier(next: Frontier, limit: number, hurry: boolean): Found | null {
    const until = hurry ? performance.now() + FRONTIER_CHECK_MS_AFTER_STOP : Infinity;
    let states: GlobalState[];
    try {
      states = this.unexpanded(next, limit);
    } catch {
      return null;
    }
    for (const s of states) {
      if (hurry && performance.now() > until) break;
      this.counters.pathsChecked++;
      const violation = checkPath(s.trail, false);
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

  /** Expands s; each new child by action a enters `next` as (base, via, a). */
  private expandInto(s: GlobalState, base: GlobalState, via: Action | null, next: Frontier): void {
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
      next.push(base, via, successors.actions[k] as Action);
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
    const violation = checkPath(s.trail, terminal) ?? (terminal ? this.replicasAtEnd(s) : null);
    if (violation !== null) throw new Found(violation, s.trail);
  }

  private replicasAtEnd(s: GlobalState): PathViolation | null {
    const message = replicaDisagreement(this.model.protocol, s);
    return message === null ? null : { property: REPLICAS_PROPERTY, message, events: [], step: s.trail.depth, liveness: true };
  }
}


// Breadth-first or depth-first search over global states, with the bounds
// that keep it finite (states, depth, memory, messages in flight) and the
// three-valued result: `ok` (the space is exhausted and nothing was found),
// `violated` (with the path), `unknown` (a bound was hit, named).
//
// Leaf checking: the path of a state is judged (check-path.ts) when the state
// turns out to be a leaf of the search tree: terminal, cut by the depth
// bound, or with no successor that was new. Every state lies on the tree
// path of some leaf, and a violation on a path prefix stays visible on the
// whole path, so every state's path is judged at O(depth) per leaf instead
// of per state. `checkEveryState` judges each state when first reached
// instead; BFS uses it to shorten a counterexample once one is known.
import { driveToEnd } from '../steps.ts';
import { BoundHit } from '../world.ts';
import type { Action } from './actions.ts';
import { checkPath, type PathViolation } from './check-path.ts';
import type { ExploreModel } from './model.ts';
import { REPLICAS_PROPERTY, replicaDisagreement } from './replicas.ts';
import type { GlobalState } from './state.ts';
import { VisitedSet } from './visited.ts';
import { SearchPacer } from './search-pacer.ts';
import { searchOutcome } from './search-outcome.ts';
import { Found, reducedOrAll, stepEach, type Successors } from './successors.ts';
import { actionName } from './independence.ts';
import * as sleepSets from './sleep-sets.ts';
import { SleepSets, type Revisit, type SleepPlan } from './sleep-sets.ts';
import { compactBfs, fullStateBfs, type BfsSearch, type KeepChild } from './search-bfs.ts';
import { DEFAULT_HANDLER_TIMEOUT_MS, SliceTimeout, stepsWithin } from '../handler-watchdog.ts';
import { BOUNDED_STRETCH_MS, hangInModel, hangSiteOf, stretchWithin } from './hang.ts';

import type { SearchOptions, SearchOutcome } from './search-types.ts';

export type { SearchOptions, SearchOutcome, SearchProgress, Strategy, Verdict } from './search-types.ts';

// Local bindings: under tsx (CommonJS) each use of an imported name is a getter call (state.ts says the same).
const childSleep = sleepSets.childSleep;
const choose = sleepSets.choose;
const NO_SLEEP = sleepSets.NO_SLEEP;

const ON_STACK = 1;
const OFF_STACK = 0;
/**
 * Expansions between two looks at the clock (time bound, progress, stop
 * request). One expansion is well under a millisecond on the shipped
 * configurations, so the search notices a bound or a stop request within
 * a few milliseconds; a look costs about 50 ns.
 */
const CLOCK_EVERY = 16;
/** After a bound, at most this many frontier states have their paths judged. */
const FRONTIER_CHECKS = 10_000;
/** ...and, after a time bound or a stop request, for at most this long (the caller asked to stop). */
const FRONTIER_CHECK_MS_AFTER_STOP = 250;



/** The whole search at once. */
export function search(model: ExploreModel, options: SearchOptions): SearchOutcome {
  return driveToEnd(searchSteps(model, options));
}

/**
 * The same search as a generator: it yields (nothing) about every
 * 25 ms of work (search-pacer.ts), so a driver (sim/steps.ts `driveYielding`) can give
 * the event loop a turn and a Ctrl-C handler can set what `shouldStop` reads.
 */
export function* searchSteps(model: ExploreModel, options: SearchOptions): Generator<void, SearchOutcome, void> {
  const search = new Search(model, options);
  const timeoutMs = options.handlerTimeoutMs === undefined ? DEFAULT_HANDLER_TIMEOUT_MS : options.handlerTimeoutMs;
  if (timeoutMs === null) return yield* search.run();
  // Stretches of search (some 100 ms, a few yields) each in one node:vm call: a handler that never returns ends the search (hang.ts).
  try {
    return yield* stepsWithin(timeoutMs, search.run(), stretchWithin(timeoutMs, BOUNDED_STRETCH_MS));
  } catch (caught) {
    if (!(caught instanceof SliceTimeout)) throw caught;
    throw hangInModel(model, hangSiteOf(caught), search.explored());
  }
}

class Search implements BfsSearch {
  private readonly visited: VisitedSet;
  private readonly key = new Int32Array(2);
  private transitions = 0;
  private maxDepthSeen = 0;
  private terminalStates = 0;
  private pathsChecked = 0;
  private depthCut = false;
  private expansions = 0;
  readonly pacer: SearchPacer;
  frontier: (limit: number) => GlobalState[] = () => [];
  queued: () => number = () => 0;
  /** With `sleepSets`: each state's sleep set, by a record index kept as its visited-table info (sleep-sets.ts). */
  readonly sleep: SleepSets | null;

  constructor(private readonly model: ExploreModel, private readonly options: SearchOptions) {
    this.visited = new VisitedSet(options.maxStates);
    if (options.sleepSets === true && options.por) throw new Error('search: sleep sets and ample sets are not combined (the visited table holds one or the other)');
    this.sleep = options.sleepSets === true ? new SleepSets() : null;
    this.pacer = new SearchPacer(options, () => ({
      states: this.visited.count,
      transitions: this.transitions,
      depth: this.maxDepthSeen,
      queued: this.queued(),
    }));
  }

  *run(): Generator<void, SearchOutcome, void> {
    let bound: string | null = null;
    let found: Found | null = null;
    try {
      if (this.options.strategy === 'dfs') yield* this.dfs();
      else if (this.options.compactFrontier === false) yield* fullStateBfs(this);
      else yield* compactBfs(this);
    } catch (caught) {
      if (caught instanceof Found) found = caught;
      else if (caught instanceof BoundHit) bound = caught.bound;
      else throw caught;
    }
    if (bound !== null) found = this.checkFrontier(bound === 'maxSeconds' || bound === 'interrupted');
    const counts = { transitions: this.transitions, terminalStates: this.terminalStates, pathsChecked: this.pathsChecked, maxDepthSeen: this.maxDepthSeen, depthCut: this.depthCut };
    return searchOutcome(found, bound, counts, this.visited.count, this.pacer);
  }

  /** What the search has done so far (a handler that never returned ends it: hang.ts). */
  explored(): { states: number; transitions: number; depth: number } {
    return { states: this.visited.count, transitions: this.transitions, depth: this.maxDepthSeen };
  }

  /** The initial state, keyed and marked visited (and judged when every state is). */
  admitRoot(): GlobalState {
    const root = this.model.initial();
    this.model.key(root, this.key);
    this.visited.add(this.key[0] as number, this.key[1] as number, this.sleep === null ? 0 : this.sleep.admit(NO_SLEEP));
    if (this.options.checkEveryState) this.judge(root, false);
    return root;
  }

  /** With sleep sets, how a frontier entry is expanded: its first expansion, or a revisit's; otherwise null. */
  planOf(record: number, revisit: Revisit | null): SleepPlan | null {
    if (this.sleep === null) return null;
    return revisit === null ? this.sleep.firstExpansion(record) : SleepSets.revisitPlan(revisit);
  }

  /**
   * Breadth first: expands `s` and hands each child not seen before to
   * `keep` (the two frontiers keep different things); a state with no new
   * child ends its paths here, so it is judged as a leaf.
   */
  admitSuccessors(s: GlobalState, keep: KeepChild, plan: SleepPlan | null): void {
    const successors = this.expand(s, plan);
    if (successors === null) return;
    let fresh = 0;
    const sleep = this.sleep;
    for (let k = 0; k < successors.states.length; k++) {
      const c = successors.states[k] as GlobalState;
      const inherited = plan === null ? NO_SLEEP : childSleep(plan, k);
      const entry = this.visited.add(successors.keys[2 * k] as number, successors.keys[2 * k + 1] as number, sleep === null ? c.trail.depth : sleep.nextRecord);
      if (entry < 0) {
        this.merging(c);
        const revisit = sleep === null ? null : sleep.arriveAgain(this.visited.info(-1 - entry), inherited);
        // Explored again from here, next level, for the actions asleep only on its earlier arrivals (sleep-sets.ts).
        if (revisit !== null) keep(c, s, successors.actions[k] as Action, this.visited.info(-1 - entry), revisit);
        continue;
      }
      fresh++;
      keep(c, s, successors.actions[k] as Action, sleep === null ? 0 : sleep.admit(inherited), null);
      if (this.options.checkEveryState) this.judge(c, false);
    }
    // A revisit's path reached a state seen before: merged (judged above when its order matters), not a leaf.
    if (fresh === 0 && !this.options.checkEveryState && (plan === null || plan.redo === null)) this.judge(s, false);
  }

  private *dfs(): Generator<void, void, void> {
    interface Frame {
      state: GlobalState;
      // The state's key, not its entry: the visited table moves every entry when it grows.
      keyA: number;
      keyB: number;
      successors: Successors | null;
      next: number;
      hadNew: boolean;
      /** With sleep sets: the state's record, and a revisit's plan (null: its first expansion). */
      record: number;
      plan: SleepPlan | null;
    }
    const sleep = this.sleep;
    const root = this.model.initial();
    this.model.key(root, this.key);
    this.visited.add(this.key[0] as number, this.key[1] as number, sleep === null ? ON_STACK : sleep.admit(NO_SLEEP));
    const stack: Frame[] = [{ state: root, keyA: this.key[0] as number, keyB: this.key[1] as number, successors: null, next: 0, hadNew: false, record: 0, plan: null }];
    // With sleep sets the entry's info is its record: no stack marks (they serve the ample sets' proviso only).
    const offStack = (f: Frame): void => {
      if (sleep === null) this.visited.setInfo(this.visited.find(f.keyA, f.keyB), OFF_STACK);
    };
    this.frontier = (limit) => stack.slice(0, limit).map((f) => f.state);
    this.queued = () => stack.length;
    if (this.options.checkEveryState) this.judge(root, false);
    while (stack.length > 0) {
      const f = stack[stack.length - 1] as Frame;
      if (f.successors === null) {
        if (this.pacer.yieldDue) {
          this.pacer.yielded();
          yield;
        }
        if (sleep !== null && f.plan === null) f.plan = sleep.firstExpansion(f.record);
        const successors = this.expand(f.state, f.plan);
        if (successors === null) {
          offStack(f);
          stack.pop();
          continue;
        }
        f.successors = successors;
      }
      const successors = f.successors;
      if (f.next < successors.states.length) {
        const k = f.next++;
        const c = successors.states[k] as GlobalState;
        const inherited = f.plan === null ? NO_SLEEP : childSleep(f.plan, k);
        const entry = this.visited.add(successors.keys[2 * k] as number, successors.keys[2 * k + 1] as number, sleep === null ? ON_STACK : sleep.nextRecord);
        if (entry < 0) {
          this.merging(c);
          const record = sleep === null ? 0 : this.visited.info(-1 - entry);
          const revisit = sleep === null ? null : sleep.arriveAgain(record, inherited);
          // Explored again from here for the actions asleep only on its earlier arrivals (sleep-sets.ts).
          if (revisit !== null) stack.push({ state: c, keyA: successors.keys[2 * k] as number, keyB: successors.keys[2 * k + 1] as number, successors: null, next: 0, hadNew: false, record, plan: SleepSets.revisitPlan(revisit) });
          continue;
        }
        f.hadNew = true;
        if (this.options.checkEveryState) this.judge(c, false);
        const record = sleep === null ? 0 : sleep.admit(inherited);
        stack.push({ state: c, keyA: successors.keys[2 * k] as number, keyB: successors.keys[2 * k + 1] as number, successors: null, next: 0, hadNew: false, record, plan: null });
        continue;
      }
      // A revisit's path reached a state seen before: merged (judged above when its order matters), not a leaf.
      if (!f.hadNew && !this.options.checkEveryState && (f.plan === null || f.plan.redo === null)) this.judge(f.state, false);
      offStack(f);
      stack.pop();
    }
  }

  /**
   * The successors of `s` with their keys, or null when `s` is a leaf by
   * itself (terminal or at the depth bound; its path is judged here).
   */
  private expand(s: GlobalState, plan: SleepPlan | null): Successors | null {
    const depth = s.trail.depth;
    if (depth > this.maxDepthSeen) this.maxDepthSeen = depth;
    if (++this.expansions % CLOCK_EVERY === 0) this.pacer.look();
    if (depth >= this.options.maxDepth) {
      this.depthCut = true;
      if (!this.options.checkEveryState) this.judge(s, false);
      return null;
    }
    const actions = this.model.enabled(s);
    if (actions.length === 0) {
      this.terminalStates++;
      this.judge(s, true);
      return null;
    }
    if (plan !== null) return this.successors(s, choose(actions, actions.map((a) => actionName(s, a)), plan));
    return reducedOrAll(this.model, s, actions, this.options.por, (acts) => this.successors(s, acts), (reduced) => this.closesCycle(reduced, depth));
  }

  private successors(s: GlobalState, actions: readonly Action[]): Successors {
    const made = stepEach(this.model, s, actions, (p, a) => this.stepOrExplain(p, a), this.key);
    this.transitions += actions.length;
    return made;
  }

  /** One step; a protocol that throws is reported with the path that made it throw. */
  stepOrExplain(s: GlobalState, a: Action): GlobalState {
    try {
      return this.model.step(s, a);
    } catch (error) {
      if (error instanceof BoundHit || !(error instanceof Error) || error.name === 'InputError') throw error;
      const path = [...this.model.choicesTo(s.trail), this.model.label(s, a)];
      throw new Error(`${error.message} (path: ${JSON.stringify(path)})`, { cause: error });
    }
  }

  /**
   * The cycle proviso: a reduced expansion must not lead back into a cycle,
   * or an action could be postponed forever. BFS: a successor already seen
   * at a depth not greater than this state's (every cycle has such an edge).
   * DFS: a successor on the search stack.
   */
  private closesCycle(reduced: Successors, depth: number): boolean {
    for (let k = 0; k < reduced.states.length; k++) {
      const entry = this.visited.find(reduced.keys[2 * k] as number, reduced.keys[2 * k + 1] as number);
      if (entry < 0) continue;
      const info = this.visited.info(entry);
      if (this.options.strategy === 'bfs' ? info <= depth : info === ON_STACK) return true;
    }
    return false;
  }

  /**
   * A path that reaches a state already seen is dropped; if its last step
   * delivered several messages in a row, their order is not in the key
   * (history.ts), so that path is judged now. (A new state's path is judged
   * with the leaves.)
   */
  private merging(c: GlobalState): void {
    if (c.orderedRun) this.judge(c, false);
  }

  private judge(s: GlobalState, terminal: boolean): void {
    this.pathsChecked++;
    const violation = checkPath(s.trail, terminal, this.model.promised) ?? (terminal ? this.replicasAtEnd(s) : null);
    if (violation !== null) throw new Found(violation, s.trail);
  }

  /** A terminal state whose live replicas differ (replicas.ts). */
  private replicasAtEnd(s: GlobalState): PathViolation | null {
    const message = replicaDisagreement(this.model.protocol, s);
    return message === null ? null : { property: REPLICAS_PROPERTY, message, events: [], step: s.trail.depth, liveness: true };
  }

  /**
   * After a bound: judge (some of) the states not yet expanded, so a
   * violation already reached is not lost; briefly when the bound was the
   * time or a stop request.
   */
  private checkFrontier(hurry: boolean): Found | null {
    const states = this.frontier(FRONTIER_CHECKS);
    const until = hurry ? this.pacer.nowMs() + FRONTIER_CHECK_MS_AFTER_STOP : Infinity;
    for (const s of states) {
      if (hurry && this.pacer.nowMs() > until) break;
      this.pathsChecked++;
      const violation = checkPath(s.trail, false, this.model.promised);
      if (violation !== null) return new Found(violation, s.trail);
    }
    return null;
  }
}

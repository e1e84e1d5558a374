// The two frontiers of the sequential breadth-first search (search.ts):
// whole child states, level by level (`compactFrontier` false: the old
// frontier, kept for bench/explore-frontier.ts), or (parent, action) pairs
// whose child is stepped again when its turn comes (the default). Both
// expand each entry with the search's admitSuccessors and yield when its
// pacer says a yield is due.
import type { Action } from './actions.ts';
import type { SearchPacer } from './search-pacer.ts';
import type { Revisit, SleepPlan, SleepSets } from './sleep-sets.ts';
import type { GlobalState } from './state.ts';

/** What a child is kept as: the child, or its parent and action, with its sleep record and revisit (sleep-sets.ts). */
export type KeepChild = (child: GlobalState, parent: GlobalState, action: Action, record: number, revisit: Revisit | null) => void;

/** The search as its breadth-first frontiers use it. */
export interface BfsSearch {
  readonly pacer: SearchPacer;
  readonly sleep: SleepSets | null;
  /** Up to `limit` states reached and not expanded (the frontier check after a bound). */
  frontier: (limit: number) => GlobalState[];
  /** How many entries wait (progress lines). */
  queued: () => number;
  admitRoot(): GlobalState;
  planOf(record: number, revisit: Revisit | null): SleepPlan | null;
  admitSuccessors(s: GlobalState, keep: KeepChild, plan: SleepPlan | null): void;
  stepOrExplain(s: GlobalState, a: Action): GlobalState;
}

export function* fullStateBfs(search: BfsSearch): Generator<void, void, void> {
  const root = search.admitRoot();
  let level: (GlobalState | undefined)[] = [root];
  let next: GlobalState[] = [];
  // With sleep sets: each entry's record, and what a revisit explores (null: a first expansion).
  let records: number[] = [0];
  let revisits: (Revisit | null)[] = [null];
  let nextRecords: number[] = [];
  let nextRevisits: (Revisit | null)[] = [];
  let at = 0;
  search.frontier = (limit) => [...level.slice(at).filter((s): s is GlobalState => s !== undefined), ...next].slice(0, limit);
  search.queued = () => level.length - at + next.length;
  const keepChild = (child: GlobalState, _parent: GlobalState, _action: Action, record: number, revisit: Revisit | null): void => {
    next.push(child);
    if (search.sleep === null) return;
    nextRecords.push(record);
    nextRevisits.push(revisit);
  };
  while (level.length > 0) {
    for (at = 0; at < level.length; at++) {
      const s = level[at] as GlobalState;
      level[at] = undefined;
      if (search.pacer.yieldDue) {
        search.pacer.yielded();
        yield;
      }
      search.admitSuccessors(s, keepChild, search.planOf(records[at] as number, revisits[at] ?? null));
    }
    level = next;
    next = [];
    records = nextRecords;
    revisits = nextRevisits;
    nextRecords = [];
    nextRevisits = [];
  }
}

/**
 * BFS with a compact frontier: a fresh child is stepped to get its key and
 * then dropped; the next level keeps only its parent and the action, and
 * the child is stepped again when its turn comes (steps are
 * deterministic, so it is the same state). The frontier then holds the
 * parents, fewer than their children and shared by them, and the
 * children made only for their keys die young.
 */
export function* compactBfs(search: BfsSearch): Generator<void, void, void> {
  const root = search.admitRoot();
  let parents: (GlobalState | null)[] = [root];
  let actions: (Action | null)[] = [null];
  let nextParents: GlobalState[] = [];
  let nextActions: Action[] = [];
  // With sleep sets: each entry's record, and what a revisit explores (null: a first expansion).
  let records: number[] = [0];
  let revisits: (Revisit | null)[] = [null];
  let nextRecords: number[] = [];
  let nextRevisits: (Revisit | null)[] = [];
  let at = 0;
  const derive = (parent: GlobalState, action: Action | null): GlobalState => (action === null ? parent : search.stepOrExplain(parent, action));
  search.frontier = (limit) => {
    const out: GlobalState[] = [];
    for (let k = at; k < parents.length && out.length < limit; k++) {
      const parent = parents[k];
      if (parent !== null && parent !== undefined) out.push(derive(parent, actions[k] ?? null));
    }
    for (let k = 0; k < nextParents.length && out.length < limit; k++) out.push(derive(nextParents[k] as GlobalState, nextActions[k] as Action));
    return out;
  };
  search.queued = () => parents.length - at + nextParents.length;
  const keepParentAndAction = (_child: GlobalState, parent: GlobalState, action: Action, record: number, revisit: Revisit | null): void => {
    nextParents.push(parent);
    nextActions.push(action);
    if (search.sleep === null) return;
    nextRecords.push(record);
    nextRevisits.push(revisit);
  };
  while (parents.length > 0) {
    for (at = 0; at < parents.length; at++) {
      const s = derive(parents[at] as GlobalState, actions[at] ?? null);
      parents[at] = null;
      actions[at] = null;
      if (search.pacer.yieldDue) {
        search.pacer.yielded();
        yield;
      }
      search.admitSuccessors(s, keepParentAndAction, search.planOf(records[at] as number, revisits[at] ?? null));
    }
    parents = nextParents;
    actions = nextActions;
    nextParents = [];
    nextActions = [];
    records = nextRecords;
    revisits = nextRevisits;
    nextRecords = [];
    nextRevisits = [];
  }
}

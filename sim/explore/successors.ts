// One breadth-first expansion step, shared by the sequential search
// (search.ts) and the worker-parallel one (parallel/level-expander.ts), so
// the two cannot drift apart: the partial-order reduction's ample set with
// its cycle proviso, and for each action the successor, the symmetry
// reduction's renamed-order check, and the successor's key.
import type { Action } from './actions.ts';
import type { PathViolation } from './check-path.ts';
import type { ExploreModel } from './model.ts';
import { ampleSet } from './por.ts';
import type { GlobalState, Trail } from './state.ts';

/** A violation found on the path to `trail`. */
export class Found extends Error {
  constructor(readonly violation: PathViolation, readonly trail: Trail) {
    super('violation found');
  }
}

export interface Successors {
  states: GlobalState[];
  /** Two lanes per state. */
  keys: number[];
  /** The action that made each state. */
  actions: readonly Action[];
}

/**
 * The successors of `s` by `actions`, each made by `step` and keyed into
 * `key` (scratch, two lanes). Under --symmetry a step that delivers several
 * messages is re-run in every renamed world, whose delivery order may
 * differ: a violation there is thrown as `Found`.
 */
export function stepEach(model: ExploreModel, s: GlobalState, actions: readonly Action[], step: (s: GlobalState, a: Action) => GlobalState, key: Int32Array): Successors {
  const states: GlobalState[] = new Array<GlobalState>(actions.length);
  const keys: number[] = new Array<number>(2 * actions.length);
  for (let k = 0; k < actions.length; k++) {
    const a = actions[k] as Action;
    const c = step(s, a);
    const renamed = model.checkRenamedOrders(s, a, c);
    if (renamed !== null) throw new Found(renamed.violation, renamed.trail);
    model.key(c, key);
    keys[2 * k] = key[0] as number;
    keys[2 * k + 1] = key[1] as number;
    states[k] = c;
  }
  return { states, keys, actions };
}

/**
 * With `por`, the ample set's successors unless one of them closes a cycle
 * (`closesCycle`, the BFS proviso); otherwise every action's.
 */
export function reducedOrAll(model: ExploreModel, s: GlobalState, actions: readonly Action[], por: boolean, successors: (actions: readonly Action[]) => Successors, closesCycle: (reduced: Successors) => boolean): Successors {
  const ample = por ? ampleSet(s, actions, model.config, model.symmetric ? (t) => model.canonicalRanks(t) : null) : null;
  if (ample !== null) {
    const reduced = successors(ample);
    if (!closesCycle(reduced)) return reduced;
  }
  return successors(actions);
}

// The search's breadth-first expansion, level by level, for the benchmarks
// that look inside the levels (levels.ts sizes them, state-split.ts
// projects their states): successors.ts's reduced-or-all step with the BFS
// cycle proviso (a reduced state is expanded in full when a successor was
// already seen at a depth not greater than its own), as search.ts does.
import type { ExploreModel } from '../../sim/explore/model.ts';
import type { GlobalState } from '../../sim/explore/state.ts';
import { reducedOrAll, stepEach } from '../../sim/explore/successors.ts';
import { VisitedSet } from '../../sim/explore/visited.ts';

export interface LevelVisitor {
  /** Each state seen for the first time, the initial one (depth 0) included. */
  onNew(state: GlobalState, depth: number): void;
  /** A state with no enabled action. */
  onTerminal?(state: GlobalState): void;
  /** After each level: its depth (from 1), its new states, all states so far. */
  afterLevel?(depth: number, newStates: number, allStates: number): void;
}

/** Expands level by level until a level adds nothing or the states pass maxStates (the level that passes is finished); the number of states. */
export function bfsLevels(model: ExploreModel, por: boolean, maxStates: number, visitor: LevelVisitor): number {
  const visited = new VisitedSet(Number.MAX_SAFE_INTEGER);
  const key = new Int32Array(2);
  const root = model.initial();
  model.key(root, key);
  visited.add(key[0] as number, key[1] as number, 0);
  visitor.onNew(root, 0);
  let level: GlobalState[] = [root];
  for (let depth = 0; level.length > 0 && visited.count < maxStates; depth++) {
    const next: GlobalState[] = [];
    const closesCycle = (keys: readonly number[], n: number): boolean => {
      for (let k = 0; k < n; k++) {
        const entry = visited.find(keys[2 * k] as number, keys[2 * k + 1] as number);
        if (entry >= 0 && visited.info(entry) <= depth) return true;
      }
      return false;
    };
    for (const s of level) {
      const actions = model.enabled(s);
      if (actions.length === 0) {
        visitor.onTerminal?.(s);
        continue;
      }
      const made = reducedOrAll(model, s, actions, por, (acts) => stepEach(model, s, acts, (p, a) => model.step(p, a), key), (r) => closesCycle(r.keys, r.states.length));
      for (let k = 0; k < made.states.length; k++) {
        if (visited.add(made.keys[2 * k] as number, made.keys[2 * k + 1] as number, depth + 1) >= 0) {
          next.push(made.states[k] as GlobalState);
          visitor.onNew(made.states[k] as GlobalState, depth + 1);
        }
      }
    }
    visitor.afterLevel?.(depth + 1, next.length, visited.count);
    level = next;
  }
  return visited.count;
}

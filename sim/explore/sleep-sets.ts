// Sleep sets with state caching (Godefroid 1996, "Partial-Order Methods for
// the Verification of Concurrent Systems", ch. 5): a dynamic reduction that
// needs only the pairwise independence relation (independence.ts), so it
// works on the full stack with timers and receipts that send, where an
// ample set is not sound (docs/explore.md).
//
// A state's sleep set holds actions whose successors are known to be
// reached along another interleaving: when a state explores t after t1 ..
// tk, the child by t inherits those of t1 .. tk (and of its own sleep set)
// that are independent of t, since from the child, ti leads to the state
// that ti then t leads to, explored from ti's branch. Sleeping actions are
// not stepped, so transitions (successor computations, hashing, look-ups)
// are saved; every reachable state is still visited, so the states and the
// verdict are those of the search without them.
//
// With a visited table, a state met again may have been explored with a
// sleep set Z1 larger than the one it is reached with now, Z2: the actions
// of Z1 \ Z2 were skipped on the strength of the first path only, so they
// are explored now, and the state keeps Z1 ∩ Z2 for its next arrival
// (Godefroid's algorithm for state caching). Breadth first, a state reached
// again before its expansion just keeps the intersection, and its expansion
// uses that.
//
// Each state's sleep set is kept by a record index stored in the visited
// table's per-entry integer (the one the ample sets' cycle proviso uses for
// depths or stack marks: the two reductions are not combined).
import * as independence from './independence.ts';

// Local bindings: under tsx (CommonJS) each use of an imported name is a getter call (state.ts says the same).
const GLOBAL_ACTION = independence.GLOBAL_ACTION;
const independent = independence.independent;

export const NO_SLEEP: readonly number[] = Object.freeze([]);

/** What a state reached again must explore now, and the sleep set its children start from. */
export interface Revisit {
  /** Names (independence.ts) of the actions to explore now: those asleep at the earlier arrivals only. */
  readonly redo: readonly number[];
  /** The sleep set the state keeps from now on (the intersection of its arrivals). */
  readonly sleep: readonly number[];
}

/** How one expansion chooses its actions and what its children inherit. */
export interface SleepPlan {
  /** The sleep set, grown by each action explored (the next children inherit from it). */
  readonly running: number[];
  /** Null: every enabled action not asleep; otherwise only these (a revisit). */
  readonly redo: readonly number[] | null;
  /** The names of the actions chosen, in their order (filled by `choose`). */
  names: number[];
}

export class SleepSets {
  private readonly stored: (readonly number[])[] = [];
  private expanded = new Uint8Array(1024);

  /** The record a state admitted next gets (its visited-table info). */
  get nextRecord(): number {
    return this.stored.length;
  }

  /** A new state reached with `sleep`: returns its record. */
  admit(sleep: readonly number[]): number {
    const record = this.stored.length;
    this.stored.push(sleep.length === 0 ? NO_SLEEP : sleep);
    if (record >= this.expanded.length) {
      const grown = new Uint8Array(this.expanded.length * 2);
      grown.set(this.expanded);
      this.expanded = grown;
    }
    return record;
  }

  /** The plan of a state's first expansion: the intersection of its arrivals so far; later arrivals are revisits. */
  firstExpansion(record: number): SleepPlan {
    this.expanded[record] = 1;
    return { running: (this.stored[record] as readonly number[]).slice(), redo: null, names: [] };
  }

  /** The plan of a revisit. */
  static revisitPlan(revisit: Revisit): SleepPlan {
    return { running: revisit.sleep.slice(), redo: revisit.redo, names: [] };
  }

  /**
   * A state seen before (`record`) is reached again with `sleep`. Null when
   * nothing is left to explore from it now; otherwise what to explore.
   */
  arriveAgain(record: number, sleep: readonly number[]): Revisit | null {
    const stored = this.stored[record] as readonly number[];
    if (stored.length === 0) return null;
    const kept = stored.filter((name) => sleep.includes(name));
    if (kept.length !== stored.length) this.stored[record] = kept.length === 0 ? NO_SLEEP : kept;
    if (this.expanded[record] === 0) return null;
    const redo = stored.filter((name) => !sleep.includes(name));
    return redo.length === 0 ? null : { redo, sleep: kept };
  }
}

/**
 * The actions of `enabled` (named `names`) that `plan` explores: the ones
 * not asleep, or on a revisit the ones to redo. Fills `plan.names`.
 */
export function choose<A>(enabled: readonly A[], names: readonly number[], plan: SleepPlan): A[] {
  const chosen: A[] = [];
  const chosenNames: number[] = [];
  const redo = plan.redo;
  for (let k = 0; k < enabled.length; k++) {
    const name = names[k] as number;
    const take = redo === null ? name === GLOBAL_ACTION || !plan.running.includes(name) : name !== GLOBAL_ACTION && redo.includes(name);
    if (!take) continue;
    chosen.push(enabled[k] as A);
    chosenNames.push(name);
  }
  plan.names = chosenNames;
  return chosen;
}

/**
 * The sleep set of the child by the plan's `k`-th chosen action: the
 * running set's actions independent of it. Then the action itself joins the
 * running set for the later children (a global one never would be
 * independent of theirs, so it is left out).
 */
export function childSleep(plan: SleepPlan, k: number): readonly number[] {
  const name = plan.names[k] as number;
  let out: number[] | null = null;
  if (name !== GLOBAL_ACTION) {
    for (const asleep of plan.running) {
      if (!independent(asleep, name)) continue;
      (out ??= []).push(asleep);
    }
    plan.running.push(name);
  }
  return out ?? NO_SLEEP;
}

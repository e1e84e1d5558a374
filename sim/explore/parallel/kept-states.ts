// The states a worker keeps for the entries of its next level, when keeping
// them is cheaper than stepping their paths again (frontier.ts keeps only
// paths). Stepping an entry's path again costs a step (about 1.6 CPU µs
// on cbcast-3x2, measured alone) for every state of its path not shared
// with the entry before it; keeping its state costs about 10 to 20 µs
// (a state of some 3.5 KB that survives the young generation's
// scavenges, then is promoted and marked: BENCHMARKS.md, sessions 6 and
// 8). In the wide middle levels neighbouring entries share all but one to
// three steps, so paths win by far; only in the last, small levels of a
// search, where an entry's path is stepped again from eight or more
// steps up, does keeping break even or win (BENCHMARKS.md, "Session 8:
// the deep levels").
//
// So the choice is made level by level from what the last level that was
// stepped cost (KeepPolicy), and what is kept is capped (a number of
// states per worker, from --max-memory-mb): past the cap, the children are
// kept as paths, as before. A kept state is the child the worker stepped
// when it claimed it, so keeping takes no step; it is taken out when its
// entry is expanded (or given to another worker, which receives a path),
// so at most the cap is held at any time.
import type { GlobalState } from '../state.ts';

/** The kept states of a worker's levels, by (depth, lineage record). */
export class KeptStates {
  private readonly byDepth: (Map<number, GlobalState> | undefined)[] = [];
  private held = 0;

  constructor(
    /** States held at most (0: keep none). */
    readonly cap: number,
  ) {}

  /** States held now. */
  get size(): number {
    return this.held;
  }

  get full(): boolean {
    return this.held >= this.cap;
  }

  /** Keeps `s` for record `record` of level `depth`; false (not kept) past the cap. */
  keep(depth: number, record: number, s: GlobalState): boolean {
    if (this.held >= this.cap) return false;
    let level = this.byDepth[depth];
    if (level === undefined) {
      level = new Map();
      this.byDepth[depth] = level;
    }
    level.set(record, s);
    this.held++;
    return true;
  }

  /** The kept state of a record, taken out (its entry is being expanded), or undefined. */
  take(depth: number, record: number): GlobalState | undefined {
    const level = this.byDepth[depth];
    if (level === undefined) return undefined;
    const s = level.get(record);
    if (s !== undefined) {
      level.delete(record);
      this.held--;
    }
    return s;
  }

  /** The kept state of a record, left in (the frontier check after a stop). */
  peek(depth: number, record: number): GlobalState | undefined {
    return this.byDepth[depth]?.get(record);
  }

  /** Drops every state kept for levels above `depth` (whatever was not expanded there went to another worker). */
  dropAbove(depth: number): void {
    for (let d = 0; d < depth && d < this.byDepth.length; d++) {
      const level = this.byDepth[d];
      if (level === undefined) continue;
      this.held -= level.size;
      this.byDepth[d] = undefined;
    }
  }
}

/** Below this many steps taken again per entry, a level's children are kept as paths (about where 1.6 µs a step meets 10 to 20 µs a kept state). */
export const KEEP_ABOVE_STEPS_PER_ENTRY = 8;
/** A level with fewer entries stepped than this says too little: the last choice stands. */
const MIN_STEPPED_ENTRIES = 64;

/**
 * Whether the children of the level being expanded are kept as states:
 * yes once the last level whose entries were stepped took at least
 * `aboveStepsPerEntry` steps per entry stepped. Levels only shrink at the
 * end of a search, where this turns on, so it is not turned off again by
 * a level whose entries were all kept (it stepped none); a level stepped
 * again (past the cap, or given entries) updates the figure.
 */
export class KeepPolicy {
  private stepsPerEntry = 0;

  constructor(readonly aboveStepsPerEntry: number) {}

  get keeping(): boolean {
    return this.stepsPerEntry >= this.aboveStepsPerEntry;
  }

  /** After a level: how many of its entries were stepped again, and the steps that took. */
  levelDone(steppedEntries: number, steps: number): void {
    if (steppedEntries >= MIN_STEPPED_ENTRIES) this.stepsPerEntry = steps / steppedEntries;
  }
}

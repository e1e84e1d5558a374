// What a worker of the parallel search keeps between levels: not states,
// but paths. Every state it claimed is a record of its Lineage (the record
// of its parent on the level above, and the action from it), and a level's
// entries are record numbers (Frontier). The level expander (level-expander.ts)
// steps each entry's path again from the initial state, sharing the steps of
// common prefixes, so no state outlives the expansion that needs it.
//
// Why paths, not states: a state kept for a level survives the young
// generation's scavenges (copied twice, then promoted and marked): about
// 11 CPU microseconds a kept state, against about 2.3 for stepping it again
// (BENCHMARKS.md, "Explorer: worker-parallel search", session 6). Keeping
// no state at all, and stepping every level's paths from the initial state,
// measured cheaper in all than keeping every other level's states (session
// 5's (base, via, action) frontier) and far cheaper than keeping each
// level's states. The exception is the last levels of a search, where an
// entry shares few steps with its neighbour and is stepped again from far
// up: there a worker keeps the states as well (kept-states.ts, session 8).
//
// The parent numbers and the actions live in Int32Arrays, which the garbage
// collector does not trace: an action is kept as its code (action-codes.ts),
// so a state reached costs the lineage 8 bytes (16 just after an array
// doubled) and no object. Kept as the objects `enabled` made, the actions
// were 48 bytes of old generation a state that every full collection
// marked: on cbcast-3x3 the live heap, and with it the collector's work,
// grew with every state (BENCHMARKS.md, "Session 7: memory per state on
// cbcast-3x3").
import type { Action } from '../actions.ts';
import { ActionCodes } from './action-codes.ts';

/** A growable list of 32-bit integers. */
export class IntList {
  private data: Int32Array;
  size = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  get(k: number): number {
    return this.data[k] as number;
  }

  /** Bytes held (the capacity, not the size). */
  get bytes(): number {
    return this.data.byteLength;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const bigger = new Int32Array(2 * this.data.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.size++] = value;
  }

  /** Entries from..to-1, as a new list. */
  slice(from: number, to: number): IntList {
    const out = new IntList(to - from);
    out.data.set(this.data.subarray(from, to));
    out.size = Math.max(0, to - from);
    return out;
  }

  /** Takes the last `count` entries out. */
  takeLast(count: number): IntList {
    const from = Math.max(0, this.size - count);
    const out = this.slice(from, this.size);
    this.size = from;
    return out;
  }
}

/** The record of the initial state: level 0 holds it alone. */
export const ROOT_RECORD = 0;

/**
 * Every state reached, as (parent record, action code) per level. A record
 * is never removed: a path's records stay valid for the whole search (8
 * bytes a state).
 */
export class Lineage {
  private readonly parents: IntList[] = [new IntList(1)];
  private readonly actions: IntList[] = [new IntList(1)];
  private readonly codes = new ActionCodes();

  constructor() {
    (this.parents[0] as IntList).push(-1);
    (this.actions[0] as IntList).push(-1);
  }

  /** Adds the state reached from `parent` (a record of level depth - 1) by `action`; returns its record. */
  add(depth: number, parent: number, action: Action): number {
    if (depth < 1 || depth > this.parents.length) throw new Error(`Lineage.add: level ${depth} after ${this.parents.length - 1} levels`);
    if (depth === this.parents.length) {
      this.parents.push(new IntList());
      this.actions.push(new IntList());
    }
    const parents = this.parents[depth] as IntList;
    parents.push(parent);
    (this.actions[depth] as IntList).push(this.codes.code(action));
    return parents.size - 1;
  }

  parentOf(depth: number, record: number): number {
    return (this.parents[depth] as IntList).get(record);
  }

  /** The action (one object shared by every record of an equal action: never to be modified). */
  actionOf(depth: number, record: number): Action {
    return this.codes.action((this.actions[depth] as IntList).get(record));
  }

  /** Bytes of the arrays the records live in (their capacity), for diagnostics. */
  get bytes(): number {
    let bytes = 0;
    for (const list of this.parents) bytes += list.bytes;
    for (const list of this.actions) bytes += list.bytes;
    return bytes;
  }

  /** The actions from the initial state to a record. */
  path(depth: number, record: number): Action[] {
    const out = new Array<Action>(depth);
    for (let d = depth, r = record; d > 0; r = this.parentOf(d, r), d--) out[d - 1] = this.actionOf(d, r);
    return out;
  }
}

/** One level's entries: records of `depth` in a Lineage. */
export class Frontier {
  entries = new IntList();

  constructor(readonly depth: number) {}

  get size(): number {
    return this.entries.size;
  }

  record(k: number): number {
    return this.entries.get(k);
  }

  push(record: number): void {
    this.entries.push(record);
  }

  /** Entries from..to-1, as a new frontier. */
  slice(from: number, to: number): Frontier {
    const out = new Frontier(this.depth);
    out.entries = this.entries.slice(from, to);
    return out;
  }

  /** Takes the last `count` entries out (cousins stay together, so they share their paths when they travel). */
  takeLast(count: number): Frontier {
    const out = new Frontier(this.depth);
    out.entries = this.entries.takeLast(count);
    return out;
  }
}

// Moving frontier entries between threads. A state cannot be shared between
// threads (each worker has its own heap), but it is a deterministic function
// of its path, and an entry is a path already (frontier.ts): it travels as
// its path, and the receiver adds the path to its own lineage, to be
// stepped with its own entries. The paths of a batch share their prefixes
// (entries taken together are mostly siblings and cousins), so a batch is a
// tree of steps from the initial state.
import type { Action } from '../actions.ts';
import type { ExploreModel } from '../model.ts';
import type { GlobalState, Trail } from '../state.ts';
import { Frontier, Lineage, ROOT_RECORD } from './frontier.ts';

/** Entries as a tree of steps from the initial state (node 0); structured-cloned between threads. */
export interface FrontierBatch {
  /** Per node after the first: the index of its parent node (always smaller). */
  nodeParents: number[];
  /** Per node after the first: the action from its parent. */
  nodeActions: Action[];
  /** Per entry: its node (every entry is as deep as the frontier's level). */
  entryNodes: number[];
}

/** The entries of `frontier`, records of `lineage`, as a tree of steps. */
export function encodeFrontier(lineage: Lineage, frontier: Frontier): FrontierBatch {
  const batch: FrontierBatch = { nodeParents: [], nodeActions: [], entryNodes: [] };
  // Per level, the node of each record already in the tree.
  const nodes: Map<number, number>[] = [new Map([[ROOT_RECORD, 0]])];
  for (let d = 1; d <= frontier.depth; d++) nodes.push(new Map());
  const pending: number[] = [];
  for (let k = 0; k < frontier.size; k++) {
    // Walk up to the first record already in the tree (the initial state is), then add the steps below it, top down.
    let d = frontier.depth;
    let r = frontier.record(k);
    while (!(nodes[d] as Map<number, number>).has(r)) {
      pending.push(r);
      r = lineage.parentOf(d, r);
      d--;
    }
    let above = (nodes[d] as Map<number, number>).get(r) as number;
    for (let j = pending.length - 1; j >= 0; j--) {
      d++;
      const step = pending[j] as number;
      batch.nodeParents.push(above);
      batch.nodeActions.push(lineage.actionOf(d, step));
      above = batch.nodeParents.length;
      (nodes[d] as Map<number, number>).set(step, above);
    }
    pending.length = 0;
    batch.entryNodes.push(above);
  }
  return batch;
}

/** Adds a batch's paths to `lineage` and its entries to `into` (of the entries' level). */
export function decodeFrontier(batch: FrontierBatch, lineage: Lineage, into: Frontier): void {
  const depths: number[] = [0];
  const records: number[] = [ROOT_RECORD];
  for (let n = 0; n < batch.nodeParents.length; n++) {
    const parent = batch.nodeParents[n] as number;
    const depth = (depths[parent] as number) + 1;
    depths.push(depth);
    records.push(lineage.add(depth, records[parent] as number, batch.nodeActions[n] as Action));
  }
  for (const node of batch.entryNodes) {
    if (depths[node] !== into.depth) throw new Error(`decodeFrontier: an entry of level ${depths[node]} for level ${into.depth}`);
    into.push(records[node] as number);
  }
}

/** The actions from the initial state to `trail`, for a path sent to the coordinator. */
export function pathActions(trail: Trail): Action[] {
  const out: Action[] = [];
  for (let at: Trail | null = trail; at !== null && at.prev !== null; at = at.prev) out.push(at.action as Action);
  return out.reverse();
}

/** Steps `actions` from the initial state. */
export function replayPath(model: ExploreModel, actions: readonly Action[]): GlobalState {
  let s = model.initial();
  for (const a of actions) s = model.step(s, a);
  return s;
}

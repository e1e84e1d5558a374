// Moving frontier entries between threads. A state cannot be shared between
// threads (each worker has its own heap), but it is a deterministic function
// of its path: an entry travels as the path to its parent plus its action,
// and the receiver steps the path again. The paths of a batch share their
// prefixes (entries taken together are mostly siblings and cousins), so a
// batch is a tree of steps, each stepped once on arrival.
import type { Action } from '../actions.ts';
import type { ExploreModel } from '../model.ts';
import type { GlobalState, Trail } from '../state.ts';
import { Frontier } from './level-expander.ts';

/** Entries as a tree of steps from the initial state (node 0); structured-cloned between threads. */
export interface FrontierBatch {
  /** Per node after the first: the index of its parent node (always smaller). */
  nodeParents: number[];
  /** Per node after the first: the action from its parent. */
  nodeActions: Action[];
  /** Per entry: the node of its parent state... */
  entryNodes: number[];
  /** ...and its action (null: the node's state itself). */
  entryActions: (Action | null)[];
}

export function encodeFrontier(frontier: Frontier): FrontierBatch {
  const batch: FrontierBatch = { nodeParents: [], nodeActions: [], entryNodes: [], entryActions: [] };
  const nodes = new Map<Trail, number>();
  const pending: Trail[] = [];
  // An entry's via step is a node of its own, shared by the siblings that follow it.
  let lastBase: GlobalState | null = null;
  let lastVia: Action | null = null;
  let lastViaNode = 0;
  for (let k = 0; k < frontier.size; k++) {
    const base = frontier.bases[k] as GlobalState;
    const via = frontier.vias[k] ?? null;
    // Walk up to the first step already in the tree (or the initial state), then add the steps below it, top down.
    let at: Trail = base.trail;
    while (!nodes.has(at) && at.prev !== null) {
      pending.push(at);
      at = at.prev;
    }
    if (at.prev === null && !nodes.has(at)) nodes.set(at, 0);
    let above = nodes.get(at) as number;
    for (let j = pending.length - 1; j >= 0; j--) {
      const step = pending[j] as Trail;
      batch.nodeParents.push(above);
      batch.nodeActions.push(step.action as Action);
      above = batch.nodeParents.length;
      nodes.set(step, above);
    }
    pending.length = 0;
    if (via !== null) {
      if (base !== lastBase || via !== lastVia) {
        batch.nodeParents.push(above);
        batch.nodeActions.push(via);
        lastViaNode = batch.nodeParents.length;
        lastBase = base;
        lastVia = via;
      }
      above = lastViaNode;
    }
    batch.entryNodes.push(above);
    batch.entryActions.push(frontier.actions[k] ?? null);
  }
  return batch;
}

/** Steps a batch's tree again; `step` is the model's step (the receiver's own states). */
export function decodeFrontier(batch: FrontierBatch, model: ExploreModel, into: Frontier): void {
  const states: GlobalState[] = [model.initial()];
  for (let n = 0; n < batch.nodeParents.length; n++) {
    states.push(model.step(states[batch.nodeParents[n] as number] as GlobalState, batch.nodeActions[n] as Action));
  }
  for (let k = 0; k < batch.entryNodes.length; k++) into.push(states[batch.entryNodes[k] as number] as GlobalState, null, batch.entryActions[k] ?? null);
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

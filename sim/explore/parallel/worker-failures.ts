// What a worker's failure becomes in the coordinator's thread: a step that
// threw is stepped again here (steps are deterministic), so the error is the
// one the sequential search raises; a step that never returned becomes the
// sequential search's ExploreHang (hang.ts), with the path replayed here up
// to that step (those steps returned once already).
import { BoundHit } from '../../world.ts';
import type { Action } from '../actions.ts';
import { hangAt, type Explored } from '../hang.ts';
import type { ExploreModel } from '../model.ts';
import type { GlobalState } from '../state.ts';
import type { WorkerFailure } from './messages.ts';
import { replayPath } from './transfer.ts';

/**
 * The failure to raise for the workers' failures: a hang in a handler first
 * (a worker ended while parked for the table to grow only when no handler
 * hung), else the first worker's failure, stepped again here.
 */
export function raiseWorkerFailures(model: ExploreModel, failures: readonly WorkerFailure[], explored: Explored): void {
  const hung = failures.find((f) => f.hang !== undefined && !f.hang.parked) ?? failures.find((f) => f.hang !== undefined);
  if (hung?.hang !== undefined) {
    const { process, handler, timeoutMs, parked } = hung.hang;
    if (parked) throw new Error(`explore: a worker waited more than ${timeoutMs / 1000} s for the visited table to grow (--handler-timeout-s)`);
    const parent = hung.action === null ? null : replayPath(model, hung.path);
    throw hangAt(model, { process, handler, timeoutMs }, parent, hung.action, explored);
  }
  const first = failures[0];
  if (first !== undefined) reproduceWorkerFailure(model, first);
}

/**
 * A step failed in a worker: step it again here, where it fails the same
 * way (steps are deterministic), so the error is the one the sequential
 * search raises, with the path in its message (search.ts's stepOrExplain).
 */
function reproduceWorkerFailure(model: ExploreModel, failure: WorkerFailure): never {
  const s = replayPath(model, failure.path);
  return reproduceFailure(model, s, failure.action, new Error(failure.message));
}

export function reproduceFailure(model: ExploreModel, s: GlobalState, action: Action | null, failure: unknown): never {
  if (action === null) {
    model.enabled(s);
    throw failure;
  }
  try {
    model.step(s, action);
  } catch (error) {
    if (error instanceof BoundHit || !(error instanceof Error) || error.name === 'InputError') throw error;
    const path = [...model.choicesTo(s.trail), model.label(s, action)];
    throw new Error(`${error.message} (path: ${JSON.stringify(path)})`, { cause: error });
  }
  throw failure;
}

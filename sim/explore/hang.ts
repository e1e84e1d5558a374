// A protocol handler that never returned during an exploration: the search
// runs in slices bounded by wall-clock time (sim/handler-watchdog.ts), and a
// slice that passes the bound ends the exploration with this error, which
// names the process, the handler, the path to the step that did not end (the
// choices of a counterexample, and that step's label) and what the search
// had explored by then. A safety net: a search whose handlers return is not
// changed in any way (the bound never decides what is explored).
import { ProtocolHandlerError, type HandlerKind } from '../system/handlers.ts';
import type { SliceTimeout } from '../handler-watchdog.ts';
import type { Action } from './actions.ts';
import type { ExploreModel } from './model.ts';
import type { GlobalState } from './state.ts';

/**
 * Milliseconds of search (a few of its 25 ms yields) in one node:vm call
 * bounded by the wall-clock bound on handlers (stepsWithin): each call costs
 * a watchdog thread, and the calls come by wall-clock time, so on a loaded
 * machine, where the search gets little CPU a second, they cost the more of
 * it. A Ctrl-C then waits for the end of the stretch, within a tenth of a second.
 */
export const BOUNDED_STRETCH_MS = 100;
/**
 * A worker's slice of a level (parallel/worker.ts): a worker reads the stop
 * flag inside its slices, so their length delays nothing, and 1 s costs a
 * tenth of 100 ms. Both are at most a tenth of the bound, so that a slice of
 * real work on a loaded machine stays well inside a small bound.
 */
export const WORKER_SLICE_MS = 1000;

/** A stretch of at most `preferredMs`, and at most a tenth of the bound. */
export function stretchWithin(timeoutMs: number, preferredMs: number): number {
  return Math.min(preferredMs, timeoutMs / 10);
}

/** What the search had done when the bound ended it. */
export interface Explored {
  states: number;
  transitions: number;
  /** The deepest state reached. */
  depth: number;
}

/** Where the hang was: the process and handler (null: no handler was running), and the bound. */
export interface HangSite {
  process: string | null;
  handler: HandlerKind;
  timeoutMs: number;
}

/**
 * A ProtocolHandlerError, as a handler that throws is: the CLI reports both
 * the same way (one line, exit 1), also from the coverage worker, which
 * passes a ProtocolHandlerError on by its fields and message. The message
 * is the whole report (no protocol frames: the handler was stopped, not
 * thrown out of).
 */
export class ExploreHang extends ProtocolHandlerError {
  constructor(
    readonly site: HangSite,
    /** The step that did not end: 0 while starting the initial processes. */
    readonly step: number,
    /** The choice labels to that step, that step's own label last (none for step 0). */
    readonly path: readonly string[],
    readonly explored: Explored,
  ) {
    // With no handler running the process field names none (the message says so).
    super(site.process ?? '(no process)', site.handler, -1, step, 'step', `did not return within ${site.timeoutMs / 1000} s`, []);
    this.message = hangMessage(site, step, path, explored);
  }
}

function hangMessage(site: HangSite, step: number, path: readonly string[], explored: Explored): string {
  const bound = `within ${site.timeoutMs / 1000} s (a wall-clock bound: --handler-timeout-s)`;
  const where = step === 0 ? 'while starting the initial processes' : `at step ${step} of path ${JSON.stringify(path)}`;
  const what = site.process === null ? `the explorer (no protocol handler running) did not finish a slice ${bound}, ${step === 0 ? where : `after step ${step} of path ${JSON.stringify(path)}`}` : `${site.process}'s ${site.handler} handler did not return ${bound} ${where}`;
  return `${what}; ${explored.states} states explored to depth ${explored.depth} (${explored.transitions} transitions) before it, no violation found in them`;
}

export function hangSiteOf(timeout: SliceTimeout): HangSite {
  return { process: timeout.process, handler: timeout.handler, timeoutMs: timeout.timeoutMs };
}

/** The hang at the step `model` was taking (model.inHand), with the labels of its path. */
export function hangInModel(model: ExploreModel, site: HangSite, explored: Explored): ExploreHang {
  return hangAt(model, site, model.inHand.parent, model.inHand.action, explored);
}

/** The hang at action `action` of `parent` (null: the initial state was being built). */
export function hangAt(model: ExploreModel, site: HangSite, parent: GlobalState | null, action: Action | null, explored: Explored): ExploreHang {
  if (parent === null || action === null) return new ExploreHang(site, 0, [], explored);
  return new ExploreHang(site, parent.trail.depth + 1, [...model.choicesTo(parent.trail), model.label(parent, action)], explored);
}

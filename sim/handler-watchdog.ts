// A wall-clock bound on each slice of a run. A protocol handler that never
// returns (`for (;;) {}` in a plugin, a buggy patch) would otherwise hold the
// thread for good: the event bounds count events, and one event never ends;
// no signal handler runs while the loop holds the thread. node:vm's `timeout`
// has a watchdog thread call V8's TerminateExecution on this isolate (a
// worker thread's too) and turns it into an exception at the vm call, with
// the heap (the world, the trace so far) intact. This is a safety net only:
// a slice takes milliseconds, the bound is seconds, and a run that ends within
// it is not changed in any way (the bound never decides what a run does).
import { performance } from 'node:perf_hooks';
import { createContext, Script } from 'node:vm';
import { runningHandler, type HandlerKind } from './system/handlers.ts';
import type { ProcessId } from '../traces/schema.ts';

/** The default bound: far above any real slice (milliseconds), so only a hang reaches it. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;

/** A slice did not end within the bound; names the handler that was running, if one was. */
export class SliceTimeout extends Error {
  override readonly name = 'SliceTimeout';
  constructor(
    readonly timeoutMs: number,
    readonly process: ProcessId | null,
    readonly handler: HandlerKind,
  ) {
    super(`a slice of the run did not end within ${timeoutMs / 1000} s`);
  }

  /** The failure line, in ProtocolHandlerError's style (sim/system/handlers.ts). */
  describe(traceEventIndex: number, timeUs: number): string {
    const where = `at trace event ${traceEventIndex} (t=${timeUs}us)`;
    const bound = `within ${this.timeoutMs / 1000} s (a wall-clock bound: --handler-timeout-s)`;
    if (this.process === null) return `the simulator (no protocol handler) did not finish a slice ${bound} ${where}`;
    return `${this.process}'s ${this.handler} handler did not return ${bound} ${where}`;
  }
}

// Compiled once: each call only runs it. The context holds the slice to call.
const context = createContext({ slice: undefined as (() => unknown) | undefined });
const script = new Script('slice()', { filename: 'vsynclab:handler-watchdog' });

/** Calls `slice`, ending it with SliceTimeout if it runs longer than `timeoutMs` of wall-clock time. */
export function runWithin<T>(timeoutMs: number, slice: () => T): T {
  const outer = context.slice;
  context.slice = slice;
  try {
    return script.runInContext(context, { timeout: timeoutMs }) as T;
  } catch (caught) {
    if ((caught as { code?: unknown } | null)?.code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw caught;
    // The handler was ended mid-call: its record says who it was; clear it for the next run.
    const timeout = new SliceTimeout(timeoutMs, runningHandler.process, runningHandler.handler);
    runningHandler.process = null;
    throw timeout;
  } finally {
    context.slice = outer;
  }
}

/**
 * Drives `steps`, each stretch of them within `timeoutMs` (SliceTimeout past
 * it), and yields what they yield: for a computation written as a generator
 * that yields every few tens of milliseconds (the explorer's searches), one
 * node:vm call per stretch bounds every handler it calls. A stretch runs
 * `next()` until `minStretchMs` of wall-clock time have passed (0: one
 * `next()`), and yields the last value: each node:vm call starts and joins a
 * watchdog thread (some 0.1 ms, more on a loaded machine), so a stretch of
 * several yields costs a fraction of one per yield. A generator ended by the
 * bound is finished: it is not resumed.
 */
export function* stepsWithin<Y, R>(timeoutMs: number, steps: Generator<Y, R, void>, minStretchMs = 0): Generator<Y, R, void> {
  const next = (): IteratorResult<Y, R> => {
    const until = performance.now() + minStretchMs;
    for (;;) {
      const step = steps.next();
      if (step.done === true || minStretchMs <= 0 || performance.now() >= until) return step;
    }
  };
  for (;;) {
    const step = runWithin(timeoutMs, next);
    if (step.done === true) return step.value;
    yield step.value;
  }
}

// Calls into a protocol's handlers. A handler that throws is a protocol bug:
// the run fails with an error that names the process, the handler, where in
// the run it happened (the trace event index and the time) and the stack
// frames inside the protocol, without the scheduler's frames below them.
import type { AnyProtocol, AppRequest, NodeContext, StartInput, Step } from '../../protocol/types.ts';
import type { ProcessId } from '../../traces/schema.ts';

export type HandlerKind = 'start' | 'message' | 'timer' | 'request' | 'suspect';

/** Where a handler runs: asked only when it throws, so the hot path pays nothing. */
export interface HandlerSite {
  /** The index `i` the next trace event will get. */
  traceEventIndex(): number;
  /** The simulated time (microseconds) or, in the explorer, the step number. */
  time(): number;
  readonly timeUnit: 'us' | 'step';
}

/** A protocol handler threw. */
export class ProtocolHandlerError extends Error {
  override readonly name = 'ProtocolHandlerError';
  constructor(
    readonly process: ProcessId,
    readonly handler: HandlerKind,
    readonly traceEventIndex: number,
    readonly time: number,
    readonly timeUnit: 'us' | 'step',
    /** The thrown value's message. */
    readonly reason: string,
    /** The stack frames inside the protocol, innermost first ("at ..." lines). */
    readonly protocolFrames: readonly string[],
    options?: { cause: unknown },
  ) {
    const when = timeUnit === 'us' ? `t=${time}us` : `step ${time}`;
    super(`${process}'s ${handler} handler threw at trace event ${traceEventIndex} (${when}): ${reason}`, options);
  }

  /** The same error with more context after its message (the explorer adds the path). */
  withContext(suffix: string): ProtocolHandlerError {
    const copy = new ProtocolHandlerError(this.process, this.handler, this.traceEventIndex, this.time, this.timeUnit, this.reason, this.protocolFrames, {
      cause: this.cause,
    });
    copy.message = `${this.message}${suffix}`;
    return copy;
  }

  /** The message and the protocol's frames, one per line. */
  describe(): string {
    return [this.message, ...this.protocolFrames.map((f) => `    ${f}`)].join('\n');
  }
}

// This file's frames mark where the protocol's frames end.
const THIS_FILE = /sim[/\\]system[/\\]handlers\.[cm]?[jt]s/;

/** The frames of `error`'s stack above the first frame of this file (the protocol's own frames). */
export function protocolFramesOf(error: unknown): string[] {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return [];
  const frames: string[] = [];
  for (const line of error.stack.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('at ')) continue;
    if (THIS_FILE.test(trimmed)) break;
    frames.push(trimmed);
  }
  return frames;
}

function fail(error: unknown, process: ProcessId, handler: HandlerKind, site: HandlerSite): never {
  const reason = error instanceof Error ? error.message : String(error);
  throw new ProtocolHandlerError(process, handler, site.traceEventIndex(), site.time(), site.timeUnit, reason, protocolFramesOf(error), {
    cause: error,
  });
}

/**
 * The handler running now (`process` null: none). A handler ended by the
 * wall-clock bound (sim/handler-watchdog.ts) cannot say so itself (no catch
 * or finally runs when V8 terminates execution), so each call notes itself
 * here: two stores before and one after, nothing else on the hot path.
 */
export const runningHandler: { process: ProcessId | null; handler: HandlerKind } = { process: null, handler: 'start' };

// One function per handler (no dispatch on a kind): these are on the
// simulator's hot path.

export function callInit(protocol: AnyProtocol, ctx: NodeContext, start: StartInput, site: HandlerSite): Step<unknown, unknown, string> {
  runningHandler.process = ctx.self;
  runningHandler.handler = 'start';
  try {
    const step = protocol.init(ctx, start);
    runningHandler.process = null;
    return step;
  } catch (error) {
    runningHandler.process = null;
    return fail(error, ctx.self, 'start', site);
  }
}

export function callMessage(protocol: AnyProtocol, state: unknown, from: ProcessId, msg: unknown, ctx: NodeContext, site: HandlerSite): Step<unknown, unknown, string> {
  runningHandler.process = ctx.self;
  runningHandler.handler = 'message';
  try {
    const step = protocol.onMessage(state, from, msg, ctx);
    runningHandler.process = null;
    return step;
  } catch (error) {
    runningHandler.process = null;
    return fail(error, ctx.self, 'message', site);
  }
}

export function callTimer(protocol: AnyProtocol, state: unknown, tag: string, ctx: NodeContext, site: HandlerSite): Step<unknown, unknown, string> {
  runningHandler.process = ctx.self;
  runningHandler.handler = 'timer';
  try {
    const step = protocol.onTimer(state, tag, ctx);
    runningHandler.process = null;
    return step;
  } catch (error) {
    runningHandler.process = null;
    return fail(error, ctx.self, 'timer', site);
  }
}

export function callRequest(protocol: AnyProtocol, state: unknown, request: AppRequest, ctx: NodeContext, site: HandlerSite): Step<unknown, unknown, string> {
  runningHandler.process = ctx.self;
  runningHandler.handler = 'request';
  try {
    const step = protocol.onRequest(state, request, ctx);
    runningHandler.process = null;
    return step;
  } catch (error) {
    runningHandler.process = null;
    return fail(error, ctx.self, 'request', site);
  }
}

/** Null when the protocol takes no suspicions. */
export function callSuspect(protocol: AnyProtocol, state: unknown, suspect: ProcessId, ctx: NodeContext, site: HandlerSite): Step<unknown, unknown, string> | null {
  const onSuspect = protocol.onSuspect;
  if (onSuspect === undefined) return null;
  runningHandler.process = ctx.self;
  runningHandler.handler = 'suspect';
  try {
    const step = onSuspect.call(protocol, state, suspect, ctx);
    runningHandler.process = null;
    return step;
  } catch (error) {
    runningHandler.process = null;
    return fail(error, ctx.self, 'suspect', site);
  }
}

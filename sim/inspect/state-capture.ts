// Capturing process states without changing the world: the protocol is
// wrapped so that every state a handler returns is remembered for the
// process it belongs to, then handed back unchanged. The run (timed or
// explored) cannot tell the difference: the same handlers run on the same
// inputs, in the same order, and return the same steps.
import type { AnyProtocol, AppRequest, NodeContext, StartInput, Step } from '../../protocol/types.ts';
import type { ProcessId } from '../../core/ids.ts';

/** One handler call, in call order: the process and the state it returned. */
export interface HandlerCall {
  readonly node: ProcessId;
  readonly state: unknown;
}

export interface StateCapture {
  /** The protocol to run: the original with every handler observed. */
  readonly protocol: AnyProtocol;
  /** Each process's latest state, as its handlers last returned it. */
  readonly latest: Map<ProcessId, unknown>;
  /** Hears every handler call as it returns (null: nobody listens). */
  onCall: ((call: HandlerCall) => void) | null;
}

type AnyStep = Step<unknown, unknown, string>;

/**
 * Wraps `inner` so that the states its handlers return are captured. The
 * wrapper only delegates: the scheduler that calls it still interprets
 * every effect (sim/system stays the one interpreter).
 */
export function captureStates(inner: AnyProtocol): StateCapture {
  const latest = new Map<ProcessId, unknown>();
  const capture: StateCapture = { protocol: inner, latest, onCall: null };
  const note = (ctx: NodeContext, step: AnyStep): AnyStep => {
    latest.set(ctx.self, step.state);
    capture.onCall?.({ node: ctx.self, state: step.state });
    return step;
  };
  const onSuspect = inner.onSuspect;
  const handlers: Partial<AnyProtocol> = {
    init: (ctx: NodeContext, start: StartInput): AnyStep => note(ctx, inner.init(ctx, start)),
    onMessage: (state: unknown, from: ProcessId, msg: unknown, ctx: NodeContext): AnyStep => note(ctx, inner.onMessage(state, from, msg, ctx)),
    onTimer: (state: unknown, timer: string, ctx: NodeContext): AnyStep => note(ctx, inner.onTimer(state, timer, ctx)),
    onRequest: (state: unknown, request: AppRequest, ctx: NodeContext): AnyStep => note(ctx, inner.onRequest(state, request, ctx)),
    ...(onSuspect === undefined
      ? {}
      : { onSuspect: (state: unknown, suspect: ProcessId, ctx: NodeContext): AnyStep => note(ctx, onSuspect.call(inner, state, suspect, ctx)) }),
  };
  // Every other member (name, properties, isQuiet, appDigest, describeMessage, ...) is the
  // original's, its methods called on the original (a class's private fields keep working).
  const wrapped = new Proxy(inner, {
    get(target, key, receiver) {
      if (typeof key === 'string' && Object.hasOwn(handlers, key)) return handlers[key as keyof AnyProtocol];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  (capture as { protocol: AnyProtocol }).protocol = wrapped;
  return capture;
}

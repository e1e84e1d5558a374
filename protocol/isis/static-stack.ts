// The multicast layers alone in a static group: every initial member is in
// view 1 for the whole run; no failure detector, no membership changes, no
// flush. `isis-fbcast-static` is the reliable FIFO transport plus FBCAST;
// `isis-cbcast-static` is CBCAST over an unordered (but exactly-once)
// transport, so the causal rule itself restores per-sender order.
import { describeIsisMessage } from './describe-message.ts';
import { InputError } from '../../core/input-error.ts';
import type { AppRequest, DeliveryOrder, Effect, NodeContext, Protocol, ProcessId, StartInput, Step, View } from '../types.ts';
import { assertNever } from '../types.ts';
import { defaultIsisLayers, type IsisLayers } from './config.ts';
import type { McMessage } from './mc-message.ts';
import { parseIsisOptions, STATIC_OPTION_FIELDS, type IsisOptions } from './options.ts';
import {
  ACK_TIMER,
  emptyTransport,
  transportAckTimer,
  retransmitTimerPeer,
  transportFlushAcks,
  transportIdle,
  transportReceive,
  transportSend,
  transportTimer,
  unackedCount,
  type Frame,
  type TransportConfig,
  type TransportState,
} from './transport.ts';
import { permuteStaticFrame, permuteStaticState } from './static-permute.ts';
import { encodeStaticFrame, encodeStaticState } from './static-encode.ts';
import { deliverReady, insertWaiting, makeMulticast, newViewComm, waitingCount, withNextSn, type ViewComm } from './view-comm.ts';

export type StaticBody = { k: 'mc'; m: McMessage };
export type StaticFrame = Frame<StaticBody>;
type Fx = Effect<StaticFrame>[];

export interface StaticState {
  self: ProcessId;
  vc: ViewComm;
  transport: TransportState<StaticBody>;
  /** Multicasts made so far (message ids are `${self}:${n}`). */
  sent: number;
  /** Requests waiting for the transport window to drain (back-pressure). */
  queue: AppRequest[];
}

export type StaticKind = 'fbcast' | 'cbcast';

/**
 * A StaticState as one object literal in its declared field order: the
 * handlers below build every new state through it rather than with spreads
 * (`{ ...state, vc }` clones through V8's CloneObject IC, slow once it sees
 * many shapes; the explorer steps these handlers millions of times).
 */
function staticState(self: ProcessId, vc: ViewComm, transport: TransportState<StaticBody>, sent: number, queue: AppRequest[]): StaticState {
  return { self, vc, transport, sent, queue };
}

function transportConfig(kind: StaticKind, o: IsisOptions): TransportConfig {
  const ordered = kind === 'fbcast';
  const mode = o.reliableNetwork ? (ordered ? 'sequenced' : 'raw') : 'ack';
  return {
    mode,
    ordered,
    retransmitTimeoutUs: o.retransmitTimeoutUs,
    windowFrames: o.windowFrames,
    maxUnackedFrames: o.maxUnackedFrames,
    ackDelayUs: o.ackDelayUs,
  };
}

/** The order this variant actually promises for a requested order. */
function promisedOrder(kind: StaticKind, requested: DeliveryOrder): DeliveryOrder {
  if (kind === 'fbcast') return 'fifo';
  return requested === 'total' ? 'causal' : requested;
}

export function makeStaticProtocol(
  kind: StaticKind,
  rawOptions: Record<string, unknown>,
  layers: IsisLayers = defaultIsisLayers,
): Protocol<StaticState, StaticFrame> {
  const options = parseIsisOptions(rawOptions, STATIC_OPTION_FIELDS);
  const cfg = transportConfig(kind, options);
  const name = `isis-${kind}-static`;

  function deliverAll(state: StaticState, fx: Fx): StaticState {
    const { vc, delivered } = deliverReady(state.vc, layers, null);
    for (let k = 0; k < delivered.length; k++) {
      const m = delivered[k] as McMessage;
      fx.push({ kind: 'observe', observation: { type: 'deliver', msg: m.id, from: m.from, view: m.view } });
    }
    return vc === state.vc ? state : staticState(state.self, vc, state.transport, state.sent, state.queue);
  }

  function windowFull(state: StaticState): boolean {
    for (const peer of state.vc.view.members) {
      if (peer !== state.self && unackedCount(state.transport, peer) >= options.maxUnackedFrames) return true;
    }
    return false;
  }

  function multicast(state: StaticState, order: DeliveryOrder, payload: { key: string; value: number }, fx: Fx): StaticState {
    const promised = promisedOrder(kind, order);
    const m = makeMulticast(state.vc, state.self, promised, payload, state.sent + 1);
    let transport = state.transport;
    const members = state.vc.view.members;
    for (let k = 0; k < members.length; k++) {
      const peer = members[k] as ProcessId;
      if (peer === state.self) continue;
      transport = transportSend<StaticBody>(transport, peer, { k: 'mc', m }, cfg, fx).ts;
    }
    fx.push({ kind: 'observe', observation: { type: 'bcast', msg: m.id, order: promised, view: m.view } });
    const vc = insertWaiting(withNextSn(state.vc, m.sn + 1), m);
    return deliverAll(staticState(state.self, vc, transport, state.sent + 1, state.queue), fx);
  }

  function drainQueue(state: StaticState, fx: Fx): StaticState {
    let s = state;
    while (s.queue.length > 0 && !windowFull(s)) {
      const [head, ...rest] = s.queue;
      s = staticState(s.self, s.vc, s.transport, s.sent, rest);
      if (head?.type === 'multicast') s = multicast(s, head.order, head.payload, fx);
    }
    return s;
  }

  function finish(state: StaticState, fx: Fx): Step<StaticState, StaticFrame> {
    const drained = state.queue.length > 0 ? drainQueue(state, fx) : state;
    const transport = transportFlushAcks(drained.transport, cfg, fx);
    return { state: transport === drained.transport ? drained : staticState(drained.self, drained.vc, transport, drained.sent, drained.queue), effects: fx };
  }

  return {
    name,

    init(ctx: NodeContext, start: StartInput): Step<StaticState, StaticFrame> {
      if (start.mode !== 'member') {
        throw new InputError(`protocol ${name}: a static group takes no joiners or restarts (use protocol "isis")`);
      }
      const view: View = { id: 1, members: [...start.initialMembers] };
      const state: StaticState = {
        self: ctx.self,
        vc: newViewComm(view, ctx.self, false),
        transport: emptyTransport(),
        sent: 0,
        queue: [],
      };
      return { state, effects: [{ kind: 'observe', observation: { type: 'view', view } }] };
    },

    onMessage(state, from, frame) {
      const fx: Fx = [];
      const received = transportReceive(state.transport, from, frame, cfg, fx);
      // Spread only what changed: the explorer steps this handler millions of times.
      let s: StaticState = received.ts === state.transport ? state : staticState(state.self, state.vc, received.ts, state.sent, state.queue);
      // Indexed loops here and above: a for-of allocated an iterator result per element in these hot handlers.
      for (let k = 0; k < received.bodies.length; k++) {
        const body = received.bodies[k] as StaticBody;
        if (body.k !== 'mc' || body.m.view !== s.vc.view.id) continue;
        const vc = insertWaiting(s.vc, body.m);
        if (vc !== s.vc) s = staticState(s.self, vc, s.transport, s.sent, s.queue);
      }
      if (received.bodies.length > 0) s = deliverAll(s, fx);
      return finish(s, fx);
    },

    onTimer(state, timer) {
      const fx: Fx = [];
      if (timer === ACK_TIMER) return finish(staticState(state.self, state.vc, transportAckTimer(state.transport, fx), state.sent, state.queue), fx);
      const peer = retransmitTimerPeer(timer);
      if (peer === null) return { state, effects: [] };
      return finish(staticState(state.self, state.vc, transportTimer(state.transport, peer, cfg, fx), state.sent, state.queue), fx);
    },

    onRequest(state, request: AppRequest) {
      const fx: Fx = [];
      switch (request.type) {
        case 'multicast': {
          if (state.queue.length > 0 || windowFull(state)) {
            if (state.queue.length >= options.maxQueuedRequests) {
              fx.push({ kind: 'observe', observation: { type: 'note', text: 'request-dropped' } });
              return { state, effects: fx };
            }
            return finish(staticState(state.self, state.vc, state.transport, state.sent, [...state.queue, request]), fx);
          }
          return finish(multicast(state, request.order, request.payload, fx), fx);
        }
        case 'leave':
          // A static group has no membership changes: the request is refused.
          fx.push({ kind: 'observe', observation: { type: 'note', text: 'leave-unsupported' } });
          return { state, effects: fx };
        default:
          return assertNever(request, 'request');
      }
    },

    isQuiet(state) {
      return state.queue.length === 0 && transportIdle(state.transport) && waitingCount(state.vc) === 0;
    },

    appDigest() {
      return null;
    },

    hasExited() {
      return false;
    },

    describeMessage: describeIsisMessage,
    permute: permuteStaticState,
    permuteMessage: permuteStaticFrame,
    encodeState: encodeStaticState,
    encodeMessage: encodeStaticFrame,
  };
}

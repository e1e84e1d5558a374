// The full ISIS stack ('isis'): reliable FIFO transport, heartbeat failure
// detector, group membership with flush, FBCAST/CBCAST/ABCAST, stability
// and garbage collection, join with state transfer, leave, and the kv
// application, composed into one pure state machine. Each layer lives in
// its own file; this one only routes inputs and runs the end-of-step work.
import { describeIsisMessage } from './describe-message.ts';
import { ISIS_ASYMMETRY } from './permute.ts';
import type { AppRequest, NodeContext, Protocol, ProcessId, StartInput, Step, View } from '../types.ts';
import { assertNever } from '../types.ts';
import { defaultIsisLayers, type IsisLayers } from './config.ts';
import { HEARTBEAT_TIMER, heard, heardIn, heartbeatTick, someoneSilent, startHeartbeats, trackMembers } from './failure-detector.ts';
import { LEAVER_LINGER_TIMER, leaverLingerTimer, onAccept, onFlushRequest, VIEW_CHANGE_TIMER } from './gms-member.ts';
import { onExclusionAck, resendExclusionNotices } from './exclusion-notices.ts';
import { JOIN_TIMER, onInstall } from './install.ts';
import type { IsisFrame, IsisState, StepCtx } from './isis-state.ts';
import { copyState, emptyGms, isCoordinator, needsViewChange, withTransport } from './isis-state.ts';
import { askToJoin, joinTimer, noticeRemoved, onExcluded, onJoinersHandedOver, onJoinRequest, onLeaveRequest, requestLeave } from './join-leave.ts';
import { kvDigest } from './kv-app.ts';
import { LEAVERS_GONE_TIMER, leaversGoneTimer, onAccepted, onFlushOk, onNack, revokesSuspicionOf, startViewChange, suspect, unsuspect, viewChangeTimer } from './membership.ts';
import type { IsisBody } from './messages.ts';
import {
  canMulticast,
  sendsHeld,
  enqueue,
  multicastNow,
  onMulticast,
  onOrderAck,
  onOrders,
  onStability,
  ORDER_ACK_TIMER,
  ORDER_BATCH_TIMER,
  orderAckTick,
  orderBatchTick,
  STABILITY_TIMER,
  stabilityTick,
} from './multicast.ts';
import { orderAckDue, orderBatchDue } from './abcast.ts';
import { FULL_OPTION_FIELDS, parseIsisOptions } from './options.ts';
import {
  ACK_TIMER,
  emptyTransport,
  transportAckTimer,
  retransmitTimerPeer,
  transportFlushAcks,
  transportIdle,
  transportReceive,
  transportTimer,
  type TransportConfig,
} from './transport.ts';
import { newViewComm, waitingCount } from './view-comm.ts';

type IsisStep = Step<IsisState, IsisFrame>;

/** View changes one step may chain (a one-member group installs synchronously). */
const MAX_CHAINED_VIEW_CHANGES = 4;

export function makeIsisProtocol(rawOptions: Record<string, unknown>, layers: IsisLayers = defaultIsisLayers): Protocol<IsisState, IsisFrame> {
  const o = parseIsisOptions(rawOptions, FULL_OPTION_FIELDS);
  const cfg: TransportConfig = {
    mode: o.reliableNetwork ? 'sequenced' : 'ack',
    ordered: true,
    retransmitTimeoutUs: o.retransmitTimeoutUs,
    windowFrames: o.windowFrames,
    maxUnackedFrames: o.maxUnackedFrames,
    ackDelayUs: o.ackDelayUs,
    // (layers.ackReleasesExactly: false releases one frame more than each ack covers.)
    releasedPastAck: layers.ackReleasesExactly ? 0 : 1,
  };
  const timersOff = o.reliableNetwork && o.failureDetector === 'external';
  const batchingOrders = !timersOff && o.orderBatchUs > 0;
  // One context per protocol instance, reset at the start of every step (handlers never nest, and
  // nothing keeps the context past its step; its `fx` array is fresh each time: the caller keeps it).
  const ctx: StepCtx = { o, layers, cfg, timersOff, fx: [], overflowed: [], exit: null };
  const newCtx = (): StepCtx => {
    ctx.fx = [];
    // Only when needed: setting an array's length is a call into V8's runtime (2% of a suite's CPU on every step).
    if (ctx.overflowed.length > 0) ctx.overflowed.length = 0;
    ctx.exit = null;
    return ctx;
  };

  function finish(state: IsisState, ctx: StepCtx): IsisStep {
    let s = state;
    for (const p of ctx.overflowed) s = suspect(s, ctx, p);
    s = drainQueue(s, ctx);
    for (let k = 0; k < MAX_CHAINED_VIEW_CHANGES && ctx.exit === null; k++) {
      const g = s.gms;
      if (!isCoordinator(s) || g.attempt !== null || !needsViewChange(s) || (g.tries > 0 && !timersOff)) break;
      const before = s.view?.id;
      s = drainQueue(startViewChange(s, ctx), ctx);
      if (s.view?.id === before) break;
    }
    const transport = transportFlushAcks(s.transport, cfg, ctx.fx);
    if (transport !== s.transport) s = withTransport(s, transport);
    if (ctx.exit !== null) {
      ctx.fx.push({ kind: 'observe', observation: { type: 'exit', reason: ctx.exit } });
      s = copyState(s);
      s.status = 'exited';
      s.queue = [];
    }
    return { state: s, effects: ctx.fx };
  }

  function drainQueue(state: IsisState, ctx: StepCtx): IsisState {
    let s = state;
    while (s.queue.length > 0 && s.status === 'member' && !sendsHeld(s, ctx) && ctx.exit === null) {
      const head = s.queue[0] as AppRequest;
      if (head.type === 'multicast' && !canMulticast(s, ctx)) break;
      s = copyState(s);
      s.queue = s.queue.slice(1);
      s = head.type === 'multicast' ? multicastNow(s, ctx, head.order, head.payload) : requestLeave(s, ctx);
    }
    return s;
  }

  function handleBody(s: IsisState, ctx: StepCtx, from: ProcessId, body: IsisBody): IsisState {
    switch (body.k) {
      case 'mc':
        return s.status === 'member' ? onMulticast(s, ctx, from, body.m, body.ok) : s;
      case 'ord':
        return onOrders(s, ctx, from, body);
      case 'oack':
        return onOrderAck(s, ctx, from, body);
      case 'stab':
        return onStability(s, ctx, from, body);
      case 'freq':
        return onFlushRequest(s, ctx, from, body);
      case 'fok':
        return onFlushOk(s, ctx, from, body);
      case 'nack':
        return onNack(s, ctx, body);
      case 'acc':
        return onAccept(s, ctx, from, body);
      case 'accd':
        return onAccepted(s, ctx, from, body);
      case 'inst':
        return onInstall(s, ctx, from, body);
      case 'leave':
        return onLeaveRequest(s, from, body);
      case 'join':
        return onJoinRequest(s, ctx, body.joiner);
      case 'hb':
        return s;
      case 'excl':
        return onExcluded(s, ctx, from, body);
      case 'xack':
        return onJoinersHandedOver(onExclusionAck(s, from), ctx, body.joiners ?? []);
      default:
        return assertNever(body, 'ISIS message');
    }
  }

  return {
    name: 'isis',

    init(node: NodeContext, start: StartInput): IsisStep {
      const ctx = newCtx();
      const base: IsisState = {
        self: node.self,
        status: 'joining',
        view: null,
        vc: null,
        gms: emptyGms(),
        fd: { missed: {} },
        transport: emptyTransport(),
        app: {},
        queue: [],
        sent: 0,
        removed: [],
        excluding: [],
        contacts: [],
      };
      if (start.mode === 'join') {
        askToJoin(ctx, node, start.contacts);
        base.contacts = [...start.contacts];
        return { state: base, effects: ctx.fx };
      }
      const view: View = { id: 1, members: [...start.initialMembers] };
      base.status = 'member';
      base.view = view;
      base.vc = newViewComm(view, node.self, true);
      const s = trackMembers(base, view.members);
      ctx.fx.push({ kind: 'observe', observation: { type: 'view', view: { id: 1, members: [...view.members] } } });
      startHeartbeats(ctx);
      if (!timersOff) ctx.fx.push({ kind: 'setTimer', timer: STABILITY_TIMER, delayUs: o.stabilityIntervalUs });
      return { state: s, effects: ctx.fx };
    },

    onMessage(state, from, frame) {
      if (state.status === 'exited') return { state, effects: [] };
      const ctx = newCtx();
      let bodies: readonly IsisBody[];
      // An excluded process acknowledging its notice is removed by definition: not refused.
      const acknowledgesExclusion = frame.t === 'r' && frame.body.k === 'xack';
      if (ctx.layers.refuseRemovedSenders && state.removed.includes(from) && !acknowledgesExclusion) {
        noticeRemoved(state, ctx, from);
        return { state, effects: ctx.fx };
      }
      let s: IsisState;
      if (revokesSuspicionOf(state, ctx, from)) {
        const alive = unsuspect(heard(state, from), ctx, from);
        const received = transportReceive(alive.transport, from, frame, cfg, ctx.fx);
        s = withTransport(alive, received.ts);
        bodies = received.bodies;
      } else {
        // The common case: nothing to revoke, so the step's first new state is built once, not per layer.
        const fd = heardIn(state.fd, from);
        const received = transportReceive(state.transport, from, frame, cfg, ctx.fx);
        if (fd === state.fd && received.ts === state.transport) {
          s = state;
        } else {
          s = copyState(state);
          s.fd = fd;
          s.transport = received.ts;
        }
        bodies = received.bodies;
      }
      for (const body of bodies) {
        if (s.status === 'exited' || ctx.exit !== null) break;
        s = handleBody(s, ctx, from, body);
      }
      return finish(s, ctx);
    },

    onTimer(state, timer) {
      if (state.status === 'exited') return { state, effects: [] };
      const ctx = newCtx();
      let s = state;
      if (timer === HEARTBEAT_TIMER) {
        const tick = heartbeatTick(s, ctx);
        s = tick.s;
        for (const p of tick.silent) s = suspect(s, ctx, p);
        s = resendExclusionNotices(s, ctx);
      } else if (timer === STABILITY_TIMER) {
        s = stabilityTick(s, ctx);
      } else if (timer === JOIN_TIMER) {
        s = joinTimer(s, ctx);
      } else if (timer === VIEW_CHANGE_TIMER) {
        s = viewChangeTimer(s, ctx);
      } else if (timer === LEAVER_LINGER_TIMER) {
        s = leaverLingerTimer(s, ctx);
      } else if (timer === LEAVERS_GONE_TIMER) {
        s = leaversGoneTimer(s, ctx);
      } else if (timer === ORDER_BATCH_TIMER) {
        s = orderBatchTick(s, ctx);
      } else if (timer === ORDER_ACK_TIMER) {
        s = orderAckTick(s, ctx);
      } else if (timer === ACK_TIMER) {
        s = withTransport(s, transportAckTimer(s.transport, ctx.fx));
      } else {
        const peer = retransmitTimerPeer(timer);
        if (peer !== null) s = withTransport(s, transportTimer(s.transport, peer, cfg, ctx.fx));
      }
      return finish(s, ctx);
    },

    onRequest(state, request: AppRequest) {
      if (state.status === 'exited') return { state, effects: [] };
      const ctx = newCtx();
      const idle = state.status === 'member' && !sendsHeld(state, ctx) && state.queue.length === 0;
      switch (request.type) {
        case 'multicast':
          if (idle && canMulticast(state, ctx)) return finish(multicastNow(state, ctx, request.order, request.payload), ctx);
          return finish(enqueue(state, ctx, request), ctx);
        case 'leave':
          return finish(idle ? requestLeave(state, ctx) : enqueue(state, ctx, request), ctx);
        default:
          return assertNever(request, 'request');
      }
    },

    onSuspect(state, pid) {
      if (state.status === 'exited') return { state, effects: [] };
      const ctx = newCtx();
      return finish(suspect(state, ctx, pid), ctx);
    },

    isQuiet(s) {
      if (s.status === 'exited') return true;
      if (s.status === 'joining' || s.queue.length > 0 || s.vc === null) return false;
      const g = s.gms;
      if (g.frozen || g.attempt !== null || g.leaving || (isCoordinator(s) && needsViewChange(s))) return false;
      if (!transportIdle(s.transport) || waitingCount(s.vc) > 0) return false;
      // Order batches and acknowledgements still to go out (their timers are armed).
      if (batchingOrders && (orderBatchDue(s.vc.total) || (s.vc.total.pass === null && orderAckDue(s.vc.total)))) return false;
      return !someoneSilent(s, o);
    },

    appDigest(s) {
      return s.status === 'member' ? kvDigest(s.app) : null;
    },

    // The simulator learns of an exit from the exit observation; only the manual test harness
    // (test/protocol/isis/harness.ts) asks a state. Kept: it is the contract's optional hook
    // (protocol/types.ts), which static-stack.ts implements too.
    hasExited(s) {
      return s.status === 'exited';
    },

    describeMessage: describeIsisMessage,
    asymmetry: ISIS_ASYMMETRY,
  };
}

// The explorer's structural key for the static multicast stacks
// (static-stack.ts; Protocol.encodeState): every field of the state and of
// a frame, written in a fixed order with each variable-length part's length
// first, so two states write the same sequence exactly when they are equal
// as plain data. The parts a CBCAST step changes (the delivered vector, the
// waiting queues and their messages, the counters) are written field by
// field; the parts it leaves alone in a static group (the total-order and
// stability state, the transport in raw mode, the request queue) go to the
// generic hash, which remembers shared objects by identity.
//
// A field added to StaticState, ViewComm or McMessage must be added here
// too, or states differing only in it would merge: the pinned explorer
// counts (test/sim/explore) and the encoder spec catch that.
import { assertNever, type StateEncoder } from '../types.ts';
import type { McMessage } from './mc-message.ts';
import type { StaticFrame, StaticState } from './static-stack.ts';
import type { ViewComm } from './view-comm.ts';

/** Tags keep a frame's variants and an absent body apart. */
const FRAME_DATA = 1;
const FRAME_ACK = 2;
const FRAME_RAW = 3;

function encodeNumbers(values: readonly number[], out: StateEncoder): void {
  out.number(values.length);
  for (let k = 0; k < values.length; k++) out.number(values[k] as number);
}

export function encodeMcMessage(m: McMessage, out: StateEncoder): void {
  out.string(m.id);
  out.string(m.from);
  out.number(m.rank);
  out.number(m.view);
  out.number(m.sn);
  out.string(m.order);
  encodeNumbers(m.vt, out);
  out.number(m.td);
  out.string(m.payload.key);
  out.number(m.payload.value);
}

function encodeQueues(queues: readonly (readonly McMessage[])[], out: StateEncoder): void {
  out.number(queues.length);
  for (let r = 0; r < queues.length; r++) {
    const q = queues[r] as readonly McMessage[];
    out.number(q.length);
    for (let j = 0; j < q.length; j++) encodeMcMessage(q[j] as McMessage, out);
  }
}

function encodeViewComm(vc: ViewComm, out: StateEncoder): void {
  out.number(vc.view.id);
  out.number(vc.view.members.length);
  for (const member of vc.view.members) out.string(member);
  out.number(vc.rank);
  out.number(vc.nextSn);
  encodeNumbers(vc.delivered, out);
  encodeQueues(vc.waiting, out);
  encodeQueues(vc.kept, out);
  out.number(vc.retain ? 1 : 0);
  out.value(vc.total);
  out.value(vc.stability);
}

export function encodeStaticState(state: StaticState, out: StateEncoder): void {
  out.string(state.self);
  encodeViewComm(state.vc, out);
  out.value(state.transport);
  out.number(state.sent);
  out.value(state.queue);
}

export function encodeStaticFrame(frame: StaticFrame, out: StateEncoder): void {
  switch (frame.t) {
    case 'd':
      out.number(FRAME_DATA);
      out.number(frame.seq);
      out.number(frame.ack);
      out.string(frame.body.k);
      encodeMcMessage(frame.body.m, out);
      return;
    case 'a':
      out.number(FRAME_ACK);
      out.number(frame.ack);
      return;
    case 'r':
      out.number(FRAME_RAW);
      out.string(frame.body.k);
      encodeMcMessage(frame.body.m, out);
      return;
    default:
      assertNever(frame, 'frame');
  }
}
